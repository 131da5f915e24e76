import Foundation
import GRDB

/// Reading the journal: listings, the duplicate guard, and the runs of a batch.
extension OrderJournal {
    private typealias Columns = JournalEntry.Columns

    /// Entries newest first, optionally only those in one state or one batch.
    ///
    /// - Parameter limit: At most this many entries; nil for all.
    public func entries(
        state: JournalState? = nil, batch: String? = nil, limit: Int? = nil
    ) async throws -> [JournalEntry] {
        if let store { return try await store.entries(state: state, batch: batch, limit: limit) }
        if isReadOnly {
            // A stale `sending` entry reads `unknown`: the state is filtered after that.
            let all = presented(try await database.read { db in
                var request = JournalEntry.all()
                if let batch { request = request.filter(Columns.batch == batch) }
                return try request.order(Columns.id.desc).fetchAll(db)
            })
            let chosen = state.map { state in all.filter { $0.state == state } } ?? all
            return limit.map { Array(chosen.prefix($0)) } ?? chosen
        }
        return try await database.read { db in
            var request = JournalEntry.all()
            if let state { request = request.filter(Columns.state == state) }
            if let batch { request = request.filter(Columns.batch == batch) }
            request = request.order(Columns.id.desc)
            if let limit { request = request.limit(limit) }
            return try request.fetchAll(db)
        }
    }

    /// The entry with this id, or nil.
    public func entry(id: Int64) async throws -> JournalEntry? {
        if let store { return try await store.entry(id: id) }
        return presented(try await database.read { db in try JournalEntry.fetchOne(db, key: id) }.map { [$0] } ?? []).first
    }

    /// The newest entry that sent this `alternative_order_id`, or nil.
    public func entry(alternativeOrderID: String) async throws -> JournalEntry? {
        if let store { return try await store.entry(alternativeOrderID: alternativeOrderID) }
        return try await database.read { db in
            try JournalEntry
                .filter(Columns.alternativeOrderID == alternativeOrderID)
                .order(Columns.id.desc)
                .fetchOne(db)
        }
    }

    /// Entries whose outcome is not settled (`sending` and `unknown`), newest first: what
    /// `reconcile` works through and the start-up notice counts.
    public func unresolved() async throws -> [JournalEntry] {
        if let store { return try await store.unresolved() }
        return presented(try await database.read { db in
            try JournalEntry
                .filter([JournalState.sending, JournalState.unknown].contains(Columns.state))
                .order(Columns.id.desc)
                .fetchAll(db)
        })
    }

    /// The duplicate guard: the newest entry on the same endpoint with the same payload digest
    /// that may have created an order (`placed`, `sending` or `unknown`) and was recorded no
    /// earlier than `window` seconds before `now`, or nil. `refused` and `failed` entries never
    /// count: they created nothing.
    public func findDuplicate(
        endpoint: String,
        payloadDigest: String,
        within window: TimeInterval = OrderJournal.duplicateWindow,
        now: Date = Date()
    ) async throws -> JournalEntry? {
        if let store { return try await store.findDuplicate(endpoint: endpoint, payloadDigest: payloadDigest, within: window, now: now) }
        return try await database.read { db in
            try Self.duplicate(
                in: db, endpoint: Self.storedEndpoint(endpoint), payloadDigest: payloadDigest,
                within: window, now: now)
        }
    }

    /// The duplicate guard's query, shared by ``findDuplicate(endpoint:payloadDigest:within:now:)``
    /// and the guarded insert. `endpoint` must already be in stored form.
    static func duplicate(
        in db: Database, endpoint: String, payloadDigest: String, within window: TimeInterval,
        now: Date
    ) throws -> JournalEntry? {
        let earliest = JournalTimestamp.milliseconds(now.addingTimeInterval(-window))
        let blocking = JournalState.allCases.filter(\.mayHaveCreatedOrder)
        return try JournalEntry
            .filter(Columns.endpoint == endpoint)
            .filter(Columns.payloadDigest == payloadDigest)
            .filter(blocking.contains(Columns.state))
            .filter(Columns.createdAt >= earliest)
            .order(Columns.id.desc)
            .fetchOne(db)
    }

    /// The name under which to record a run of the batch known as `identity` whose orders have
    /// these canonical `digests`: names are `identity-1`, `identity-2`, …
    ///
    /// The latest run is continued while it is unfinished (an order has no entry that may have
    /// created it) or finished less than `window` ago, so running the batch again resumes it, or
    /// skips all of it, however old its first entries; the duplicate guard then skips every order
    /// that run placed. A batch finished longer ago is a new run: a renewal a year later is sent.
    public func batchRun(
        identity: String, digests: Set<String>, window: TimeInterval = OrderJournal.duplicateWindow, now: Date = Date()
    ) async throws -> String {
        try await batchRun(identity: identity, covers: { digests.isSubset(of: $0) }, window: window, now: now)
    }

    /// The duplicate guard for a batch run again: the newest entry of `batch` with this digest on
    /// this endpoint that may have created an order, at any age.
    static func duplicate(in db: Database, endpoint: String, payloadDigest: String, batch: String) throws -> JournalEntry? {
        let blocking = JournalState.allCases.filter(\.mayHaveCreatedOrder)
        return try JournalEntry
            .filter(Columns.endpoint == endpoint)
            .filter(Columns.payloadDigest == payloadDigest)
            .filter(Columns.batch == batch)
            .filter(blocking.contains(Columns.state))
            .order(Columns.id.desc)
            .fetchOne(db)
    }
}
