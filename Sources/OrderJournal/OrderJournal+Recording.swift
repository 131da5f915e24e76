import CertOrder
import Foundation
import GRDB

/// The write-ahead API: intents before the request, outcomes after it.
extension OrderJournal {
    // MARK: Intents

    /// Commits a `sending` entry for a request that is about to leave. Call it before sending:
    /// once it returns, the send can no longer be forgotten.
    ///
    /// - Parameters:
    ///   - endpoint: `sandbox`, `us`, `eu` or a base URL (stored by ``storedEndpoint(_:)``).
    ///   - product: The product.
    ///   - payload: The exact bytes that will be sent.
    ///   - canonicalPayload: The payload without an auto-generated `alternative_order_id`, whose
    ///     digest the duplicate guard compares; nil when `payload` is canonical already.
    ///   - alternativeOrderID: The `alternative_order_id` in the payload.
    ///   - batch: An optional batch or run id.
    ///   - label: An optional human label, for example `file.order:12`.
    ///   - duplicateWindow: When set, the duplicate guard runs in the same transaction as the
    ///     insert, so two processes cannot both pass it: an entry that may have created an order
    ///     with the same digest on the same endpoint within this many seconds, or at any time in
    ///     the same `batch`, makes the call throw ``JournalError/duplicate(_:)`` and record nothing.
    /// - Returns: The new entry, as stored.
    @discardableResult
    public func recordIntent(
        endpoint: String,
        product: Product,
        payload: Data,
        canonicalPayload: Data? = nil,
        alternativeOrderID: String,
        batch: String? = nil,
        label: String? = nil,
        rejectingDuplicatesWithin duplicateWindow: TimeInterval? = nil
    ) async throws -> JournalEntry {
        let intent = JournalIntent(
            endpoint: endpoint, product: product, payload: payload,
            canonicalPayload: canonicalPayload, alternativeOrderID: alternativeOrderID,
            batch: batch, label: label)
        return try await recordIntents([intent], rejectingDuplicatesWithin: duplicateWindow)[0]
    }

    /// Commits `sending` entries for several intents in one transaction (one disk flush instead
    /// of one per intent). All are recorded or, when one is a duplicate, none.
    ///
    /// Every entry is `sending` from this commit on: send the requests promptly. If the process
    /// dies first, the unsent ones become `unknown` and reconciliation finds no order for them.
    ///
    /// - Parameter duplicateWindow: As for
    ///   ``recordIntent(endpoint:product:payload:canonicalPayload:alternativeOrderID:batch:label:rejectingDuplicatesWithin:)``;
    ///   an intent is also a duplicate of an earlier intent in the same call.
    /// - Returns: The new entries, in the order of `intents`.
    @discardableResult
    public func recordIntents(
        _ intents: [JournalIntent],
        rejectingDuplicatesWithin duplicateWindow: TimeInterval? = nil
    ) async throws -> [JournalEntry] {
        guard !intents.isEmpty else { return [] }
        if let store { return try await store.recordIntents(intents, rejectingDuplicatesWithin: duplicateWindow) }
        let now = JournalTimestamp.rounded(Date())
        return try write { db in
            try intents.map { intent in
                try Self.insert(intent, in: db, rejectingDuplicatesWithin: duplicateWindow, now: now)
            }
        }
    }

    /// Inserts one `sending` entry inside the caller's transaction, after the duplicate guard.
    static func insert(
        _ intent: JournalIntent, in db: Database, rejectingDuplicatesWithin duplicateWindow: TimeInterval?, now: Date
    ) throws -> JournalEntry {
        let endpoint = storedEndpoint(intent.endpoint)
        let digest = intent.payloadDigest
        if let duplicateWindow {
            if let earlier = try duplicate(in: db, endpoint: endpoint, payloadDigest: digest, within: duplicateWindow, now: now) {
                throw JournalError.duplicate(earlier)
            }
            // A batch run again, however much later, resumes: what it placed is not placed twice.
            if let batch = intent.batch,
               let earlier = try duplicate(in: db, endpoint: endpoint, payloadDigest: digest, batch: batch) {
                throw JournalError.duplicate(earlier)
            }
        }
        let entry = JournalEntry(
            id: try nextEntryID(db), createdAt: now, updatedAt: now,
            endpoint: endpoint, product: intent.product, payload: intent.payload,
            payloadDigest: digest, alternativeOrderID: intent.alternativeOrderID,
            state: .sending, batch: intent.batch, label: intent.label, ownerPID: ProcessLiveness.currentPID)
        try entry.insert(db)
        return entry
    }

    /// The id the next entry gets: the one `AUTOINCREMENT` would give (one more than the largest
    /// id the table ever held, kept in `sqlite_sequence`), chosen inside the inserting
    /// transaction, so the record is inserted whole with its id and returned as stored.
    static func nextEntryID(_ db: Database) throws -> Int64 {
        let largest = try Int64.fetchOne(
            db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [JournalEntry.databaseTableName])
        return (largest ?? 0) + 1
    }

