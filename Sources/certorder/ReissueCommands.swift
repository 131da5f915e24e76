import ArgumentParser
import OrderShell

/// `certorder reissue ORDER_ID [--csr FILE] [--provisioning METHOD] [--comments TEXT] [--yes]`.
struct ReissueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reissue",
        abstract: "Replace an issued order's certificate with a new one (a new key with --csr).",
        discussion: """
        POST /order/certificate/{id}/reissue. Without --provisioning the order's current method \
        is used. Asks on a terminal; --yes reissues without asking. The new certificate is the \
        order's: certorder download ORDER_ID.
        """
    )
    @Argument(help: "The order id.") var orderID: Int
    @Option(help: ArgumentHelp("The new key's CSR (PEM).", valueName: "FILE")) var csr: String?
    @Option(help: ArgumentHelp("email, ship_token or client_app.", valueName: "METHOD")) var provisioning: String?
    @Option(help: ArgumentHelp("A message for the approver.", valueName: "TEXT")) var comments: String?
    @Flag(help: "Reissue without asking.") var yes = false
    @OptionGroup var session: SessionOptions

    func run() async throws {
        try await session.perform {
            try await $0.reissue(orderID: orderID, csrPath: csr, provisioning: provisioning, comments: comments, yes: yes)
        }
    }
}

/// `certorder duplicate ORDER_ID --csr FILE [--yes]`.
struct DuplicateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duplicate",
        abstract: "Add a certificate to an issued order for another key, beside the order's own.",
        discussion: """
        POST /order/certificate/{id}/duplicate with the order's server platform and hash. \
        Prints the duplicate's certificate id: certorder download ORDER_ID --certificate ID.
        """
    )
    @Argument(help: "The order id.") var orderID: Int
    @Option(help: ArgumentHelp("The duplicate's key's CSR (PEM).", valueName: "FILE")) var csr: String
    @Flag(help: "Duplicate without asking.") var yes = false
    @OptionGroup var session: SessionOptions

    func run() async throws {
        try await session.perform { try await $0.duplicate(orderID: orderID, csrPath: csr, yes: yes) }
    }
}

/// `certorder expiring [--within DAYS] [--json]`.
struct ExpiringCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expiring",
        abstract: "Issued code signing orders whose certificate ends within DAYS (default 90), with their renewals.",
        discussion: """
        Reads GET /order/certificate filtered by product, page by page. Each line says the days \
        left and whether an order renews it (and that order's status) or 'renew ORDER_ID' is due.
        """
    )
    @Option(help: ArgumentHelp("How many days ahead (default 90).", valueName: "DAYS")) var within: Int = OrderSession.defaultExpiringWindow
    @Flag(help: "JSON instead of lines.") var json = false
    @OptionGroup var session: SessionOptions

    func validate() throws {
        guard (0...3650).contains(within) else { throw ValidationError("--within takes a number of days from 0 to 3650") }
    }

    func run() async throws {
        try await session.perform { try await $0.expiring(within: within, json: json) }
    }
}
