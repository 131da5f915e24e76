import Foundation
import GRDB
import Testing
@testable import OrderJournal
import TestSupport

/// The `sqlite3` shell, another process on the same file.
let sqlite3Path = "/usr/bin/sqlite3"

/// Runs SQL in a separate `sqlite3` process and returns what it printed.
func runSQLite3(_ path: String, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: sqlite3Path)
    process.arguments = ["-bail", path, sql]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return String(decoding: data, as: UTF8.self)
}

@Suite(
    "Another process on the same file",
    .enabled(if: FileManager.default.isExecutableFile(atPath: sqlite3Path), "needs the sqlite3 shell"))
struct OrderJournalProcessTests {
    let file: JournalFile
    var path: String { file.path }

    init() throws { file = try JournalFile() }

    @Test("another process reads our entries and we read its rows")
    func crossProcessVisibility() async throws {
        let journal = try await OrderJournal(path: path)
        let entry = try await journal.recordIntent(
            endpoint: "sandbox", product: .codeSigning, payload: samplePayload(), alternativeOrderID: "alt-1")

        #expect(try runSQLite3(path, "PRAGMA journal_mode;") == "wal\n")
        #expect(try runSQLite3(path, "SELECT id, state, alternative_order_id FROM journal_entry;")
            == "1|sending|alt-1\n")

        try await journal.recordPlaced(id: entry.id, httpStatus: 201, orderID: 5, requests: [], certificateID: nil)
        #expect(try runSQLite3(path, "SELECT state, order_id FROM journal_entry;") == "placed|5\n")

        _ = try runSQLite3(path, """
            INSERT INTO journal_entry (created_at, updated_at, endpoint, product, payload, payload_digest,
                alternative_order_id, state)
            VALUES (1700000000000, 1700000000000, 'us', 'code_signing', x'7b7d', 'd', 'alt-2', 'unknown');
            """)
        let written = try await #require(try await journal.entry(id: 2))
        #expect(written.alternativeOrderID == "alt-2")
        #expect(written.state == .unknown)
        #expect(written.createdAt == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(written.payload == Data("{}".utf8))
        #expect(written.ownerPID == nil)
        #expect(try await journal.unresolved().map(\.id) == [2])
    }

    @Test("a write waits while another process holds the write lock, then succeeds")
    func busyTimeout() async throws {
        // The journal's own configuration (WAL, its busy timeout), with a trace that tells when
        // its write transaction begins: the moment to let the other process commit.
        let began = WriteBegan()
        var configuration = OrderJournal.configuration()
        configuration.prepareDatabase { db in
            db.trace(options: .statement) { event in
                if began.isArmed, event.expandedDescription.hasPrefix("BEGIN") { began.signal() }
            }
        }
        let journal = try OrderJournal(writer: try DatabasePool(path: path, configuration: configuration))
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: sqlite3Path)
        shell.arguments = ["-bail", path]
        let input = Pipe()
        let output = Pipe()
        shell.standardInput = input
        shell.standardOutput = output
        try shell.run()

        input.fileHandleForWriting.write(Data("""
            BEGIN IMMEDIATE;
            INSERT INTO journal_entry (created_at, updated_at, endpoint, product, payload, payload_digest,
                alternative_order_id, state)
            VALUES (1, 1, 'sandbox', 'code_signing', x'00', 'd', 'from-shell', 'sending');
            SELECT 'locked';

            """.utf8))
        var printed = ""
        while !printed.contains("locked\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += String(decoding: chunk, as: UTF8.self)
        }
        #expect(printed == "locked\n")

        // The other process commits from a plain thread once this test's own thread is inside the
        // journal's write (its BEGIN IMMEDIATE has started, and waits for the lock). (Not in
        // tasks: on 2 cores, blocking calls could hold every thread of the cooperative pool, and
        // the commit would never come.)
        let clock = ContinuousClock()
        final class Instant: @unchecked Sendable { var value: ContinuousClock.Instant? }
        let committedAt = Instant()
        let committed = DispatchSemaphore(value: 0)
        let committer = Thread {
            began.wait()
            // SQLite tries the lock right after the statement starts, then sleeps in its busy
            // handler; 20 ms makes sure the write is waiting when the commit comes.
            Thread.sleep(forTimeInterval: 0.02)
            committedAt.value = clock.now
            input.fileHandleForWriting.write(Data("COMMIT;\n.quit\n".utf8))
            committed.signal()
        }
        let startedAt = clock.now
        committer.start()
        began.arm()
        let entry = try await journal.recordIntent(
            endpoint: "sandbox", product: .codeSigning, payload: samplePayload(), alternativeOrderID: "from-journal")
        let finishedAt = clock.now
        let id = entry.id
        committed.wait()
        shell.waitUntilExit()
        let commitInstant = try #require(committedAt.value)

        #expect(shell.terminationStatus == 0)
        // The write began before the other process committed and ended after: it waited.
        #expect(startedAt < commitInstant)
        #expect(finishedAt > commitInstant)
        #expect(id == 2)
        #expect(try await journal.entries().map(\.alternativeOrderID) == ["from-journal", "from-shell"])
    }
}

/// Signals once when the armed journal connection begins its write transaction.
private final class WriteBegan: @unchecked Sendable {
    private let lock = NSLock()
    private var armed = false
    private let semaphore = DispatchSemaphore(value: 0)

    var isArmed: Bool { lock.withLock { armed } }

    func arm() { lock.withLock { armed = true } }

    func signal() {
        let first = lock.withLock { () -> Bool in
            defer { armed = false }
            return armed
        }
        if first { semaphore.signal() }
    }

    func wait() { _ = semaphore.wait(timeout: .now() + 30) }
}
