import CertOrder
import Crypto
import Foundation
import PostgresNIO
#if canImport(Glibc)
import Glibc
#endif

/// The journal on PostgreSQL: the same entries, states and rules as the SQLite journal, shared
/// by every process on every machine that opens the same database (`--journal postgresql://…`).
///
/// **Durability.** An intent is committed (PostgreSQL flushes its WAL at commit with the
/// server's default `synchronous_commit = on`) before the call returns, so the write-ahead rule
/// holds as on SQLite. Outcomes of concurrent sends share transactions through
/// ``JournalGroupCommitter`` as they do on SQLite (one commit, one round trip per group).
///
/// **The duplicate guard across machines.** Before it checks for an earlier entry, a transaction
/// that records intents takes a transaction-scoped advisory lock on each intent's
/// (endpoint, digest) key (`pg_advisory_xact_lock`, keys in ascending order so two groups never
/// deadlock). A second process recording the same payload waits at its lock until the first
/// commits, and its check then sees the first's entry. The guard's rule — same endpoint and
/// digest, an entry that may have created an order, within a time window or in the same batch
/// run — is not a uniqueness a constraint can state (refused and failed entries do not count,
/// and the window slides), so the lock makes the check and the insert one step instead.
///
/// **Liveness across machines.** A process id says nothing on another machine. Each process
/// that opens the journal holds a *lease*: a `journal_session` row whose `heartbeat_at` it
/// renews every ``leaseRenewal`` on the database's clock. Its `sending` entries carry the
/// lease's id. Another process counts the owner alive while its lease is younger than
/// ``leaseDuration``; on the owner's own machine it also checks the process id, so a killed
/// process's entries are `unknown` at once there, and within ``leaseDuration`` elsewhere.
package final class PostgresJournalStore: JournalStore, @unchecked Sendable {
    /// How often a process renews its lease.
    package static let leaseRenewal: TimeInterval = 5
    /// How long a lease lasts without renewal: a process silent this long is gone.
    package static let leaseDuration: TimeInterval = 30

    package let url: PostgresJournalURL
    package var location: String { url.redacted }
    /// The connection the journal's statements use.
    let link: PostgresLink
    /// A second connection for the lease's renewal and the rate budget's permits, so neither
    /// waits behind a large group commit.
    let sideLink: PostgresLink
    let isReadOnly: Bool
    /// This process's lease id.
    package let session = UUID().uuidString.lowercased()
    /// This machine: its host name and boot id (a rebooted machine's old process ids mean nothing).
    package let host = PostgresJournalStore.machineIdentity()
    /// The task that renews the lease (nil for a reader, which holds none).
    private let renewal: Task<Void, Never>?

    /// Connects, applies unapplied migrations (unless `readOnly`), takes the lease and marks the
    /// `sending` entries no live process owns `unknown`, as opening the SQLite journal does.
    ///
    /// - Throws: ``JournalError/unreachable(location:detail:)`` before anything is sent when the
    ///   database cannot be reached; ``JournalError/notFound(path:)`` when reading a database
    ///   that holds no journal.
    package init(url: PostgresJournalURL, readOnly: Bool = false) async throws {
        self.url = url
        isReadOnly = readOnly
        link = try await PostgresLink.connect(url)
        do {
            sideLink = try await PostgresLink.connect(url)
        } catch {
            await link.close()
            throw error
        }
        if readOnly {
            renewal = nil
            guard try await PostgresJournalSchema.exists(link) else {
                await link.close(); await sideLink.close()
                throw JournalError.notFound(path: url.redacted)
            }
            return
        }
        do {
            try await PostgresJournalSchema.migrate(link)
            let session = session, host = host
            try await sideLink.exclusive { link in
                try await link.query("""
                    INSERT INTO journal_session (id, host, pid, started_at, heartbeat_at)
                    VALUES (\(session), \(host), \(Int64(ProcessLiveness.currentPID)), \(unescaped: Self.nowSQL), \(unescaped: Self.nowSQL))
                    """)
            }
        } catch {
            await link.close(); await sideLink.close()
            throw error
        }
        renewal = Task.detached { [sideLink, session] in
            while !Task.isCancelled {
                // The lease's own period, not a test's wait: cancelled by close().
                try? await Task.sleep(for: .seconds(Self.leaseRenewal))
                if Task.isCancelled { return }
                // A failed renewal is not fatal by itself: the journal's own statements fail on a
                // lost connection and stop the sends; a late renewal only delays others' verdict.
                _ = try? await sideLink.exclusive { link in
                    try await link.query("UPDATE journal_session SET heartbeat_at = \(unescaped: Self.nowSQL) WHERE id = \(session)")
                }
            }
        }
    }

    deinit {
        renewal?.cancel()
    }

    /// The database's clock, in milliseconds since 1970: leases compare on it, not on the
    /// machines' clocks, which may differ.
    static let nowSQL = "(extract(epoch from clock_timestamp()) * 1000)::bigint"

    /// Whether an entry's owner holds a live lease (`lease_fresh`): computed in every read.
    static var leaseFreshSQL: String {
        "(s.heartbeat_at IS NOT NULL AND s.heartbeat_at >= \(nowSQL) - \(Int64(leaseDuration * 1000)))"
    }

    /// The columns every read selects, in ``decode(_:)``'s terms.
    static var selectSQL: String {
        """
        SELECT e.id, e.created_at, e.updated_at, e.endpoint, e.product, e.payload, e.payload_digest,
               e.alternative_order_id, e.state, e.http_status, e.order_id, e.order_status, e.requests,
               e.certificate_id, e.error_code, e.error_message, e.batch, e.label, e.owner_pid,
               e.owner_host, e.owner_session, \(leaseFreshSQL) AS lease_fresh
        FROM journal_entry e LEFT JOIN journal_session s ON s.id = e.owner_session
        """
    }

    /// The blocking states of the duplicate guard, as SQL.
    static let blockingSQL = "('sending', 'placed', 'unknown')"

    // MARK: Rows

    /// One row read, with what liveness needs.
    struct Row: Sendable {
        var entry: JournalEntry
        var ownerHost: String?
        var ownerSession: String?
        var leaseFresh: Bool
    }

    func decode(_ row: PostgresRow) throws -> Row {
        let r = row.makeRandomAccess()
        let requestsText = try r["requests"].decode(String.self)
        let productName = try r["product"].decode(String.self)
        let stateName = try r["state"].decode(String.self)
        guard let product = Product(rawValue: productName), let state = JournalState(rawValue: stateName) else {
            throw JournalError.database(location: location, detail: "an entry holds an unknown product or state (\(productName), \(stateName))")
        }
        let entry = JournalEntry(
            id: try r["id"].decode(Int64.self),
            createdAt: JournalTimestamp.date(milliseconds: try r["created_at"].decode(Int64.self)),
            updatedAt: JournalTimestamp.date(milliseconds: try r["updated_at"].decode(Int64.self)),
            endpoint: try r["endpoint"].decode(String.self), product: product,
            payload: try r["payload"].decode(Data.self), payloadDigest: try r["payload_digest"].decode(String.self),
            alternativeOrderID: try r["alternative_order_id"].decode(String.self), state: state,
            httpStatus: try r["http_status"].decode(Int?.self), orderID: try r["order_id"].decode(Int?.self),
            orderStatus: try r["order_status"].decode(String?.self),
            requests: try JSONDecoder().decode([JournalRequest].self, from: Data(requestsText.utf8)),
            certificateID: try r["certificate_id"].decode(Int?.self), errorCode: try r["error_code"].decode(String?.self),
            errorMessage: try r["error_message"].decode(String?.self), batch: try r["batch"].decode(String?.self),
            label: try r["label"].decode(String?.self), ownerPID: try r["owner_pid"].decode(Int64?.self).map { Int32(truncatingIfNeeded: $0) })
        var decoded = Row(
            entry: entry, ownerHost: try r["owner_host"].decode(String?.self),
            ownerSession: try r["owner_session"].decode(String?.self), leaseFresh: try r["lease_fresh"].decode(Bool.self))
        decoded.entry.ownerInFlightElsewhere = entry.state == .sending && decoded.ownerSession != session && ownerAlive(decoded)
        return decoded
    }

    /// Whether the process that recorded a row still runs: this process; on this machine, a
    /// running process with its id whose lease is live; elsewhere, a live lease.
    func ownerAlive(_ row: Row) -> Bool {
        if row.ownerSession == session { return true }
        if row.ownerHost == host, let pid = row.entry.ownerPID, !ProcessLiveness.isAlive(pid) { return false }
        return row.leaseFresh
    }

    /// Why a `sending` row is unowned, or nil (``OrderJournal/staleReason(of:cutoff:maxAge:)``'s rule, by lease).
    func staleReason(of row: Row, cutoff: Date, maxAge: TimeInterval) -> String? {
        guard row.entry.state == .sending else { return nil }
        let owner = row.entry.ownerPID.map(String.init) ?? "?"
        if row.ownerSession != session {
            if row.ownerHost == host, let pid = row.entry.ownerPID, !ProcessLiveness.isAlive(pid) {
                return "process \(pid) ended before the outcome of the send was recorded"
            }
            if !row.leaseFresh {
                let machine = row.ownerHost.map { " on \(Self.hostName(of: $0))" } ?? ""
                return "process \(owner)\(machine) stopped renewing its journal lease before the outcome of the send was recorded"
            }
        }
        if row.entry.createdAt < cutoff {
            return "no outcome was recorded within \(Int(maxAge)) seconds"
        }
        return nil
    }

    /// Entries as a read-only journal shows them: a `sending` entry no live process owns reads `unknown`.
    func presented(_ rows: [Row]) -> [JournalEntry] {
        guard isReadOnly else { return rows.map(\.entry) }
        let maxAge = OrderJournal.staleSendingAge
        let now = JournalTimestamp.rounded(Date())
        let cutoff = now.addingTimeInterval(-maxAge)
        return rows.map { row in
            guard let reason = staleReason(of: row, cutoff: cutoff, maxAge: maxAge) else { return row.entry }
            var shown = row.entry
            shown.apply(.unknown(httpStatus: nil, errorMessage: reason), at: now)
            shown.ownerInFlightElsewhere = false
            return shown
        }
    }

    /// Rows of ``selectSQL`` filtered by `conditions` (SQL with `$n` placeholders for `binds`).
    func select(_ link: PostgresLink, where conditions: [String] = [], binds: PostgresBindings = PostgresBindings(),
                order: String = "e.id DESC", limit: Int? = nil, forUpdate: Bool = false) async throws -> [Row] {
        var sql = Self.selectSQL
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY " + order
        if let limit { sql += " LIMIT \(limit)" }
        if forUpdate { sql += " FOR UPDATE OF e" }
        return try await link.query(PostgresQuery(unsafeSQL: sql, binds: binds)).map(decode)
    }

    func read<T: Sendable>(_ body: (PostgresLink) async throws -> T) async throws -> T {
        try await link.exclusive(body)
    }

    func write<T: Sendable>(_ body: (PostgresLink) async throws -> T) async throws -> T {
        try checkAvailable()
        return try await link.exclusive { link in try await link.transaction { try await body(link) } }
    }

    package func checkAvailable() throws {
        if link.isClosed {
            throw JournalError.database(location: location, detail: "the connection was lost")
        }
    }

    // MARK: Intents

    package func recordIntents(_ intents: [JournalIntent], rejectingDuplicatesWithin duplicateWindow: TimeInterval?) async throws -> [JournalEntry] {
        guard !intents.isEmpty else { return [] }
        let now = JournalTimestamp.rounded(Date())
        return try await write { link in
            if duplicateWindow != nil { try await lockDuplicateKeys(of: intents, link) }
            var recorded: [JournalEntry] = []
            for intent in intents {
                recorded.append(try await insert(intent, link, rejectingDuplicatesWithin: duplicateWindow, now: now))
            }
            return recorded
        }
    }

    /// Takes the transaction's advisory locks on the intents' (endpoint, digest) keys, in ascending order.
    func lockDuplicateKeys(of intents: [JournalIntent], _ link: PostgresLink) async throws {
        let keys = Set(intents.map { Self.lockKey(endpoint: OrderJournal.storedEndpoint($0.endpoint), digest: $0.payloadDigest) }).sorted()
        guard !keys.isEmpty else { return }
        try await link.query("SELECT pg_advisory_xact_lock(k) FROM unnest(\(keys)::bigint[]) WITH ORDINALITY AS t(k, i) ORDER BY i")
    }

    /// The advisory lock key of an (endpoint, digest) pair: the first 8 bytes of its SHA-256.
    static func lockKey(endpoint: String, digest: String) -> Int64 {
        let hash = SHA256.hash(data: Data((endpoint + "\u{0}" + digest).utf8))
        return hash.prefix(8).reduce(Int64(0)) { ($0 << 8) | Int64($1) }
    }

    /// The guarded insert of one intent, inside the caller's transaction (its key locked).
    func insert(_ intent: JournalIntent, _ link: PostgresLink, rejectingDuplicatesWithin duplicateWindow: TimeInterval?, now: Date) async throws -> JournalEntry {
        let endpoint = OrderJournal.storedEndpoint(intent.endpoint)
        let digest = intent.payloadDigest
        if let duplicateWindow {
            if let earlier = try await duplicate(link, endpoint: endpoint, payloadDigest: digest, within: duplicateWindow, now: now) {
                throw JournalError.duplicate(earlier)
            }
            if let batch = intent.batch, let earlier = try await duplicate(link, endpoint: endpoint, payloadDigest: digest, batch: batch) {
                throw JournalError.duplicate(earlier)
            }
        }
        let at = JournalTimestamp.milliseconds(now)
        let pid = Int64(ProcessLiveness.currentPID)
        let rows = try await link.query("""
            INSERT INTO journal_entry (created_at, updated_at, endpoint, product, payload, payload_digest,
                alternative_order_id, state, requests, batch, label, owner_pid, owner_host, owner_session)
            VALUES (\(at), \(at), \(endpoint), \(intent.product.rawValue), \(intent.payload), \(digest),
                \(intent.alternativeOrderID), 'sending', '[]', \(intent.batch), \(intent.label), \(pid), \(host), \(session))
            RETURNING id
            """)
        guard let id = try rows.first?.decode(Int64.self) else {
            throw JournalError.database(location: location, detail: "the insert returned no id")
        }
        var entry = JournalEntry(
            id: id, createdAt: now, updatedAt: now, endpoint: endpoint, product: intent.product, payload: intent.payload,
            payloadDigest: digest, alternativeOrderID: intent.alternativeOrderID, state: .sending,
            batch: intent.batch, label: intent.label, ownerPID: ProcessLiveness.currentPID)
        entry.ownerInFlightElsewhere = false
        return entry
    }

    func duplicate(_ link: PostgresLink, endpoint: String, payloadDigest: String, within window: TimeInterval, now: Date) async throws -> JournalEntry? {
        var binds = PostgresBindings()
        binds.append(endpoint)
        binds.append(payloadDigest)
        binds.append(JournalTimestamp.milliseconds(now.addingTimeInterval(-window)))
        return try await select(
            link, where: ["e.endpoint = $1", "e.payload_digest = $2", "e.state IN \(Self.blockingSQL)", "e.created_at >= $3"],
            binds: binds, limit: 1
        ).first?.entry
    }

    func duplicate(_ link: PostgresLink, endpoint: String, payloadDigest: String, batch: String) async throws -> JournalEntry? {
        var binds = PostgresBindings()
        binds.append(endpoint)
        binds.append(payloadDigest)
        binds.append(batch)
        return try await select(
            link, where: ["e.endpoint = $1", "e.payload_digest = $2", "e.batch = $3", "e.state IN \(Self.blockingSQL)"],
            binds: binds, limit: 1
        ).first?.entry
    }

    // MARK: Outcomes

    package func recordOutcomes(_ outcomes: [(id: Int64, outcome: JournalOutcome)]) async throws -> [JournalEntry] {
        guard !outcomes.isEmpty else { return [] }
        let now = JournalTimestamp.rounded(Date())
        let outcomes = outcomes.map { Pending(id: $0.id, outcome: $0.outcome) }
        return try await write { link in
            var applied: [JournalEntry] = []
            for pending in outcomes { applied.append(try await apply(pending.outcome, toEntry: pending.id, link, now: now)) }
            return applied
        }
    }

    package func commit(_ writes: [JournalGroupCommitter.Write]) async -> [Result<JournalEntry, any Error>] {
        let now = JournalTimestamp.rounded(Date())
        do {
            return try await write { link in
                let guarded = writes.compactMap { write -> JournalIntent? in
                    if case .intent(let intent, let window?) = write, window >= 0 { return intent }
                    return nil
                }
                try await lockDuplicateKeys(of: guarded, link)
                var results: [Result<JournalEntry, any Error>] = []
                for write in writes {
                    do {
                        switch write {
                        case .intent(let intent, let window):
                            results.append(.success(try await insert(intent, link, rejectingDuplicatesWithin: window, now: now)))
                        case .outcome(let outcome, let id):
                            results.append(.success(try await apply(outcome, toEntry: id, link, now: now)))
                        }
                    } catch let refusal as JournalError where refusal.isRefusal {
                        results.append(.failure(refusal))
                    }
                }
                return results
            }
        } catch {
            return writes.map { _ in .failure(error) }
        }
    }

    /// One outcome to write, as a value that may cross into the write's task.
    struct Pending: Sendable {
        var id: Int64
        var outcome: JournalOutcome
    }

    /// Writes one outcome inside the caller's transaction (the row locked while it is checked).
    func apply(_ outcome: JournalOutcome, toEntry id: Int64, _ link: PostgresLink, now: Date) async throws -> JournalEntry {
        var entry = try await lockedEntry(id, link)
        guard entry.state.acceptsOutcome else {
            throw JournalError.invalidTransition(id: id, from: entry.state, to: outcome.state)
        }
        entry.apply(outcome, at: now)
        entry.ownerInFlightElsewhere = false
        try await update(entry, link)
        return entry
    }

    func lockedEntry(_ id: Int64, _ link: PostgresLink) async throws -> JournalEntry {
        var binds = PostgresBindings()
        binds.append(id)
        guard let row = try await select(link, where: ["e.id = $1"], binds: binds, forUpdate: true).first else {
            throw JournalError.entryNotFound(id: id)
        }
        return row.entry
    }

    /// Writes an entry's outcome and status fields.
    func update(_ entry: JournalEntry, _ link: PostgresLink) async throws {
        let requests = String(decoding: try Self.requestsEncoder.encode(entry.requests), as: UTF8.self)
        try await link.query("""
            UPDATE journal_entry SET updated_at = \(JournalTimestamp.milliseconds(entry.updatedAt)),
                state = \(entry.state.rawValue), http_status = \(entry.httpStatus), order_id = \(entry.orderID),
                order_status = \(entry.orderStatus), requests = \(requests), certificate_id = \(entry.certificateID),
                error_code = \(entry.errorCode), error_message = \(entry.errorMessage)
            WHERE id = \(entry.id)
            """)
    }

    static let requestsEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    package func updateStatus(id: Int64, orderStatus: String, requests: [JournalRequest]?, certificateID: Int?) async throws -> JournalEntry {
        let now = JournalTimestamp.rounded(Date())
        return try await write { link in
            var entry = try await lockedEntry(id, link)
            guard entry.state == .placed else {
                throw JournalError.invalidTransition(id: id, from: entry.state, to: .placed)
            }
            entry.orderStatus = orderStatus
            if let requests { entry.requests = requests }
            if let certificateID { entry.certificateID = certificateID }
            entry.updatedAt = now
            try await update(entry, link)
            return entry
        }
    }

    // MARK: Reading

    package func entries(state: JournalState?, batch: String?, limit: Int?) async throws -> [JournalEntry] {
        var conditions: [String] = []
        var binds = PostgresBindings()
        if let batch {
            binds.append(batch)
            conditions.append("e.batch = $\(binds.count)")
        }
        if isReadOnly {
            // A stale `sending` entry reads `unknown`: the state is filtered after that.
            let all = presented(try await read { [conditions, binds] in try await select($0, where: conditions, binds: binds) })
            let chosen = state.map { state in all.filter { $0.state == state } } ?? all
            return limit.map { Array(chosen.prefix($0)) } ?? chosen
        }
        if let state {
            binds.append(state.rawValue)
            conditions.append("e.state = $\(binds.count)")
        }
        return try await read { [conditions, binds] in try await select($0, where: conditions, binds: binds, limit: limit) }.map(\.entry)
    }

    package func entry(id: Int64) async throws -> JournalEntry? {
        var binds = PostgresBindings()
        binds.append(id)
        return presented(try await read { [binds] in try await select($0, where: ["e.id = $1"], binds: binds) }).first
    }

    package func entry(alternativeOrderID: String) async throws -> JournalEntry? {
        var binds = PostgresBindings()
        binds.append(alternativeOrderID)
        return try await read { [binds] in try await select($0, where: ["e.alternative_order_id = $1"], binds: binds, limit: 1) }.first?.entry
    }

    package func unresolved() async throws -> [JournalEntry] {
        presented(try await read { try await select($0, where: ["e.state IN ('sending', 'unknown')"]) })
    }

    package func findDuplicate(endpoint: String, payloadDigest: String, within window: TimeInterval, now: Date) async throws -> JournalEntry? {
        try await read { try await duplicate($0, endpoint: OrderJournal.storedEndpoint(endpoint), payloadDigest: payloadDigest, within: window, now: now) }
    }

    package func batchRun(identity: String, covers: (Set<String>) -> Bool, window: TimeInterval, now: Date) async throws -> String {
        // The reads first, under the connection's exclusion; the caller's rule after, outside it.
        let prefix = identity + "-"
        let found: (name: String, latest: Int, covered: Set<String>, lastChange: Int64)? = try await read { link in
            let names = try await link.query("SELECT DISTINCT batch FROM journal_entry WHERE left(batch, \(Int32(prefix.count))) = \(prefix)")
                .map { try $0.decode(String.self) }
            guard let latest = names.compactMap({ Int($0.dropFirst(prefix.count)) }).max() else { return nil }
            let name = prefix + String(latest)
            let covered = Set(try await link.query(
                "SELECT DISTINCT payload_digest FROM journal_entry WHERE batch = \(name) AND state IN \(unescaped: Self.blockingSQL)"
            ).map { try $0.decode(String.self) })
            let lastChange = try await link.query(
                "SELECT max(updated_at) FROM journal_entry WHERE batch = \(name) AND state IN \(unescaped: Self.blockingSQL)"
            ).first?.decode(Int64?.self) ?? 0
            return (name, latest, covered, lastChange)
        }
        guard let found else { return prefix + "1" }
        let finishedLongAgo = found.lastChange < JournalTimestamp.milliseconds(now.addingTimeInterval(-window)) && covers(found.covered)
        return finishedLongAgo ? prefix + String(found.latest + 1) : found.name
    }

    // MARK: Staleness

    package func markStaleSendingAsUnknown(olderThan maxAge: TimeInterval, now: Date) async throws -> [JournalEntry] {
        let now = JournalTimestamp.rounded(now)
        let cutoff = now.addingTimeInterval(-maxAge)
        return try await write { link in
            var changed: [JournalEntry] = []
            for row in try await select(link, where: ["e.state = 'sending'"], order: "e.id", forUpdate: true) {
                guard let reason = staleReason(of: row, cutoff: cutoff, maxAge: maxAge) else { continue }
                var entry = row.entry
                entry.apply(.unknown(httpStatus: nil, errorMessage: reason), at: now)
                entry.ownerInFlightElsewhere = false
                try await update(entry, link)
                changed.append(entry)
            }
            return changed
        }
    }

    // MARK: Closing

    package func close() async throws {
        renewal?.cancel()
        if !isReadOnly {
            // A process that ends cleanly gives its lease up: its entries are settled already.
            let session = session
            _ = try? await sideLink.exclusive { link in try await link.query("DELETE FROM journal_session WHERE id = \(session)") }
        }
        await link.close()
        await sideLink.close()
    }

    // MARK: The machine

    /// `hostname/boot-id`: process ids are compared only between processes with the same identity.
    static func machineIdentity() -> String {
        var name = [CChar](repeating: 0, count: 256)
        let host = gethostname(&name, name.count) == 0
            ? String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "unknown"
        let boot = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return boot.isEmpty ? host : host + "/" + boot
    }

    /// The host name part of a machine identity.
    static func hostName(of identity: String) -> String {
        String(identity.split(separator: "/", maxSplits: 1).first ?? Substring(identity))
    }
}

extension JournalError {
    /// Whether this is a journal rule refusing one write (which fails that write alone in a
    /// group commit), not a failure of the store.
    var isRefusal: Bool {
        switch self {
        case .duplicate, .invalidTransition, .entryNotFound: true
        default: false
        }
    }
}
