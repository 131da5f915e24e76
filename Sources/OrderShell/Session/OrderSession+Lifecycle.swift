import CertCentral
import CertOrder
import Foundation
import OrderLanguage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The commands of a certificate's life after the order: `wait` and `download`.
extension OrderSession {
    /// How long `wait` follows orders when no `--timeout` is given: 30 minutes, as certmesh
    /// (Lemur gives up after 100 s, which is too short for a real issuance).
    package static let defaultWaitTimeout: Duration = .seconds(1800)
    /// The time between `wait`'s looks: 10 s, as Lemur's (certmesh: 15 s).
    package static let defaultWaitInterval: Duration = .seconds(10)

    /// `wait ORDER_ID… [--timeout SECONDS] [--interval SECONDS]`: follows the orders until each
    /// is issued, or rejected, canceled, revoked or expired, or the time is up. Prints each
    /// order's end; fails with 65 when one ended without a certificate, 75 when the time ran out
    /// (65 when both).
    package func wait(orderIDs: [Int], timeout: Duration = defaultWaitTimeout, interval: Duration = defaultWaitInterval) async throws {
        let client = try await sender().client
        let progress = WaitProgress(console: console, orderIDs: orderIDs)
        let result: OrderWaitResult
        do {
            result = try await client.waitForOrders(orderIDs, timeout: timeout, interval: interval) { progress.show($0) }
        } catch {
            progress.finish()
            throw error
        }
        progress.finish()
        var unique: [Int] = []
        for id in orderIDs where !unique.contains(id) { unique.append(id) }
        for id in unique {
            let status = result.statuses[id] ?? "unknown"
            var line = "order \(id): \(status)"
            if status == .issued, let info = try? await client.orderInfo(id: id) {
                if let certificate = info.certificateID { line += " · certificate \(certificate)" }
                if let till = info.certificate?.validTill { line += " · valid till \(till)" }
                // ship_token / client_app: the code DigiCert's installer asks for to put the certificate on the token.
                if let code = info.hardwareInitCode { line += " · hardware init code \(code)" }
                line += " · next: " + hint("download \(id)")
            }
            console.print(line)
        }
        var problems: [String] = []
        var status = ExitStatus.success
        if !result.failed.isEmpty {
            let list = result.failed.map { "\($0) (\(result.statuses[$0]!))" }.joined(separator: ", ")
            problems.append("\(result.failed.count == 1 ? "an order" : "\(result.failed.count) orders") ended without a certificate: \(list)")
            status = .combine(status, .dataError)
        }
        if result.timedOut {
            let list = result.open.map { "\($0) (\(result.statuses[$0]!))" }.joined(separator: ", ")
            problems.append("still open after \(Self.describe(timeout)): \(list); wait again later (issuance can take days), or 'status ORDER_ID'")
            status = .combine(status, .temporaryFailure)
        }
        if !problems.isEmpty { throw ShellError(problems.joined(separator: "\n"), status: status) }
    }

    /// `download ORDER_ID [--certificate ID] [--format FORMAT] [--output FILE] [--force]`: the
    /// order's certificate (or its certificate `certificateID`: a duplicate, or one a reissue
    /// replaced), to stdout or written atomically to `output` (0644), never over an existing
    /// file without `force`.
    package func download(orderID: Int, certificateID chosen: Int? = nil, format: CertificateFormat = .pemAll, output: String? = nil,
                          force: Bool = false) async throws {
        // Refused before anything is asked of the API.
        if let output, !force, AtomicFile.exists(output) { throw AtomicFile.refusal(output) }
        if output == nil, !format.isText, isatty(STDOUT_FILENO) == 1 {
            throw ShellError("\(format.rawValue) is binary; write it to a file with --output FILE", status: .usage)
        }
        let client = try await sender().client
        let certificateID: Int
        if let chosen {
            certificateID = chosen
        } else {
            let info = try await client.orderInfo(id: orderID)
            let status = info.status ?? "unknown"
            guard let current = info.certificateID, [.issued, .revoked, .expired].contains(status) else {
                throw ShellError("order \(orderID) is \(status): it has no certificate to download yet; 'wait \(orderID)' follows it until it is issued")
            }
            certificateID = current
        }
        let data = try await client.downloadCertificate(id: certificateID, format: format)
        if let output {
            try AtomicFile.write(data, to: output, mode: 0o644, replace: force)
            console.error("wrote certificate \(certificateID) of order \(orderID) (\(format.rawValue)) to \(output)")
        } else if format.isText {
            console.write(String(decoding: data, as: UTF8.self))
        } else {
            FileHandle.standardOutput.write(data)
        }
    }

