import Crypto
import Foundation
import PostgresNIO

/// The shared rate budget of a PostgreSQL journal: CertCentral's limits per account (100
/// requests per 5 s, 1,000 per 3 min), spent together by every process that uses the journal.
///
/// Each request takes a *permit*: a `rate_permit` row holding the account's fingerprint (the
/// first 16 hex digits of the SHA-256 of the pacer's key, never the key) and the moment the
/// request may leave, on the database's clock. A permit is taken in one transaction under an
/// advisory lock on the account, by the rule the local pacer follows: the earliest moment no
/// earlier than the latest permit taken, and a whole window (plus margin) after the permit
/// `limit` places back, for every limit. When the request's answer arrives its permit moves to
/// that moment (``complete(permit:)``), as the local pacer does.
///
/// Nothing is held between requests, so a process that dies holding permits loses nothing but
/// their count in their windows: the rows age out with the windows and are deleted by later takes.
package final class PostgresRateBudget: Sendable {
    let store: PostgresJournalStore

    init(store: PostgresJournalStore) {
        self.store = store
    }

    /// The fingerprint the budget is kept under for a pacer key (`host NUL apiKey`).
    package static func fingerprint(ofKey key: String) -> String {
        String(OrderJournal.digest(of: Data(key.utf8)).prefix(16))
    }

    /// Takes one permit for `account`; answers how many milliseconds from now it is for.
    /// - Parameter limits: Each limit as (requests, window in milliseconds).
    package func take(account: String, limits: [(requests: Int, windowMS: Int64)], marginMS: Int64) async throws -> (waitMS: Int64, permit: Int64) {
        let link = store.sideLink
        let longest = (limits.map(\.windowMS).max() ?? 0) + marginMS
        let limits = limits.map { Limit(requests: $0.requests, windowMS: $0.windowMS) }
        let taken: Taken = try await link.exclusive { link in
            try await link.transaction {
                try await link.query("SELECT pg_advisory_xact_lock(\(Self.lockKey(account)))")
                let now = try await link.query("SELECT \(unescaped: PostgresJournalStore.nowSQL)").first?.decode(Int64.self) ?? 0
                try await link.query("DELETE FROM rate_permit WHERE account = \(account) AND taken_at < \(now - longest)")
                var slot = max(now, try await link.query("SELECT max(taken_at) FROM rate_permit WHERE account = \(account)")
                    .first?.decode(Int64?.self) ?? 0)
                for limit in limits {
                    // The permit `requests` places back must be a whole window (plus margin) before this one.
                    let back = try await link.query("""
                        SELECT taken_at FROM rate_permit WHERE account = \(account)
                        ORDER BY taken_at DESC OFFSET \(limit.requests - 1) LIMIT 1
                        """).first?.decode(Int64.self)
                    if let back { slot = max(slot, back + limit.windowMS + marginMS) }
                }
                let id = try await link.query("INSERT INTO rate_permit (account, taken_at) VALUES (\(account), \(slot)) RETURNING id")
                    .first?.decode(Int64.self) ?? 0
                return Taken(waitMS: slot - now, permit: id)
            }
        }
        return (taken.waitMS, taken.permit)
    }

    /// One limit, as a value the transaction may capture.
    private struct Limit: Sendable {
        var requests: Int
        var windowMS: Int64
    }

    /// A permit taken, as a value that may leave the transaction.
    private struct Taken: Sendable {
        var waitMS: Int64
        var permit: Int64
    }

    /// Moves a permit to now (its request was answered): later requests keep a whole window after it.
    package func complete(permit: Int64) async throws {
        try await store.sideLink.exclusive { link in
            try await link.query("""
                UPDATE rate_permit SET taken_at = greatest(taken_at, \(unescaped: PostgresJournalStore.nowSQL)) WHERE id = \(permit)
                """)
        }
    }

    /// How many permits `account` holds inside the last `windowMS` (tests, diagnostics).
    package func recentCount(account: String, windowMS: Int64) async throws -> Int {
        try await store.sideLink.exclusive { link in
            try await link.query("""
                SELECT count(*) FROM rate_permit WHERE account = \(account) AND taken_at >= \(unescaped: PostgresJournalStore.nowSQL) - \(windowMS)
                """).first?.decode(Int.self) ?? 0
        }
    }

    static func lockKey(_ account: String) -> Int64 {
        let hash = SHA256.hash(data: Data(("rate\u{0}" + account).utf8))
        return hash.prefix(8).reduce(Int64(0)) { ($0 << 8) | Int64($1) }
    }
}

extension OrderJournal {
    /// The shared rate budget, for a PostgreSQL journal; nil for a SQLite file (each process
    /// then paces itself).
    package var rateBudget: PostgresRateBudget? {
        (store as? PostgresJournalStore).map(PostgresRateBudget.init(store:))
    }
}
