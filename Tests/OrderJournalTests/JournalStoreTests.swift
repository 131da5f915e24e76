import Foundation
import Testing
@testable import OrderJournal
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The journal's stores: every journal rule checked the same way on the SQLite file and on
/// PostgreSQL (the PostgreSQL cases run beside scripts/with-postgres's server; a plain `swift
/// test` without one runs the SQLite cases only).
enum JournalStoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// The stores this run can test.
    static var available: [JournalStoreKind] {
        PostgresTestDatabase.isAvailable ? allCases : [.sqlite]
    }
}

/// A fresh, empty journal location of one store: a file in a new directory, or a new database.
final class JournalUnderTest: @unchecked Sendable {
    let kind: JournalStoreKind
    let location: String
    private let directory: TemporaryDirectory
    let database: PostgresTestDatabase?

    init(_ kind: JournalStoreKind, _ label: String = #function) throws {
        self.kind = kind
        directory = try TemporaryDirectory()
        switch kind {
        case .sqlite:
            database = nil
            location = directory.path("journal.sqlite")
        case .postgres:
            let database = try PostgresTestDatabase(label)
            self.database = database
            location = database.url
        }
    }

    /// Opens the journal (a new connection, a new lease: as another process would).
    func open() async throws -> OrderJournal { try await OrderJournal(path: location) }

    /// Writes a `sending` row as another process would have left it, bypassing this process's
    /// journal: `pid` owned it; on PostgreSQL it was on `host` under the lease `session`, whose
    /// heartbeat is `heartbeatAgo` seconds old (nil: no lease row).
    func insertSending(altID: String, pid: Int32, host: String? = nil, session: String? = nil,
                       heartbeatAgo: Int? = nil) throws {
        let session = session ?? "session-of-\(altID)"
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        switch kind {
        case .sqlite:
            let process = Process()
            process.executableURL = URL(fileURLWithPath: sqlite3Path)
            process.arguments = ["-bail", location, """
                INSERT INTO journal_entry (created_at, updated_at, endpoint, product, payload, payload_digest,
                    alternative_order_id, state, owner_pid)
                VALUES (\(now), \(now), 'sandbox', 'code_signing', x'7b7d', 'd-\(altID)', '\(altID)', 'sending', \(pid));
                """]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        case .postgres:
            let database = try #require(database)
            let host = host ?? PostgresJournalStore.machineIdentity()
            if let heartbeatAgo {
                try database.sql("""
                    INSERT INTO journal_session (id, host, pid, started_at, heartbeat_at)
                    VALUES ('\(session)', '\(host)', \(pid), \(now), (extract(epoch from clock_timestamp()) * 1000)::bigint - \(heartbeatAgo * 1000))
                    """)
            }
            try database.sql("""
                INSERT INTO journal_entry (created_at, updated_at, endpoint, product, payload, payload_digest,
                    alternative_order_id, state, owner_pid, owner_host, owner_session)
                VALUES (\(now), \(now), 'sandbox', 'code_signing', '\\x7b7d', 'd-\(altID)', '\(altID)', 'sending', \(pid), '\(host)', '\(session)')
                """)
        }
    }
}

@Suite("The journal on each store")
struct JournalStoreTests {
    func intent(_ altID: String, name: String = "Example Corp", batch: String? = nil, endpoint: String = "sandbox") -> JournalIntent {
        JournalIntent(endpoint: endpoint, product: .codeSigning, payload: samplePayload(commonName: name, altID: altID),
                      canonicalPayload: samplePayload(commonName: name), alternativeOrderID: altID, batch: batch)
    }