    /// `90 s`, `30 min`, `1.5 s`.
    static func describe(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        if seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60)) min" }
        if seconds == seconds.rounded() { return "\(Int(seconds)) s" }
        return "\(seconds) s"
    }

    /// A number of seconds given to a flag (`--timeout 600`, `--interval 0.5`), as a duration.
    package static func seconds(_ text: String, flag: String, allowZero: Bool) throws(ShellError) -> Duration {
        guard let value = Double(text), value.isFinite, allowZero ? value >= 0 : value > 0, value <= 30 * 86_400 else {
            throw ShellError("--\(flag) takes a number of seconds\(allowZero ? "" : " above 0"), at most 30 days; got '\(text)'", status: .usage)
        }
        return .milliseconds(Int64((value * 1000).rounded()))
    }
}

/// `wait`'s progress line on a terminal (stderr): the time waited and each order's status,
/// rewritten in place after every look; nothing when stderr is not a terminal.
final class WaitProgress: @unchecked Sendable {
    private let console: Console
    private let orderIDs: [Int]
    private let enabled: Bool
    private let start = ContinuousClock.now
    private var shown = false

    init(console: Console, orderIDs: [Int]) {
        self.console = console
        self.orderIDs = orderIDs
        enabled = isatty(STDERR_FILENO) == 1
    }

    func show(_ statuses: [Int: OrderStatus]) {
        guard enabled else { return }
        let elapsed = ContinuousClock.now - start
        let orders = orderIDs.map { "\($0) \(statuses[$0]?.rawValue ?? "?")" }.joined(separator: " · ")
        console.errorWrite("\r\u{1B}[Kwaiting \(elapsed.components.seconds) s · \(orders)")
        shown = true
    }

    func finish() {
        guard enabled, shown else { return }
        console.errorWrite("\r\u{1B}[K")
        shown = false
    }
}

// MARK: - Renewal

extension OrderSession {
    /// `renew ORDER_ID [FILE] [--yes] [--allow-duplicate]`: places a renewal of the order: a new
    /// order with `renewal_of_order_id`, built from the order's current details
    /// (``OrderRequest/renewal(of:)``) with the statements of `script`, when given, on top (its
    /// commands are not run). It is sent as `send` sends: validated, confirmed, journaled first,
    /// and refused as a duplicate when the same renewal was already sent.
    package func renew(orderID: Int, script: String? = nil, yes: Bool = false, allowDuplicate: Bool = false) async throws {
        let client = try await sender().client
        let info = try await client.orderInfo(id: orderID)
        guard let product = info.product?.product else {
            throw ShellError("order \(orderID) is not a code signing order (its product is \(info.product?.nameID ?? "not given")); it cannot be renewed here")
        }
        // What the order gave is located at this line: diagnostics about it point at the command.
        let origin = Source(name: "<renewal>", text: "renew \(orderID)\n")
        var draft = CompiledOrder(product: product, request: .renewal(of: info), orderRange: SourceRange(source: origin, start: 0, end: 5))
        if let script {
            let overlay = Interpreter()
            overlay.setDraft(draft)
            let result = await overlay.evaluate(fileAtPath: script)
            if !result.diagnostics.isEmpty {
                console.error(DiagnosticRenderer(colour: console.colour).render(result.diagnostics))
            }
            if result.hasErrors { throw ShellError("\(script) has errors; the renewal of order \(orderID) is not sent") }
            if let edited = overlay.draft, edited.product == product { draft = edited }
        }
        draft.request.renewalOfOrderID = orderID
        do {
            try await send(draft, force: false, yes: yes, allowDuplicate: allowDuplicate)
        } catch let error as CommandError {
            throw CommandError(error.message + Self.renewalAdvice(error.message, orderID: orderID))
        }
    }

