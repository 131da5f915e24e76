/// What became of a send: the second half of a journal entry, written when the answer comes.
public enum JournalOutcome: Sendable, Equatable {
    /// The API created the order. `httpStatus` is nil when the order was found by
    /// reconciliation rather than by the answer to the original request.
    case placed(httpStatus: Int?, orderID: Int, requests: [JournalRequest], certificateID: Int?)
    /// The API answered with an error (4xx): no order was created.
    case refused(httpStatus: Int, errorCode: String?, errorMessage: String?)
    /// The request certainly never reached the server (nothing was written to the connection).
    case failed(errorMessage: String)
    /// The request may have reached the server: timeout, dropped connection, a 5xx answer.
    case unknown(httpStatus: Int?, errorMessage: String)

    /// The state an entry takes with this outcome.
    public var state: JournalState {
        switch self {
        case .placed: .placed
        case .refused: .refused
        case .failed: .failed
        case .unknown: .unknown
        }
    }
}
