import AsyncHTTPClient
import CertOrder
import Foundation

/// Money and time: what orders cost and what the account holds (shown before `send` and
/// `apply` place anything), and the sandbox's clock (the "now" a plan judges expiry by).
extension CertCentralClient {
    /// `GET /product/pricing`: the account's prices, one per product and lifetime (years).
    public func productPricing() async throws(CertCentralError) -> [ProductPrice] {
        let reply = try await perform(.get, "/product/pricing", kind: .read)
        return ProductPrice.decode(reply.body)
    }

    /// `GET /finance/balance`: the account's balance.
    /// - Throws: ``CertCentralError/invalidResponse(status:detail:)`` when the answer has no `balance`.
    public func balance() async throws(CertCentralError) -> AccountBalance {
        let reply = try await perform(.get, "/finance/balance", kind: .read)
        guard let balance = AccountBalance.decode(reply.body) else {
            throw .invalidResponse(status: reply.status, detail: "the answer has no balance")
        }
        return balance
    }

    /// The "now" of a sandbox on this machine (`GET /sandbox/clock`, which `POST /sandbox/clock`
    /// moves forward), so that a plan judges expiry by the sandbox's date; `nil` for any other
    /// endpoint (CertCentral's now is the real one) or when the sandbox does not answer.
    ///
    /// Not a Services API call: it is neither paced nor retried, and carries no key.
    public func sandboxNow() async -> Date? {
        guard endpoint.isLoopback, var parts = URLComponents(url: endpoint.baseURL, resolvingAgainstBaseURL: false) else { return nil }
        parts.path = "/sandbox/clock"
        parts.query = nil
        guard let url = parts.string else { return nil }
        do {
            let response = try await http.execute(HTTPClientRequest(url: url), timeout: .nanoseconds(Self.nanoseconds(.seconds(10))), logger: logger)
            guard response.status.code == 200 else { return nil }
            let body = try await response.body.collect(upTo: 1 << 16)
            guard let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
                  let now = object["now"] as? String else { return nil }
            return ISO8601DateFormatter().date(from: now)
        } catch {
            return nil
        }
    }
}