    @Test("an intent reads back as written; an outcome settles it once", arguments: JournalStoreKind.available)
    func roundTrip(kind: JournalStoreKind) async throws {
        let under = try JournalUnderTest(kind)
        let journal = try await under.open()
        defer { Task { [journal] in try? await journal.close() } }
        let entry = try await journal.recordIntents([intent("alt-1", batch: "b-1")])[0]
        #expect(entry.id == 1)
        #expect(entry.state == .sending)
        #expect(entry.ownerPID == getpid())
        #expect(try await journal.entry(id: 1) == entry)
        #expect(try await journal.entry(alternativeOrderID: "alt-1") == entry)
        #expect(!entry.isInFlightElsewhere)

        let placed = try await journal.recordPlaced(id: 1, httpStatus: 201, orderID: 42,
                                              requests: [JournalRequest(id: 7, status: "pending")], certificateID: nil)
        #expect(placed.state == .placed)
        #expect(try await journal.entry(id: 1) == placed)
        let refreshed = try await journal.updateStatus(id: 1, orderStatus: "issued", certificateID: 9)
        #expect(try await journal.entry(id: 1) == refreshed)
        #expect(refreshed.requests == [JournalRequest(id: 7, status: "pending")])
        await #expect(throws: JournalError.invalidTransition(id: 1, from: .placed, to: .failed)) {
            try await journal.recordFailed(id: 1, errorMessage: "late")
        }
        await #expect(throws: JournalError.entryNotFound(id: 99)) { try await journal.recordFailed(id: 99, errorMessage: "none") }
        let second = try await journal.recordIntent(endpoint: "https://user:secret@example.test/path?key=abc", product: .codeSigning,
                                              payload: samplePayload(commonName: "Other"), alternativeOrderID: "alt-2")
        #expect(second.endpoint == "https://example.test/path")
        #expect(try await journal.entries().map(\.id) == [2, 1])
        #expect(try await journal.entries(state: .placed).map(\.id) == [1])
        #expect(try await journal.entries(batch: "b-1").map(\.id) == [1])
        #expect(try await journal.entries(limit: 1).map(\.id) == [2])
        #expect(try await journal.unresolved().map(\.id) == [2])
    }

    @Test("the duplicate guard: placed, sending and unknown block inside the window; refused and failed never", arguments: JournalStoreKind.available)
    func duplicateGuard(kind: JournalStoreKind) async throws {
        let under = try JournalUnderTest(kind)
        let journal = try await under.open()
        defer { Task { [journal] in try? await journal.close() } }
        let window = OrderJournal.duplicateWindow
        let first = try await journal.recordIntents([intent("a")], rejectingDuplicatesWithin: window)[0]
        await #expect(throws: JournalError.duplicate(first)) { try await journal.recordIntents([intent("b")], rejectingDuplicatesWithin: window) }
        let refused = try await journal.recordRefused(id: first.id, httpStatus: 400, errorCode: "invalid", errorMessage: "no")
        #expect(refused.state == .refused)
        let second = try await journal.recordIntents([intent("c")], rejectingDuplicatesWithin: window)[0]
        // Two of the same in one call: the second is a duplicate of the first, and neither is recorded.
        await #expect(throws: JournalError.self) {
            try await journal.recordIntents([intent("d", name: "New"), intent("e", name: "New")], rejectingDuplicatesWithin: window)
        }
        #expect(try await journal.entry(alternativeOrderID: "d") == nil)
        // Another endpoint is another order.
        _ = try await journal.recordIntents([intent("f", endpoint: "us")], rejectingDuplicatesWithin: window)
        let digest = OrderJournal.digest(of: samplePayload())
        #expect(try await journal.findDuplicate(endpoint: "sandbox", payloadDigest: digest, now: second.createdAt) == second)
        #expect(try await journal.findDuplicate(endpoint: "sandbox", payloadDigest: digest, now: second.createdAt + window + 0.001) == nil)
    }

    @Test("a batch run is continued while unfinished and its orders are never placed twice", arguments: JournalStoreKind.available)
    func batchRuns(kind: JournalStoreKind) async throws {
        let under = try JournalUnderTest(kind)
        let journal = try await under.open()
        defer { Task { [journal] in try? await journal.close() } }
        let digests: Set<String> = [OrderJournal.digest(of: samplePayload(commonName: "A")), OrderJournal.digest(of: samplePayload(commonName: "B"))]
        #expect(try await journal.batchRun(identity: "run", digests: digests) == "run-1")
        let a = try await journal.recordIntents([intent("a", name: "A", batch: "run-1")], rejectingDuplicatesWithin: 60)[0]
        try await journal.recordPlaced(id: a.id, httpStatus: 201, orderID: 1, requests: [], certificateID: nil)
        #expect(try await journal.batchRun(identity: "run", digests: digests) == "run-1")
        // Long after the window the same batch's order is still a duplicate for that batch.
        await #expect(throws: JournalError.self) {
            try await journal.recordIntents([intent("a2", name: "A", batch: "run-1")], rejectingDuplicatesWithin: 0)
        }
        let b = try await journal.recordIntents([intent("b", name: "B", batch: "run-1")], rejectingDuplicatesWithin: 60)[0]
        try await journal.recordPlaced(id: b.id, httpStatus: 201, orderID: 2, requests: [], certificateID: nil)
        // Finished: a new run only once the window has passed since its last change.
        #expect(try await journal.batchRun(identity: "run", digests: digests) == "run-1")
        #expect(try await journal.batchRun(identity: "run", digests: digests, now: Date() + OrderJournal.duplicateWindow + 60) == "run-2")
    }

    @Test("concurrent sends share transactions through the group committer", arguments: JournalStoreKind.available)
    func groupCommit(kind: JournalStoreKind) async throws {
        let under = try JournalUnderTest(kind)
        let journal = try await under.open()
        defer { Task { [journal] in try? await journal.close() } }
        let committer = JournalGroupCommitter(journal: journal)
        let count = 60
        let entries = try await withThrowingTaskGroup(of: JournalEntry.self) { group in
            for index in 0..<count {
                group.addTask {
                    let entry = try await committer.recordIntent(intent("g-\(index)", name: "G\(index)"), rejectingDuplicatesWithin: 60)
                    return try await committer.record(.placed(httpStatus: 201, orderID: index, requests: [], certificateID: nil), forEntry: entry.id)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(entries.count == count)
        #expect(Set(entries.map(\.id)).count == count)
        #expect(try await journal.entries(state: .placed).count == count)
        #expect(committer.transactionSizes.reduce(0, +) == 2 * count)
        // One refusal in a group fails that write alone.
        let duplicate = await #expect(throws: JournalError.self) {
            try await committer.recordIntent(intent("again", name: "G0"), rejectingDuplicatesWithin: OrderJournal.duplicateWindow)
        }
        #expect(duplicate.map { if case .duplicate = $0 { true } else { false } } == true)
    }

    @Test("racing processes recording the same order: exactly one passes the duplicate guard", arguments: JournalStoreKind.available)
    func racingDuplicateGuard(kind: JournalStoreKind) async throws {
        let under = try JournalUnderTest(kind)
        // Each racer is its own journal: its own connections (and, on PostgreSQL, its own lease),
        // as a process on another machine would have.
        let racers = 6
        var journals: [OrderJournal] = []
        for _ in 0..<racers { journals.append(try await under.open()) }
        defer { Task { [journals] in for journal in journals { try? await journal.close() } } }
        let results = SafetyResults()
        // The racers are tasks of one group, started together; each records its five rounds in turn.
        await withTaskGroup(of: Void.self) { group in
            for (index, journal) in journals.enumerated() {
                let intents = (0..<5).map { round in intent("r\(round)-\(index)", name: "Race \(round)") }
                group.addTask {
                    for (round, raced) in intents.enumerated() {
                        let attempt: Result<Bool, any Error>
                        do {
                            _ = try await journal.recordIntents([raced], rejectingDuplicatesWithin: OrderJournal.duplicateWindow)
                            attempt = .success(true)
                        } catch {
                            attempt = .failure(error)
                        }
                        results.append(round: round, attempt)
                    }
                    results.finished()
                }
            }
        }
        for round in 0..<5 {
            let outcomes = results.outcomes(round: round)
            #expect(outcomes.count == racers)
            #expect(outcomes.filter { (try? $0.get()) == true }.count == 1, "round \(round)")
            for case .failure(let error) in outcomes {
                guard case JournalError.duplicate = error else {
                    Issue.record("round \(round): \(error)")
                    continue
                }
            }
        }
        let reader = try await under.open()
        defer { Task { [reader] in try? await reader.close() } }
        #expect(try await reader.entries().count == 5)
    }

    @Test("a sending entry whose process ended on this machine becomes unknown on opening", arguments: JournalStoreKind.available)
    func endedProcess(kind: JournalStoreKind) async throws {
        let under = try JournalUnderTest(kind)
        try await under.open().close()  // creates the schema
        let ended = try pidOfEndedProcess()
        // On PostgreSQL its lease is even live: the process id on the same machine decides.
        try under.insertSending(altID: "gone", pid: ended, heartbeatAgo: 0)
        try under.insertSending(altID: "alive", pid: getppid(), heartbeatAgo: 0)
        let reading = try await OrderJournal(readingAt: under.location)
        // A reader shows it unknown without changing it.
        #expect(try await reading.unresolved().map(\.state) == [.sending, .unknown])
        try await reading.close()
        let journal = try await under.open()
        defer { Task { [journal] in try? await journal.close() } }
        let gone = try await #require(try await journal.entry(alternativeOrderID: "gone"))
        #expect(gone.state == .unknown)
        #expect(gone.errorMessage == "process \(ended) ended before the outcome of the send was recorded")
        let alive = try await #require(try await journal.entry(alternativeOrderID: "alive"))
        #expect(alive.state == .sending)
        #expect(alive.isInFlightElsewhere)
    }
}

/// Outcomes of the racers, by round.
final class SafetyResults: @unchecked Sendable {
    private let lock = NSLock()
    private var byRound: [Int: [Result<Bool, any Error>]] = [:]
    private var done = 0
    func append(round: Int, _ result: Result<Bool, any Error>) { lock.withLock { byRound[round, default: []].append(result) } }
    func finished() { lock.withLock { done += 1 } }
    var finishedCount: Int { lock.withLock { done } }
    func outcomes(round: Int) -> [Result<Bool, any Error>] { lock.withLock { byRound[round] ?? [] } }
}