    // MARK: Outcomes

    /// Records that the API created the order (`placed`). Clears any earlier error.
    @discardableResult
    public func recordPlaced(
        id: Int64, httpStatus: Int?, orderID: Int, requests: [JournalRequest], certificateID: Int?
    ) async throws -> JournalEntry {
        try await record(
            .placed(httpStatus: httpStatus, orderID: orderID, requests: requests,
                    certificateID: certificateID),
            forEntry: id)
    }

    /// Records that the API answered with an error (`refused`, a 4xx): no order exists.
    @discardableResult
    public func recordRefused(
        id: Int64, httpStatus: Int, errorCode: String?, errorMessage: String?
    ) async throws -> JournalEntry {
        try await record(
            .refused(httpStatus: httpStatus, errorCode: errorCode, errorMessage: errorMessage),
            forEntry: id)
    }

    /// Records that the request certainly never reached the server (`failed`), for example a
    /// refused connection before any byte was written.
    @discardableResult
    public func recordFailed(id: Int64, errorMessage: String) async throws -> JournalEntry {
        try await record(.failed(errorMessage: errorMessage), forEntry: id)
    }

    /// Records that the request may have reached the server (`unknown`): a timeout, a dropped
    /// connection, a 5xx answer. Such an entry must be reconciled before the payload is resent.
    @discardableResult
    public func recordUnknown(
        id: Int64, httpStatus: Int? = nil, errorMessage: String
    ) async throws -> JournalEntry {
        try await record(.unknown(httpStatus: httpStatus, errorMessage: errorMessage), forEntry: id)
    }

    /// Records an outcome for a `sending` or `unknown` entry.
    ///
    /// - Throws: ``JournalError/entryNotFound(id:)``, or
    ///   ``JournalError/invalidTransition(id:from:to:)`` when the entry is already
    ///   `placed`, `refused` or `failed`.
    /// - Returns: The updated entry.
    @discardableResult
    public func record(_ outcome: JournalOutcome, forEntry id: Int64) async throws -> JournalEntry {
        try await recordOutcomes([(id: id, outcome: outcome)])[0]
    }

    /// Records several outcomes in one transaction: all of them or, when one fails, none.
    ///
    /// Holding outcomes back to group them is safe: until they are written their entries stay
    /// `sending`, and a crash turns them `unknown`, to be reconciled.
    ///
    /// - Returns: The updated entries, in the order of `outcomes`.
    @discardableResult
    public func recordOutcomes(
        _ outcomes: [(id: Int64, outcome: JournalOutcome)]
    ) async throws -> [JournalEntry] {
        guard !outcomes.isEmpty else { return [] }
        if let store { return try await store.recordOutcomes(outcomes) }
        let now = JournalTimestamp.rounded(Date())
        return try write { db in
            try outcomes.map { id, outcome in try Self.apply(outcome, toEntry: id, in: db, now: now) }
        }
    }

    /// Writes one outcome inside the caller's transaction.
    static func apply(_ outcome: JournalOutcome, toEntry id: Int64, in db: Database, now: Date) throws -> JournalEntry {
        var entry = try fetchEntry(db, id: id)
        guard entry.state.acceptsOutcome else {
            throw JournalError.invalidTransition(id: id, from: entry.state, to: outcome.state)
        }
        entry.apply(outcome, at: now)
        try entry.update(db)
        return entry
    }

    // MARK: Status refreshes

    /// Stores what a `status` refresh learned about a placed order.
    ///
    /// - Parameters:
    ///   - orderStatus: The order status the API reports, for example `pending` or `issued`.
    ///   - requests: The approval requests and their statuses; nil keeps the stored ones.
    ///   - certificateID: The certificate id; nil keeps the stored one.
    /// - Throws: ``JournalError/entryNotFound(id:)``, or
    ///   ``JournalError/invalidTransition(id:from:to:)`` when the entry is not `placed`.
    /// - Returns: The updated entry.
    @discardableResult
    public func updateStatus(
        id: Int64, orderStatus: String, requests: [JournalRequest]? = nil, certificateID: Int? = nil
    ) async throws -> JournalEntry {
        if let store { return try await store.updateStatus(id: id, orderStatus: orderStatus, requests: requests, certificateID: certificateID) }
        let now = JournalTimestamp.rounded(Date())
        return try write { db in
            var entry = try Self.fetchEntry(db, id: id)
            guard entry.state == .placed else {
                throw JournalError.invalidTransition(id: id, from: entry.state, to: .placed)
            }
            entry.orderStatus = orderStatus
            if let requests { entry.requests = requests }
            if let certificateID { entry.certificateID = certificateID }
            entry.updatedAt = now
            try entry.update(db)
            return entry
        }
    }

    /// The entry with this id, or ``JournalError/entryNotFound(id:)``.
    static func fetchEntry(_ db: Database, id: Int64) throws -> JournalEntry {
        guard let entry = try JournalEntry.fetchOne(db, key: id) else {
            throw JournalError.entryNotFound(id: id)
        }
        return entry
    }
}
