import Foundation

/// Where the entries of an ``OrderJournal`` are kept when it is not its SQLite file: one journal
/// interface, two stores.
///
/// ``OrderJournal`` keeps its API and its SQLite code (GRDB) as they are — the default store —
/// and hands every operation to a `JournalStore` when it was opened on a database URL
/// (``PostgresJournalStore``). Each operation has the meaning the same-named ``OrderJournal``
/// method documents: the write-ahead rule, the duplicate guard (checked and inserted atomically
/// across processes and machines), batch runs, group commit, staleness.
///
/// Every operation is `async`: a store on a server suspends while it waits for the answer
/// rather than blocking a thread of the cooperative pool.
///
/// The SQLite code stays inside ``OrderJournal`` rather than moving behind this protocol so that
/// the journal's GRDB internals, which other parts of the package and their tests reach
/// (`JournalGroupCommitter`, the inspection helpers), keep their shape.
package protocol JournalStore: AnyObject, Sendable {
    /// The store as messages name it (a database URL with its password redacted).
    var location: String { get }

    func recordIntents(_ intents: [JournalIntent], rejectingDuplicatesWithin duplicateWindow: TimeInterval?) async throws -> [JournalEntry]
    func recordOutcomes(_ outcomes: [(id: Int64, outcome: JournalOutcome)]) async throws -> [JournalEntry]
    /// One group commit (``JournalGroupCommitter``): a journal rule that refuses one write fails
    /// that write only; any other error fails them all.
    func commit(_ writes: [JournalGroupCommitter.Write]) async -> [Result<JournalEntry, any Error>]
    func updateStatus(id: Int64, orderStatus: String, requests: [JournalRequest]?, certificateID: Int?) async throws -> JournalEntry
    func entries(state: JournalState?, batch: String?, limit: Int?) async throws -> [JournalEntry]
    func entry(id: Int64) async throws -> JournalEntry?
    func entry(alternativeOrderID: String) async throws -> JournalEntry?
    func unresolved() async throws -> [JournalEntry]
    func findDuplicate(endpoint: String, payloadDigest: String, within window: TimeInterval, now: Date) async throws -> JournalEntry?
    func batchRun(identity: String, covers: (Set<String>) -> Bool, window: TimeInterval, now: Date) async throws -> String
    func markStaleSendingAsUnknown(olderThan maxAge: TimeInterval, now: Date) async throws -> [JournalEntry]
    /// Throws when the store can no longer be written (a lost connection): checked before each write group.
    func checkAvailable() throws
    func close() async throws
}
