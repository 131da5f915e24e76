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
    ) throws -> [JournalEntry] {
        let now = JournalTimestamp.rounded(now)
        let cutoff = now.addingTimeInterval(-maxAge)
        return try database.write { db in
            let sending = try JournalEntry
                .filter(JournalEntry.Columns.state == JournalState.sending)
                .order(JournalEntry.Columns.id)
                .fetchAll(db)
            var changed: [JournalEntry] = []
            for var entry in sending {
                let reason: String
                if let owner = entry.ownerPID, !ProcessLiveness.isAlive(owner) {
                    reason = "process \(owner) ended before the outcome of the send was recorded"
                } else if entry.createdAt < cutoff {
                    reason = "no outcome was recorded within \(Int(maxAge)) seconds"
                } else {
                    continue
                }
                entry.apply(.unknown(httpStatus: nil, errorMessage: reason), at: now)
                try entry.update(db)
                changed.append(entry)
            }
            return changed
        }
    }
}
