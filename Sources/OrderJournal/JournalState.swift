import GRDB

/// Where one send stands in the journal.
///
/// An entry starts as ``sending`` (committed before the request leaves) and moves to exactly one
/// outcome. Only ``sending`` and ``unknown`` entries may still change state:
///
/// ```
/// sending ──▶ placed | refused | failed | unknown
/// unknown ──▶ placed | refused | failed | unknown   (reconciliation)
/// ```
public enum JournalState: String, Codable, Sendable, CaseIterable {
    /// The intent is committed and the request is (or was about to be) on its way.
    case sending
    /// The API accepted the order: the entry holds its order id.
    case placed
    /// The API answered with an error (4xx): no order was created.
    case refused
    /// The request certainly never reached the server (for example, connection refused).
    case failed
    /// The request may have reached the server (timeout, dropped connection, process died):
    /// reconcile it by its alternative order id before sending the payload again.
    case unknown

    /// Whether the outcome of the send is settled (`placed`, `refused` or `failed`).
    public var isResolved: Bool {
        switch self {
        case .placed, .refused, .failed: true
        case .sending, .unknown: false
        }
    }

    /// Whether an entry in this state may have created an order, and so blocks sending the same
    /// payload again to the same endpoint (`sending`, `placed`, `unknown`).
    public var mayHaveCreatedOrder: Bool {
        switch self {
        case .sending, .placed, .unknown: true
        case .refused, .failed: false
        }
    }

    /// Whether an outcome may still be recorded for an entry in this state.
    public var acceptsOutcome: Bool { !isResolved }
}

extension JournalState: DatabaseValueConvertible {}
