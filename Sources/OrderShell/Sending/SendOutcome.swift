import CertCentral
import CertOrder
import OrderJournal

/// What became of one order given to ``OrderSender``.
package enum SendOutcome: Sendable {
    /// CertCentral placed it: the journal entry holds the order id.
    case placed(JournalEntry, OrderResponse)
    /// CertCentral refused it (4xx): nothing was placed.
    case refused(JournalEntry, CertCentralError)
    /// It certainly never reached CertCentral (no connection).
    case failed(JournalEntry, CertCentralError)
    /// It may have been placed (timeout, lost connection, 5xx): reconcile before sending again.
    case unknown(JournalEntry, CertCentralError)
    /// Not sent: the same payload was placed (or may have been) on this endpoint in the last 24 hours.
    case duplicate(JournalEntry)
    /// Not sent: the order has errors (validator, or a required custom field of the account).
    case blocked([Diagnostic])

    /// The journal entry written for this send, if one was.
    package var entry: JournalEntry? {
        switch self {
        case .placed(let e, _), .refused(let e, _), .failed(let e, _), .unknown(let e, _), .duplicate(let e): return e
        case .blocked: return nil
        }
    }

    /// A one-word state for tables: placed, refused, failed, unknown, duplicate, blocked.
    package var label: String {
        switch self {
        case .placed: return "placed"
        case .refused: return "refused"
        case .failed: return "failed"
        case .unknown: return "unknown"
        case .duplicate: return "skipped"
        case .blocked: return "blocked"
        }
    }

    /// The exit status this outcome gives a command.
    package var exitStatus: ExitStatus {
        switch self {
        case .placed, .duplicate: return .success
        case .refused(_, .rateLimited), .refused(_, .server): return .temporaryFailure
        case .refused, .blocked: return .dataError
        case .failed: return .unavailable
        case .unknown(_, .server): return .temporaryFailure
        case .unknown: return .unavailable
        }
    }
}
