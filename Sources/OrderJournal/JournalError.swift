/// Errors the journal throws besides SQLite's own (`GRDB.DatabaseError`).
public enum JournalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No entry has this id.
    case entryNotFound(id: Int64)
    /// The entry's state does not allow this change (an outcome is already settled, or a
    /// status refresh was asked for an entry that is not `placed`).
    case invalidTransition(id: Int64, from: JournalState, to: JournalState)
    /// The same payload may already have created an order on this endpoint: the earlier entry.
    case duplicate(JournalEntry)
    /// A directory on the way to the journal file could not be created.
    case cannotCreateDirectory(path: String, errno: Int32)
    /// The journal file could not be created.
    case cannotCreateFile(path: String, errno: Int32)
    /// No journal file exists at the path (reading only: nothing is created).
    case notFound(path: String)
    /// SQLite's integrity check failed: the file is damaged and is left as it is.
    case damaged(path: String, detail: String)
    /// The journal file was deleted or replaced while this process used it: writes would go
    /// to a file nobody will read again.
    case fileReplaced(path: String)
    /// A `postgresql://` journal URL that cannot be used (shown with its password redacted).
    case invalidLocation(String, detail: String)
    /// The PostgreSQL journal could not be reached or refused the connection: nothing was sent.
    case unreachable(location: String, detail: String)
    /// The PostgreSQL journal failed a statement or lost its connection. Nothing more is sent;
    /// the entries this process had `sending` become `unknown` when its lease runs out.
    case database(location: String, detail: String)

    public var description: String {
        switch self {
        case .entryNotFound(let id):
            "journal entry \(id) does not exist"
        case .invalidTransition(let id, let from, let to):
            "journal entry \(id) is \(from.rawValue) and cannot become \(to.rawValue)"
        case .duplicate(let entry):
            "the same order was already sent to \(entry.endpoint) as journal entry \(entry.id)"
                + " (\(entry.state.rawValue)\(entry.orderID.map { ", order \($0)" } ?? ""))"
        case .cannotCreateDirectory(let path, let code):
            "cannot create directory \(path): \(JournalFile.describe(errno: code))"
        case .cannotCreateFile(let path, let code):
            "cannot create journal file \(path): \(JournalFile.describe(errno: code))"
        case .notFound(let path):
            "no journal at \(path)"
        case .damaged(let path, let detail):
            "the file is damaged (\(detail)); it was left unchanged"
        case .fileReplaced(let path):
            "the journal \(path) was deleted or replaced while this run used it; nothing more is sent. "
                + "The orders this run placed can be found with 'certorder reconcile --batch' (see 'certorder reconcile --help')"
        case .invalidLocation(let location, let detail):
            "cannot use the journal \(location): \(detail)"
        case .unreachable(let location, let detail):
            "cannot reach the journal database \(location): \(detail); nothing was sent"
        case .database(let location, let detail):
            "the journal database \(location) failed: \(detail); nothing more is sent. "
                + "Run 'certorder reconcile' once it is back to settle the sends that were under way"
        }
    }
}
