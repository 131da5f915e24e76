/// `certorder`'s exit statuses (sysexits), as the language spec lists them.
public enum ExitStatus: Int32, Sendable {
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
    /// Interrupted by Ctrl-C.
    case interrupted = 130
}
