import CertOrder
import Crypto
import Foundation
import GRDB

/// The SQLite journal of sends: every order is written here before it is sent and updated when
/// its answer comes, so no order is lost and none is placed twice by accident.
///
/// The journal is one SQLite file in WAL mode, opened through a GRDB `DatabasePool` (or, for
/// tests, any GRDB `DatabaseWriter`, such as a `DatabaseQueue()` in memory: ``init(writer:)``). Writes are
/// `BEGIN IMMEDIATE` transactions that wait up to ``busyTimeout`` for another process's write to
/// finish, and each commit is flushed to disk (`synchronous = FULL`), so an intent survives a
/// crash or power loss once ``recordIntent(endpoint:product:payload:canonicalPayload:alternativeOrderID:batch:label:rejectingDuplicatesWithin:)``
/// returns. Several tasks and several processes may use the same file at once.
///
/// A send follows the write-ahead protocol:
///
/// ```swift
/// let journal = try await OrderJournal(path: OrderJournal.defaultPath())
/// let entry = try await journal.recordIntent(endpoint: "sandbox", product: .codeSigning,
///                                      payload: body, canonicalPayload: draftBody,
///                                      alternativeOrderID: altID,
///                                      rejectingDuplicatesWithin: OrderJournal.duplicateWindow)
/// // … send the request, then exactly one of:
/// try await journal.recordPlaced(id: entry.id, httpStatus: 201, orderID: 123, requests: [], certificateID: nil)
/// try await journal.recordRefused(id: entry.id, httpStatus: 400, errorCode: "invalid_csr", errorMessage: "…")
/// try await journal.recordFailed(id: entry.id, errorMessage: "connection refused")
/// try await journal.recordUnknown(id: entry.id, errorMessage: "timed out after 60 s")
/// ```
///
/// Opening a journal also runs ``markStaleSendingAsUnknown(olderThan:now:)``: a `sending` entry
/// whose process has ended can never get its outcome, so it becomes `unknown`.
///
/// Given a `postgresql://` URL instead of a path, ``init(path:)`` opens the same journal on
/// PostgreSQL (``PostgresJournalStore``), shared by processes on several machines: every method
/// keeps its meaning, the store behind it changes (``JournalStore``).
///
/// The API is `async`: a PostgreSQL journal suspends while the database answers instead of
/// blocking a thread. The SQLite store works synchronously inside (its file calls are short and
/// local); ``JournalGroupCommitter`` keeps its flushes off the cooperative pool.
public final class OrderJournal: Sendable {
    /// How long a write waits for another connection's write lock before failing.
    public static let busyTimeout: TimeInterval = 10

    /// The duplicate guard's default window: 24 hours.
    public static let duplicateWindow: TimeInterval = 24 * 60 * 60

    /// How old a `sending` entry must be to count as unowned even when a process with its
    /// owner's id is running (process ids are reused): 15 minutes, far beyond any request timeout.
    public static let staleSendingAge: TimeInterval = 15 * 60

    /// The journal file's path (`:memory:` for a journal in memory); for a PostgreSQL journal,
    /// its URL with the password redacted.
    public let path: String

    /// The store of a journal that is not a SQLite file (PostgreSQL), or nil: every method then
    /// hands its work to it.
    package let store: (any JournalStore)?

    /// The connections to the journal: for a file, a pool of one writer and several readers
    /// (one read-only connection for a journal opened with ``init(readingAt:)``). A journal with
    /// a ``store`` keeps an empty database in memory here that nothing uses.
    let database: any DatabaseWriter

    /// Whether this journal was opened for reading only (``init(readingAt:)``): nothing it does
    /// writes to the file, and `sending` entries no live process owns are shown `unknown`
    /// without being changed.
    public let isReadOnly: Bool

    /// The device and inode of the journal file when it was opened (nil in memory): a write
    /// group first checks the path still leads to this file (``checkFileIdentity()``).
    let fileIdentity: JournalFile.Identity?

