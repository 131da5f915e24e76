import CertOrder
import Foundation

/// Why a CertCentral request failed. Every case has a ``message`` for the user that says what to
/// do, and none ever contains the API key.
///
/// For an order, three cases leave its fate unknown: ``timeout``, ``connectionLost`` and
/// ``server(status:)`` (and ``cancelled``): the order may have been placed, so it must be looked up
/// (by its alternative order id) before it is sent again. ``unreachable(host:reason:)`` means
/// nothing was sent.
public enum CertCentralError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// The API refused the request with its error envelope (400 and other 4xx): code, field, message.
    case api(status: Int, APIError)
    /// 401: the key is missing, mistyped, revoked or for the other region.
    case unauthorized
    /// 403: the key's user may not do this.
    case forbidden(APIError?)
    /// 404: no such order, request, organization, container or product.
    case notFound(APIError?)
    /// 429: past the rate limits (100 requests per 5 s, 1000 per 3 min, per key).
    case rateLimited
    /// 5xx: an error on CertCentral's side.
    case server(status: Int)
    /// No answer within the request timeout; the request may have reached CertCentral.
    case timeout
    /// The connection could not be made (refused, host unknown, connect timeout): nothing was sent.
    case unreachable(host: String, reason: String)
    /// The connection broke after the request was sent, before the answer: it may have reached CertCentral.
    case connectionLost
    /// Plain `http://` to a host other than this machine, or no usable URL: the key is not sent.
    case insecureEndpoint(String)
    /// A success status whose body is not the documented answer.
    case invalidResponse(status: Int, detail: String)
    /// The task was cancelled before the answer arrived; the request may have reached CertCentral.
    case cancelled
    /// The task was cancelled (Ctrl-C, SIGTERM, SIGHUP) before the request left: nothing was sent.
    case cancelledBeforeSending

    /// The first error's code, `invalid_value:validity_years`, for ``api(status:_:)``,
    /// ``forbidden(_:)`` and ``notFound(_:)``.
    public var code: String? { envelope?.errors.first?.code }

    /// The field or thing at fault of the first error: `validity_years`, `order`.
    public var field: String? { envelope?.errors.first?.field }

    /// The first error's message as the API sent it.
    public var apiMessage: String? { envelope?.errors.first?.message }

    /// The error envelope, when the API sent one.
    public var envelope: APIError? {
        switch self {
        case .api(_, let e): return e
        case .forbidden(let e), .notFound(let e): return e
        default: return nil
        }
    }

    /// The HTTP status, when an answer arrived.
    public var status: Int? {
        switch self {
        case .api(let status, _), .server(let status), .invalidResponse(let status, _): return status
        case .unauthorized: return 401
        case .forbidden: return 403
        case .notFound: return 404
        case .rateLimited: return 429
        default: return nil
        }
    }

    /// Whether an order sent with this outcome may nevertheless have been placed: look it up
    /// before sending it again.
    public var orderMayHaveBeenPlaced: Bool {
        switch self {
        case .timeout, .connectionLost, .server, .cancelled, .invalidResponse: return true
        default: return false
        }
    }

    /// What happened and what to do, for the user.
    public var message: String {
        switch self {
        case .api(let status, let envelope):
            let lines = envelope.errors.map { "  \($0.code): \($0.message)" }
            return (["CertCentral refused the request (HTTP \(status)):"] + lines
                + ["Correct what it names and send again."]).joined(separator: "\n")
        case .unauthorized:
            return "CertCentral refused the API key (HTTP 401). Check DIGICERT_API_KEY or the key file: "
                + "the key may be mistyped, revoked, or made for the other region (us or eu)."
        case .forbidden(let envelope):
            let detail = envelope?.errors.first.map { " \($0.code): \($0.message)" } ?? ""
            return "The API key may not do this (HTTP 403).\(detail) Ask a CertCentral administrator for a key "
                + "whose user has a role allowed to do it."
        case .notFound(let envelope):
            let thing = envelope?.errors.first?.field ?? "item"
            let code = envelope?.errors.first.map { " \($0.code)" } ?? ""
            return "CertCentral has no such \(thing) (HTTP 404\(code)). "
                + "Check the id, and that the endpoint (us or eu) is the account's."
        case .rateLimited:
            return "CertCentral's rate limit was exceeded (HTTP 429; at most 100 requests per 5 seconds and "
                + "1000 per 3 minutes per API key). Wait a minute and try again; check whether another program uses the same key."
        case .server(let status):
            return "CertCentral failed with HTTP \(status), an error on its side. Try again in a few minutes. "
                + "An order may have been placed all the same: run 'certorder reconcile', which looks it up by its alternative order id, before sending it again."
        case .timeout:
            return "CertCentral did not answer in time; the request may have reached it. An order may have been placed: "
                + "run 'certorder reconcile', which looks it up by its alternative order id, before sending it again. Otherwise try again, or allow a longer timeout."
        case .unreachable(let host, let reason):
            return "Could not connect to \(host) (\(reason)); nothing was sent. "
                + "Check the network, proxy or VPN, and the endpoint, then try again."
        case .connectionLost:
            return "The connection to CertCentral was lost before its answer arrived; the request may have reached it. "
                + "An order may have been placed: run 'certorder reconcile', which looks it up by its alternative order id, before sending it again."
        case .insecureEndpoint(let url):
            return "Refusing to send the API key to \(url): use an https:// URL, or http:// only for a sandbox "
                + "on this machine (127.0.0.1, ::1, localhost)."
        case .invalidResponse(let status, let detail):
            return "CertCentral's answer (HTTP \(status)) could not be read: \(detail). "
                + "If this was an order, look it up before sending it again; if it persists, report it."
        case .cancelled:
            return "The request was cancelled before its answer arrived; it may have reached CertCentral. "
                + "An order may have been placed: look it up before sending it again."
        case .cancelledBeforeSending:
            return "Interrupted before the request was sent; nothing was sent."
        }
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}
