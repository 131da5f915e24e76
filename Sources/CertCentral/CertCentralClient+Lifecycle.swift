import CertOrder
import Foundation

/// A certificate's life after the order: following orders until they settle, and downloading
/// what was issued.
extension CertCentralClient {
    // MARK: - Status changes and waiting

    /// The longest window `GET /order/certificate/status-changes` covers (7 days; longer is
    /// `time_frame_too_long`).
    public static let longestStatusWindow: Duration = .seconds(7 * 86_400)

    /// `GET /order/certificate/status-changes?seconds=N`: the orders whose status changed in the
    /// last `seconds` (at most 7 days), each with its status now. One call covers any number of
    /// orders.
    public func statusChanges(seconds: Int) async throws(CertCentralError) -> [StatusChange] {
        let seconds = max(1, min(seconds, Int(Self.longestStatusWindow.components.seconds)))
        let reply = try await perform(.get, "/order/certificate/status-changes",
                                      query: [URLQueryItem(name: "seconds", value: String(seconds))], kind: .read)
        return try decodeList(member: "orders", reply)
    }

    /// Follows `orderIDs` until each is settled (``OrderWaitResult/isSettled(_:)``: issued, or
    /// rejected, canceled, revoked, expired) or `timeout` has passed.
    ///
    /// Each order is looked up once (`GET /order/certificate/{id}`); after that every round,
    /// `interval` apart (10 s by default, as Lemur and certmesh poll), is one
    /// `GET /order/certificate/status-changes` call covering the time since the previous round,
    /// whatever the number of orders. `progress` is called with the statuses after the first
    /// look and after every round.
    public func waitForOrders(
        _ orderIDs: [Int], timeout: Duration, interval: Duration = .seconds(10),
        progress: ([Int: OrderStatus]) -> Void = { _ in }
    ) async throws(CertCentralError) -> OrderWaitResult {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var statuses: [Int: OrderStatus] = [:]
        for id in orderIDs where statuses[id] == nil {
            statuses[id] = try await orderInfo(id: id).status ?? "unknown"
        }
        progress(statuses)
        var lastLook = clock.now
        // Beyond the time between looks, the window covers a minute more: the server's clock and
        // ours differ, and a change seen twice is harmless.
        let margin = Duration.seconds(60)
        while statuses.values.contains(where: { !OrderWaitResult.isSettled($0) }) {
            let now = clock.now
            guard now < deadline else { return OrderWaitResult(statuses: statuses, timedOut: true) }
            do {
                try await Task.sleep(for: min(max(interval, .milliseconds(1)), deadline - now))
            } catch {
                throw .cancelled
            }
            let window = clock.now - lastLook + margin
            lastLook = clock.now
            for change in try await statusChanges(seconds: Int(window.components.seconds) + 1) {
                if statuses[change.orderID] != nil, let status = change.status { statuses[change.orderID] = status }
            }
            progress(statuses)
        }
        return OrderWaitResult(statuses: statuses, timedOut: false)
    }

    // MARK: - Downloads

    /// `GET /certificate/{certificate_id}/download/format/{format}`: the certificate's file.
    public func downloadCertificate(id: Int, format: CertificateFormat = .pemAll) async throws(CertCentralError) -> Data {
        try await perform(.get, "/certificate/\(id)/download/format/\(format.rawValue)", kind: .read).body
    }

    // MARK: - Revocation

    /// `PUT /order/certificate/{order_id}/revoke`: asks for the order's certificate to be
    /// revoked; answers the revoke request (`type` `revoke`, `status` `pending`), which an
    /// administrator approves like an order's (``updateRequestStatus(id:_:comment:)``). Revoking
    /// a code signing certificate stops trust in what it signed and timestamped. The docs'
    /// body has no reason code: the reason goes in `comments`.
    public func revokeOrder(id: Int, comments: String?) async throws(CertCentralError) -> RequestSummary {
        try decode(RequestSummary.self, try await perform(.put, "/order/certificate/\(id)/revoke", body: Self.revokeBody(comments), kind: .statusChange))
    }

    /// `PUT /certificate/{certificate_id}/revoke`: ``revokeOrder(id:comments:)`` for one certificate
    /// of an order (a reissue or a duplicate).
    public func revokeCertificate(id: Int, comments: String?) async throws(CertCentralError) -> RequestSummary {
        try decode(RequestSummary.self, try await perform(.put, "/certificate/\(id)/revoke", body: Self.revokeBody(comments), kind: .statusChange))
    }

    static func revokeBody(_ comments: String?) -> Data {
        var w = JSONWriter(pretty: false)
        w.beginObject()
        if let comments { w.key("comments"); w.string(comments) }
        w.endObject()
        return Data(w.bytes)
    }

    // MARK: - Requests

    /// `GET /request?filters[status]=…`: the account's requests (orders' and revocations'),
    /// newest first; all when `status` is `nil`.
    public func requests(status: RequestStatus? = nil) async throws(CertCentralError) -> [RequestInfo] {
        var query: [URLQueryItem] = []
        if let status { query.append(URLQueryItem(name: "filters[status]", value: status.rawValue)) }
        return try decodeList(member: "requests", try await perform(.get, "/request", query: query, kind: .read))
    }
}
