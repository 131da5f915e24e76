/// `certorder`'s exit statuses (sysexits), as the language spec lists them.
package enum ExitStatus: Int32, Sendable, CaseIterable {
    case success = 0
    /// A command line that does not parse.
    case usage = 64
    /// A script or payload that is not valid, or a refused order.
    case dataError = 65
    /// The API could not be reached.
    case unavailable = 69
    /// An internal error.
    case software = 70
    /// The API refused for now (rate limit, 5xx); try again later.
    case temporaryFailure = 75
    /// Interrupted by SIGHUP (the terminal went away): 128 + 1, as a shell reports it.
    case hangup = 129
    /// Interrupted by Ctrl-C (SIGINT): 128 + 2.
    case interrupted = 130
    /// Stopped by SIGTERM (a CI runner's cancel, `kill`): 128 + 15.
    case terminated = 143

    /// The status of a run stopped by `signal` (SIGINT, SIGTERM, SIGHUP); `nil` for another signal.
    package init?(signal: Int32) {
        switch signal {
        case 1: self = .hangup
        case 2: self = .interrupted
        case 15: self = .terminated
        default: return nil
        }
    }

    /// The one status of several outcomes (a session's failures, a batch's orders): the one that
    /// asks the most of the user, whatever the order they came in.
    ///
    /// A status that trying again cannot fix outranks one that it may: an interrupted run (130,
    /// 129 or 143: the rest was never tried) first, then an internal error (70), a command line to correct
    /// (64), an order or script to correct (65), an API that could not be reached (69), and last
    /// "try again later" (75). So a batch with one refused order and one rate-limited order
    /// exits 65: running it again unchanged would not succeed. Success is the identity.
    package static func combine(_ first: ExitStatus, _ second: ExitStatus) -> ExitStatus {
        first.severity >= second.severity ? first : second
    }

    /// ``combine(_:_:)`` over any number of outcomes; `.success` for none.
    package static func combine(_ statuses: some Sequence<ExitStatus>) -> ExitStatus {
        statuses.reduce(.success, combine)
    }

    /// The rank ``combine(_:_:)`` keeps the highest of.
    private var severity: Int {
        switch self {
        case .success: return 0
        case .temporaryFailure: return 1
        case .unavailable: return 2
        case .dataError: return 3
        case .usage: return 4
        case .software: return 5
        // The signals rank apart so that combining stays commutative; only one stops a run.
        case .interrupted: return 6
        case .terminated: return 7
        case .hangup: return 8
        }
    }
}
