import Dispatch
import Foundation
import GRDB

/// Writes the intents and outcomes of many concurrent sends with *group commit*: the writes that
/// arrive while a transaction is being flushed to disk wait for it, then share the next
/// transaction and its one disk flush.
///
/// Each call still returns only once its own write is durable, so the write-ahead protocol holds
/// for every send: an intent is on disk before its request leaves. A batch of sends in flight
/// pays one flush per group instead of two per order (`scripts/bench batch` measures it).
///
/// On a SQLite file, writes run one transaction at a time on a serial dispatch queue, so the
/// blocking flush never holds a thread of Swift's cooperative pool. On a store that answers
/// asynchronously (PostgreSQL) one task drains the groups instead, suspending while the
/// database commits.
///
/// ```swift
/// let committer = JournalGroupCommitter(journal: journal)
/// let entry = try await committer.recordIntent(intent, rejectingDuplicatesWithin: OrderJournal.duplicateWindow)
/// // … send, then:
/// try await committer.record(.placed(httpStatus: 201, orderID: 123, requests: [], certificateID: nil), forEntry: entry.id)
/// ```
package final class JournalGroupCommitter: @unchecked Sendable {
    /// One write waiting for a transaction.
    package enum Write: Sendable {
        case intent(JournalIntent, duplicateWindow: TimeInterval?)
        case outcome(JournalOutcome, entryID: Int64)
    }

    private struct Waiting {
        var write: Write
        var continuation: CheckedContinuation<JournalEntry, any Error>
    }

    /// The journal written to.
    package let journal: OrderJournal

    private let queue = DispatchQueue(label: "OrderJournal.group-commit")
    private let lock = NSLock()
    private var waiting: [Waiting] = []
    private var drainScheduled = false
    private var groupSizes: [Int] = []

    /// Creates a committer for `journal`. Share one among all the tasks that send.
    package init(journal: OrderJournal) {
        self.journal = journal
    }

    /// Commits a `sending` entry, as ``OrderJournal/recordIntents(_:rejectingDuplicatesWithin:)``
    /// does for one intent, possibly in the same transaction as other tasks' writes.
    ///
    /// - Throws: ``JournalError/duplicate(_:)`` for this intent alone (the others of its group
    ///   are recorded), or the database's error, which fails the whole group.
    package func recordIntent(
        _ intent: JournalIntent, rejectingDuplicatesWithin duplicateWindow: TimeInterval? = nil
    ) async throws -> JournalEntry {
        try await submit(.intent(intent, duplicateWindow: duplicateWindow))
    }

    /// Records an outcome, as ``OrderJournal/record(_:forEntry:)`` does, possibly in the same
    /// transaction as other tasks' writes.
    ///
    /// - Throws: ``JournalError/entryNotFound(id:)`` or ``JournalError/invalidTransition(id:from:to:)``
    ///   for this outcome alone, or the database's error, which fails the whole group.
    @discardableResult
    package func record(_ outcome: JournalOutcome, forEntry id: Int64) async throws -> JournalEntry {
        try await submit(.outcome(outcome, entryID: id))
    }

    /// How many writes each recent transaction held (up to the last 1,024), in commit order.
    package var transactionSizes: [Int] { lock.withLock { groupSizes } }

    /// Tests hold the queue to gather a known group: writes submitted meanwhile wait. The
    /// `sync` first lets a drain under way finish, or it would take the new writes itself.
    func suspendCommits() {
        queue.sync {}
        queue.suspend()
    }
    func resumeCommits() { queue.resume() }
    var waitingCount: Int { lock.withLock { waiting.count } }

    private func submit(_ write: Write) async throws -> JournalEntry {
        try await withCheckedThrowingContinuation { continuation in
            let schedule = lock.withLock {
                waiting.append(Waiting(write: write, continuation: continuation))
                defer { drainScheduled = true }
                return !drainScheduled
            }
            guard schedule else { return }
            if let store = journal.store {
                Task { await self.drain(into: store) }
            } else {
                queue.async { self.drain() }
            }
        }
    }

    /// The writes waiting now, taken as the next group (empty, and the drain over, when none wait).
    private func takeGroup() -> [Waiting] {
        lock.withLock {
            let taken = waiting
            waiting.removeAll(keepingCapacity: true)
            if taken.isEmpty {
                drainScheduled = false
            } else {
                groupSizes.append(taken.count)
                if groupSizes.count > 1024 { groupSizes.removeFirst(512) }  // a long shell session
            }
            return taken
        }
    }

    /// ``drain()`` for an asynchronous store: one group commit at a time, until nothing waits.
    private func drain(into store: any JournalStore) async {
        while true {
            let group = takeGroup()
            if group.isEmpty { return }
            let results = await store.commit(group.map(\.write))
            for (waiter, result) in zip(group, results) {
                waiter.continuation.resume(with: result)
            }
        }
    }

    /// Commits everything waiting, one transaction per group, until nothing waits.
    private func drain() {
        while true {
            let group = takeGroup()
            if group.isEmpty { return }
            let results = commit(group.map(\.write))
            for (waiter, result) in zip(group, results) {
                waiter.continuation.resume(with: result)
            }
        }
    }

    /// One transaction for `writes`. A journal rule that refuses one write (a duplicate, an
    /// outcome for a settled entry) fails that write only; any other error fails them all.
    private func commit(_ writes: [Write]) -> [Result<JournalEntry, any Error>] {
        let now = JournalTimestamp.rounded(Date())
        do {
            return try journal.write { db in
                try writes.map { write in
                    do {
                        switch write {
                        case .intent(let intent, let window):
                            return .success(try OrderJournal.insert(intent, in: db, rejectingDuplicatesWithin: window, now: now))
                        case .outcome(let outcome, let id):
                            return .success(try OrderJournal.apply(outcome, toEntry: id, in: db, now: now))
                        }
                    } catch let refusal as JournalError {
                        return .failure(refusal)
                    }
                }
            }
        } catch {
            return writes.map { _ in .failure(error) }
        }
    }
}
