/// Why a history file could not be read or written.
package enum LineHistoryError: Error, Equatable, Sendable {
    /// The file exists but libedit could not read it.
    case loadFailed(path: String)
    /// The directory could not be created, or the file could not be written or put in place.
    /// `errno` is the system error, when one is known (0 otherwise).
    case saveFailed(path: String, errno: Int32)
}
