import CertCentral
import CertOrder
import Foundation

/// New certificates on an issued order (`reissue`, `duplicate`) and the account's certificates
/// that end soon (`expiring`).
extension OrderSession {
    // MARK: - Reissue and duplicate

    /// `reissue ORDER_ID [--csr FILE] [--provisioning METHOD] [--comments TEXT] [--yes]`: a new
    /// certificate replaces the order's current one (`POST /order/certificate/{id}/reissue`), for
    /// the key of `csrPath` when given; without `provisioning` the order's method stays (docs).
    /// Asks first on a terminal, or needs `--yes`.
    package func reissue(orderID: Int, csrPath: String? = nil, provisioning: String? = nil, comments: String? = nil, yes: Bool = false) async throws {
        if let provisioning, ProvisioningMethod(rawValue: provisioning) == nil {
            let names = ProvisioningMethod.allCases.map(\.rawValue)
            throw ShellError("--provisioning takes \(names.joined(separator: ", ")); got '\(provisioning)'" + Suggestion.didYouMean(provisioning, in: names),
                             status: .usage)
        }
        let csr = try csrPath.map { try Self.readCSR($0) }
        let what = "the certificate of order \(orderID)"
        let change = csrPath.map { " with a new certificate for the key of \($0)" } ?? " with a new certificate"
        guard try await confirmLifecycle(action: "reissue", "About to replace \(what) (\(connection.target.name))\(change).",
                                         question: "Reissue it? [y/N] ", yes: yes) else {
            console.print("not reissued")
            return
        }
        let client = try await sender().client
        let answer = try await client.reissue(orderID: orderID, ReissueRequest(csr: csr, provisioningMethod: provisioning, comments: comments))
        console.print("reissue of order \(orderID): " + Self.describeRequests(answer)
                      + (answer.certificateID.map { " · certificate \($0)" } ?? "") + " · next: download \(orderID)")
    }

    /// `duplicate ORDER_ID --csr FILE [--yes]`: a further certificate of the order for the key of
    /// `csrPath`, beside the order's own (`POST /order/certificate/{id}/duplicate`), with the
    /// order's server platform (required for code signing duplicates; `other` when the order
    /// has none) and hash.
    package func duplicate(orderID: Int, csrPath: String?, yes: Bool = false) async throws {
        guard let csrPath else {
            throw ShellError("a duplicate is issued for a key of its own: give its CSR with --csr FILE", status: .usage)
        }
        let csr = try Self.readCSR(csrPath)
        guard try await confirmLifecycle(action: "duplicate", "About to add a duplicate certificate to order \(orderID) (\(connection.target.name)) for the key of \(csrPath).",
                                         question: "Duplicate it? [y/N] ", yes: yes) else {
            console.print("not duplicated")
            return
        }
        let client = try await sender().client
        let info = try await client.orderInfo(id: orderID)
        let request = ReissueRequest(csr: csr, signatureHash: info.certificate?.signatureHash ?? HashAlgorithm.sha256.rawValue,
                                     serverPlatformID: info.certificate?.serverPlatformID ?? -1)
        let answer = try await client.duplicate(orderID: orderID, request)
        let next = answer.certificateID.map { " · next: download \(orderID) --certificate \($0)" } ?? ""
        console.print("duplicate of order \(orderID): " + Self.describeRequests(answer)
                      + (answer.certificateID.map { " · certificate \($0)" } ?? "") + next)
    }

    /// `request 120 approved`, for each request of an answer.
    static func describeRequests(_ answer: OrderResponse) -> String {
        answer.requests.map { "request \($0.id) \($0.status)" }.joined(separator: ", ")
    }

    /// The PEM text of a CSR file; a usage error when it cannot be read or holds no CSR.
    static func readCSR(_ path: String) throws(ShellError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ShellError("cannot read the CSR file \(path)", status: .usage)
        }
        let text = String(decoding: data, as: UTF8.self)
        guard text.contains("-----BEGIN CERTIFICATE REQUEST-----") || text.contains("-----BEGIN NEW CERTIFICATE REQUEST-----") else {
            throw ShellError("\(path) holds no PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----)", status: .usage)
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether a state-changing call may go ahead: `--yes` (or the session's), else the answer to
    /// `question` on a terminal after `notice`; without a terminal, a usage error.
    func confirmLifecycle(action: String, _ notice: String, question: String, yes: Bool) async throws -> Bool {
        if assumeYes || yes { return true }
        guard let confirm else {
            throw ShellError("\(notice) This needs confirmation: add --yes to \(action) without a terminal.", status: .usage)
        }
        console.print(notice)
        return await confirm(question)
    }

    // MARK: - Expiring certificates

    /// How far ahead `expiring` looks when no `--within` is given: 90 days, DigiCert's first
    /// renewal notice.
    package static let defaultExpiringWindow = 90

    /// `expiring [--within DAYS] [--json]`: the account's issued code signing orders whose
    /// certificate ends within `days` (`GET /order/certificate` filtered by product, paged),
    /// soonest first, each with its renewal: none yet (renew it), or the renewing order and its
    /// status.
    package func expiring(within days: Int = defaultExpiringWindow, json: Bool = false) async throws {
        guard (0...3650).contains(days) else {
            throw ShellError("--within takes a number of days from 0 to 3650; got \(days)", status: .usage)
        }
        let client = try await sender().client
        let list = try await client.expiringOrders(within: days, today: Validator.formatDate(Date()))
        if json {
            let items = list.map { e -> [String: Any] in
                var item: [String: Any] = ["order_id": e.order.id, "valid_till": e.validTill, "days_remaining": e.daysRemaining,
                                           "product": e.order.product?.nameID ?? "", "renewal": Self.renewalState(e)]
                if let certificate = e.order.certificateID { item["certificate_id"] = certificate }
                if let renewal = e.renewal {
                    item["renewal_order_id"] = renewal.id
                    item["renewal_status"] = renewal.status?.rawValue ?? "unknown"
                }
                return item
            }
            let data = (try? JSONSerialization.data(withJSONObject: items, options: [.prettyPrinted, .sortedKeys])) ?? Data("[]".utf8)
            console.print(String(decoding: data, as: UTF8.self))
            return
        }
        guard !list.isEmpty else {
            console.print("no code signing certificate expires within \(days) days")
            return
        }
        for e in list {
            let left = e.daysRemaining < 0 ? "ended \(-e.daysRemaining) days ago" : "\(e.daysRemaining) days left"
            let renewal = e.renewal.map { "renewed by order \($0.id) (\($0.status?.rawValue ?? "unknown"))" } ?? "not renewed: renew \(e.order.id)"
            console.print("order \(e.order.id) · \(e.order.product?.nameID ?? "?") · certificate \(e.order.certificateID.map(String.init) ?? "?")"
                          + " · valid till \(e.validTill) (\(left)) · \(renewal)")
        }
    }

    /// `none`, or the renewing order's status (`issued`, `pending`, …).
    static func renewalState(_ e: ExpiringOrder) -> String {
        guard let renewal = e.renewal else { return "none" }
        return renewal.status?.rawValue ?? "unknown"
    }
}