    /// The GRDB configuration of a journal file: WAL, and writes that wait up to
    /// ``busyTimeout`` for another connection's (or process's) write to finish. A writer given
    /// to ``init(writer:)`` for a file should use it.
    public static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.label = "OrderJournal"
        configuration.busyMode = .timeout(busyTimeout)
        configuration.journalMode = .wal
        return configuration
    }

    /// Opens the journal at `path`, creating it when missing.
    ///
    /// Missing parent directories are created with mode 0700 and a new file with mode 0600.
    /// The file is put in WAL mode, unapplied schema migrations run, and `sending` entries that
    /// no live process owns become `unknown`.
    ///
    /// A `postgresql://` (or `postgres://`) URL opens the journal in that database instead
    /// (``JournalLocation``): it connects, runs the PostgreSQL migrations, takes this process's
    /// lease and marks unowned `sending` entries `unknown`.
    ///
    /// - Throws: ``JournalError/cannotCreateDirectory(path:errno:)``,
    ///   ``JournalError/cannotCreateFile(path:errno:)``, or a GRDB `DatabaseError` when the
    ///   file is not a usable SQLite database; for a URL, ``JournalError/invalidLocation(_:detail:)``
    ///   or ``JournalError/unreachable(location:detail:)`` (before anything is sent).
    public convenience init(path: String) async throws {
        if case .postgres(let url) = try JournalLocation.parse(path) {
            try await self.init(store: try await PostgresJournalStore(url: url), readOnly: false)
            return
        }
        try JournalFile.prepare(path: path)
        try self.init(writer: try DatabasePool(path: path, configuration: Self.configuration()))
    }

    /// Opens the journal in `writer`: a `DatabasePool` of a file opened with
    /// ``configuration()`` (what ``init(path:)`` does), or a `DatabaseQueue()` in memory for
    /// tests where no file is the point. Every commit is flushed (`synchronous = FULL`), unapplied
    /// schema migrations run, and `sending` entries that no live process owns become `unknown`.
    ///
    /// - Throws: A GRDB `DatabaseError` when the database is not a usable journal.
    public init(writer: any DatabaseWriter) throws {
        path = writer.path
        store = nil
        database = writer
        isReadOnly = false
        fileIdentity = JournalFile.identity(of: writer.path)

        // GRDB's WAL setup picks synchronous = NORMAL, which may lose the last commits on power
        // loss. An intent must not be lost once the request has left: flush every commit.
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        try JournalSchema.migrate(database)
        try markStaleFileEntriesAsUnknown()
    }

    /// Opens the journal file at `path` for reading only: `certorder orders`, which must neither
    /// change a journal nor need write access to it (issue 13, finding 13: every open wrote,
    /// so a read-only journal could not be listed, and a damaged one was changed before it was
    /// refused).
    ///
    /// Nothing is created, migrated or marked: the connection is SQLite's read-only one
    /// (SQLite may add the `-wal` and `-shm` files beside it; the journal's bytes stay as they
    /// are). A journal written by an older version reads as it is (a migration only adds
    /// indexes or nullable columns). A `sending` entry that no live process owns reads as
    /// `unknown`, as a writer would record it.
    ///
    /// A `postgresql://` URL is read the same way: nothing is migrated or marked.
    ///
    /// - Throws: ``JournalError/notFound(path:)`` when there is no file (or the database holds
    ///   no journal), or a GRDB `DatabaseError` when it is not a readable SQLite database.
    public convenience init(readingAt path: String) async throws {
        if case .postgres(let url) = try JournalLocation.parse(path) {
            try await self.init(store: try await PostgresJournalStore(url: url, readOnly: true), readOnly: true)
            return
        }
        try self.init(readingFileAt: path)
    }

    /// ``init(readingAt:)`` for a SQLite file.
    private init(readingFileAt path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw JournalError.notFound(path: path) }
        var configuration = Self.configuration()
        configuration.readonly = true
        configuration.journalMode = .default
        self.path = path
        store = nil
        database = try DatabaseQueue(path: path, configuration: configuration)
        isReadOnly = true
        fileIdentity = JournalFile.identity(of: path)
        // A damaged file is refused here, before anything is listed from it.
        try database.read { db in
            if let problem = try String.fetchOne(db, sql: "PRAGMA quick_check"), problem != "ok" {
                let detail = problem.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("***") }.prefix(3)
                throw JournalError.damaged(path: path, detail: detail.joined(separator: "; "))
            }
        }
    }

    /// Opens the journal kept in `store` (PostgreSQL): `sending` entries no live process owns
    /// become `unknown` unless `readOnly`.
    package init(store: any JournalStore, readOnly: Bool) async throws {
        path = store.location
        self.store = store
        database = try DatabaseQueue()
        isReadOnly = readOnly
        fileIdentity = nil
        if !readOnly { try await markStaleSendingAsUnknown() }
    }

    /// Throws ``JournalError/fileReplaced(path:)`` when the journal's path no longer leads to
    /// the file this journal opened: it was deleted (SQLite would write on into the unlinked
    /// file, lost when the process ends) or replaced by another file. Every write group calls it
    /// first, so a batch whose journal goes away stops at its next write instead of placing
    /// orders nobody will find in the journal (issue 13, finding 3).
    public func checkFileIdentity() throws {
        if let store { return try store.checkAvailable() }
        guard let fileIdentity else { return }
        guard JournalFile.identity(of: path) == fileIdentity else { throw JournalError.fileReplaced(path: path) }
    }

    /// A write transaction on the journal, after ``checkFileIdentity()``.
    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        try checkFileIdentity()
        return try database.write(updates)
    }

    /// Closes the file's connections. Any later use of this instance throws.
    public func close() async throws {
        if let store { try await store.close() }
        try database.close()
    }

    /// Whether `path` names a database (a `postgresql://` URL) rather than a file.
    public static func isDatabaseURL(_ path: String) -> Bool {
        JournalLocation.isDatabaseURL(path)
    }

    /// `path` as messages may show it: a database URL's password replaced by `***`.
    public static func displayPath(_ path: String) -> String {
        JournalLocation.redacted(path)
    }

    /// The journal path for an environment: `CERTORDER_JOURNAL` when set, else `journal.sqlite`
    /// in CertOrder's state directory (``StateDirectory/path(environment:)``:
    /// `$XDG_STATE_HOME/certorder` when `XDG_STATE_HOME` is an absolute path, else
    /// `~/.local/state/certorder`).
    public static func defaultPath(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        if let explicit = environment["CERTORDER_JOURNAL"], !explicit.isEmpty {
            return explicit
        }
        return StateDirectory.file("journal.sqlite", environment: environment)
    }

    /// The lowercase hex SHA-256 of `data`.
    public static func digest(of data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// The endpoint as the journal stores it: a URL loses any user, password, query and
    /// fragment (where a key could hide); a name such as `sandbox` or `us` is kept as it is.
    public static func storedEndpoint(_ endpoint: String) -> String {
        guard var components = URLComponents(string: endpoint), components.scheme != nil,
              components.host != nil,
              components.user != nil || components.password != nil
                || components.query != nil || components.fragment != nil
        else {
            return endpoint
        }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string ?? endpoint
    }
}