    /// What to do after CertCentral refused a renewal with one of its renewal codes.
    static func renewalAdvice(_ message: String, orderID: Int) -> String {
        if message.contains("order_renewed_already") {
            return "\nOrder \(orderID) has already been renewed: follow the renewal ('status' of the order that renews it) rather than renewing again."
        }
        if message.contains("order_not_eligible_for_renewal") {
            return "\nOrder \(orderID) cannot be renewed now (only an issued or expired order can): check it with 'status \(orderID)'; "
                + "a new order without renewal_of_order_id is the other way, chosen knowingly."
        }
        return ""
    }
}

// MARK: - Revocation

extension OrderSession {
    /// What a revocation does, said before it is asked for.
    static let revocationWarning = "Revoking a code signing certificate stops trust in everything it signed: past signatures and timestamps stop being trusted, not only future ones."

    /// `revoke ORDER_ID [--certificate ID] --reason TEXT [--yes]`: asks for the revocation (the
    /// reason is sent as `comments`, the documented body having no reason code) after a
    /// confirmation on a terminal, or `--yes`; prints the revoke request to approve.
    package func revoke(orderID: Int, certificateID: Int? = nil, reason: String?, yes: Bool = false) async throws {
        guard let reason = reason?.trimmingCharacters(in: .whitespaces), !reason.isEmpty else {
            throw ShellError("give the reason with --reason \"…\" (sent as the request's comments; the approver sees it)", status: .usage)
        }
        let what = certificateID.map { "certificate \($0) of order \(orderID)" } ?? "the certificate of order \(orderID)"
        if !(assumeYes || yes) {
            guard let confirm else {
                throw ShellError("revoking \(what) needs confirmation: \(Self.revocationWarning) Add --yes to revoke without a terminal.", status: .usage)
            }
            console.print("About to revoke \(what) (\(connection.target.name)). \(Self.revocationWarning)")
            guard await confirm("Revoke it? [y/N] ") else {
                console.print("not revoked")
                return
            }
        }
        let client = try await sender().client
        let request: RequestSummary
        if let certificateID {
            request = try await client.revokeCertificate(id: certificateID, comments: reason)
        } else {
            request = try await client.revokeOrder(id: orderID, comments: reason)
        }
        console.print("revoke request \(request.id) \(request.status?.rawValue ?? "created") for \(what)")
        console.print("next: " + hintNamingEndpoint("approve \(request.id)") + "  # an administrator's approval; then: "
                      + hintNamingEndpoint("status \(orderID)") + " shows it revoked")
    }
}

// MARK: - Requests

extension OrderSession {
    /// `requests [STATUS] [--json]`: the account's requests (`GET /request`), all or those in
    /// `status` (`pending`, `submitted`, `approved`, `rejected`): id, status, type, order, date.
    package func requests(status: String?, json: Bool = false) async throws {
        let client = try await sender().client
        let list = try await client.requests(status: status.map { RequestStatus(rawValue: $0.lowercased()) })
        if json {
            console.print(JSONOutput.encode(list.map(RequestReport.init)))
            return
        }
        guard !list.isEmpty else {
            console.print(status.map { "no \($0) requests" } ?? "no requests")
            return
        }
        let rows = list.map { r in
            [String(r.id), r.status?.rawValue ?? "?", r.type ?? "?", r.order.map { "order \($0.id)" } ?? "", r.date ?? "", r.comments ?? ""]
        }
        let widths = (0..<6).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            console.print(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces))
        }
    }
}
