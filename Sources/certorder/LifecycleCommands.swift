import ArgumentParser
import CertCentral
import OrderShell

/// `certorder wait ORDER_ID… [--timeout SECONDS] [--interval SECONDS]`.
struct WaitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait",
        abstract: "Follow orders until each is issued, or ends without a certificate, or the time is up.",
        discussion: """
        Looks each order up once, then makes one GET /order/certificate/status-changes call per \
        round for all of them. Shows progress on a terminal. Exit status: 0 when every order is \
        issued, 65 when one was rejected, canceled, revoked or expired, 75 when the time ran out.
        """
    )
    @Argument(help: "The order ids.") var orderIDs: [Int]
    @Option(help: ArgumentHelp("Give up after this many seconds (default 1800).", valueName: "SECONDS")) var timeout: Double?
    @Option(help: ArgumentHelp("Seconds between looks (default 10).", valueName: "SECONDS")) var interval: Double?
    @OptionGroup var session: SessionOptions

    func validate() throws {
        guard !orderIDs.isEmpty, orderIDs.allSatisfy({ $0 > 0 }) else { throw ValidationError("give one or more order ids, such as 112233") }
        if let timeout { _ = try durationOrUsage(timeout, flag: "timeout", allowZero: true) }
        if let interval { _ = try durationOrUsage(interval, flag: "interval", allowZero: false) }
    }

    func run() async throws {
        let timeout = try self.timeout.map { try durationOrUsage($0, flag: "timeout", allowZero: true) } ?? OrderSession.defaultWaitTimeout
        let interval = try self.interval.map { try durationOrUsage($0, flag: "interval", allowZero: false) } ?? OrderSession.defaultWaitInterval
        try await session.perform(followUp: .orders(orderIDs)) { try await $0.wait(orderIDs: orderIDs, timeout: timeout, interval: interval) }
    }

    private func durationOrUsage(_ seconds: Double, flag: String, allowZero: Bool) throws -> Duration {
        do {
            return try OrderSession.seconds(String(seconds), flag: flag, allowZero: allowZero)
        } catch {
            throw ValidationError(error.message)
        }
    }
}

/// `certorder download ORDER_ID [--format FORMAT] [-o FILE] [--force]`.
struct DownloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Download an issued order's certificate (pem_all by default) to stdout or a file.",
        discussion: """
        pem_all holds the certificate, the intermediate and the root, as osslsigncode's -certs \
        and signtool expect. A file is written whole or not at all, mode 0644, and never over an \
        existing file without --force.
        """
    )
    @Argument(help: "The order id.") var orderID: Int
    @Option(help: ArgumentHelp("This certificate of the order (a duplicate, or one a reissue replaced) instead of its current one.", valueName: "ID"))
    var certificate: Int?
    @Option(help: ArgumentHelp("pem_all, pem_noroot, p7b or der.", valueName: "FORMAT")) var format: CertificateFormat = .pemAll
    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of stdout.", valueName: "FILE"), completion: .file()) var output: String?
    @Flag(help: "Replace an existing file.") var force = false
    @OptionGroup var session: SessionOptions

    func run() async throws {
        try await session.perform(followUp: .orders([orderID])) { try await $0.download(orderID: orderID, certificateID: certificate, format: format, output: output, force: force) }
    }
}

extension CertificateFormat: ExpressibleByArgument {}

/// `certorder renew ORDER_ID [SCRIPT] [--yes] [--allow-duplicate]`.
struct RenewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renew",
        abstract: "Renew an order: a new order with renewal_of_order_id, built from the order's current details.",
        discussion: """
        The order's product, organization, container, provisioning, validity, shipping and custom \
        fields are read from GET /order/certificate/{id}; SCRIPT's statements (such as \
        'certificate < csr @new.csr >' for email provisioning) go on top. Sent as 'send' sends: \
        validated, confirmed, journaled first; the same renewal is not sent twice without \
        --allow-duplicate.
        """
    )
    @Argument(help: "The order to renew.") var orderID: Int
    @Argument(help: "A script whose statements change the renewal.", completion: .file(extensions: ["order"])) var script: String?
    @Flag(help: "Send without asking.") var yes = false
    @Flag(name: .customLong("allow-duplicate"), help: "Send even if the same renewal was sent before.") var allowDuplicate = false
    @OptionGroup var session: SessionOptions

    func run() async throws {
        try await session.perform { try await $0.renew(orderID: orderID, script: script, yes: yes, allowDuplicate: allowDuplicate) }
    }
}

/// `certorder revoke ORDER_ID [--certificate ID] --reason TEXT [--yes]`.
struct RevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Ask for an order's certificate to be revoked; prints the revoke request to approve.",
        discussion: """
        Revoking a code signing certificate stops trust in past signatures and timestamps too. \
        Asks on a terminal; --yes revokes without asking. The reason is sent as the request's \
        comments. The request waits for an administrator's approval: certorder approve REQUEST_ID.
        """
    )
    @Argument(help: "The order id.") var orderID: Int
    @Option(help: ArgumentHelp("Revoke this certificate of the order (a reissue or duplicate) instead of the order's.", valueName: "ID"))
    var certificate: Int?
    @Option(help: ArgumentHelp("Why (sent as comments).", valueName: "TEXT")) var reason: String
    @Flag(help: "Revoke without asking.") var yes = false
    @OptionGroup var session: SessionOptions

    func run() async throws {
        try await session.perform { try await $0.revoke(orderID: orderID, certificateID: certificate, reason: reason, yes: yes) }
    }
}

/// `certorder requests [--status STATUS] [--json]`.
struct RequestsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requests",
        abstract: "The account's requests (GET /request): orders' and revocations', all or those in a status."
    )
    @Option(help: ArgumentHelp("pending, submitted, approved or rejected.", valueName: "STATUS"),
            completion: .list(["pending", "submitted", "approved", "rejected"])) var status: String?
    @Flag(help: "JSON instead of a table.") var json = false
    @OptionGroup var session: SessionOptions

    func run() async throws {
        try await session.perform { try await $0.requests(status: status, json: json) }
    }
}
