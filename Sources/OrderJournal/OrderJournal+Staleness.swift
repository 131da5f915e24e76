import Foundation
import GRDB

/// Finding sends that died between their intent and their outcome.
extension OrderJournal {
    /// Turns `sending` entries that no live process owns into `unknown`, and returns them.
    ///
    /// An entry is unowned when
    /// - the process that recorded it (its ``JournalEntry/ownerPID``) no longer runs on this
    ///   machine (`kill(pid, 0)` fails with `ESRCH`), or
    /// - it is older than `maxAge`, whoever runs under its owner's id: process ids are reused,
    ///   and no request waits that long for its answer.
    ///
    /// Opening a journal runs this with the defaults. The journal file is meant for processes
    /// on one machine (SQLite's WAL mode needs that anyway).
    ///
    /// - Parameters:
    ///   - maxAge: Seconds after which any `sending` entry is unowned.
    ///   - now: The current time (injectable for tests).
    /// - Returns: The entries that became `unknown`, oldest first.
    @discardableResult
    public func markStaleSendingAsUnknown(
        olderThan maxAge: TimeInterval = OrderJournal.staleSendingAge,
        now: Date = Date()
    ) async throws -> [JournalEntry] {
        if let store { return try await store.markStaleSendingAsUnknown(olderThan: maxAge, now: now) }
        return try markStaleFileEntriesAsUnknown(olderThan: maxAge, now: now)
    }

    /// ``markStaleSendingAsUnknown(olderThan:now:)`` on the SQLite file (synchronous: opening a
    /// journal file runs it before the journal is handed out).
    func markStaleFileEntriesAsUnknown(
        olderThan maxAge: TimeInterval = OrderJournal.staleSendingAge, now: Date = Date()
    ) throws -> [JournalEntry] {
        let now = JournalTimestamp.rounded(now)
        let cutoff = now.addingTimeInterval(-maxAge)
        return try write { db in
            let sending = try JournalEntry
                .filter(JournalEntry.Columns.state == JournalState.sending)
                .order(JournalEntry.Columns.id)
                .fetchAll(db)
            var changed: [JournalEntry] = []
            for var entry in sending {
                guard let reason = Self.staleReason(of: entry, cutoff: cutoff, maxAge: maxAge) else { continue }
                entry.apply(.unknown(httpStatus: nil, errorMessage: reason), at: now)
                try entry.update(db)
                changed.append(entry)
            }
            return changed
        }
    }

    /// Why a `sending` entry is unowned (its process ended, or it is older than `cutoff`), or
    /// nil when a live process may still record its outcome.
    static func staleReason(of entry: JournalEntry, cutoff: Date, maxAge: TimeInterval) -> String? {
        guard entry.state == .sending else { return nil }
        if let owner = entry.ownerPID, !ProcessLiveness.isAlive(owner) {
            return "process \(owner) ended before the outcome of the send was recorded"
        }
        if entry.createdAt < cutoff {
            return "no outcome was recorded within \(Int(maxAge)) seconds"
        }
        return nil
    }

    /// The entries as a reader sees them: on a read-only journal, which cannot record it, a
    /// `sending` entry no live process owns reads `unknown` (what a writer records on opening).
    func presented(_ entries: [JournalEntry], now: Date = Date()) -> [JournalEntry] {
        guard isReadOnly else { return entries }
        let maxAge = OrderJournal.staleSendingAge
        let now = JournalTimestamp.rounded(now)
        let cutoff = now.addingTimeInterval(-maxAge)
        return entries.map { entry in
            guard let reason = Self.staleReason(of: entry, cutoff: cutoff, maxAge: maxAge) else { return entry }
            var shown = entry
            shown.apply(.unknown(httpStatus: nil, errorMessage: reason), at: now)
            return shown
        }
    }
}
