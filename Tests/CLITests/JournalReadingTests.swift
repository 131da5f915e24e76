import Foundation
import Testing

/// Issue 13, finding 13: reading the journal never writes to it. `certorder orders` opens it
/// read-only: it lists a journal the user may not write, and refuses a damaged one leaving
/// every byte as it was (before, every open wrote: the old binary changed the file even when
/// it then refused it).
@Suite("Journal reading")
struct JournalReadingTests {
    @Test("finding 13: orders lists a read-only journal and leaves its bytes as they were")
    func finding13OrdersListsReadOnlyJournal() async throws {
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/documented-ev.order")
        let sent = try await world.certorder(["send", "documented-ev.order", "--yes"])
        #expect(sent.status == 0, "\(sent)")
        #expect(chmod(world.journal, 0o400) == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: world.journal))

        let listed = try await world.certorder(["orders"])
        #expect(listed.status == 0, "\(listed)")
        #expect(listed.stdout.cliLines.count == 2, "\(listed)")
        #expect(listed.stdout.contains("placed  112233"), "\(listed)")
        let shown = try await world.certorder(["orders", "show", "1"])
        #expect(shown.status == 0, "\(shown)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: world.journal)) == before)
    }

    @Test("finding 13: orders with no journal file says it is empty and creates none")
    func finding13OrdersCreatesNoJournal() async throws {
        let world = try CLIWorld()
        let listed = try await world.certorder(["orders"])
        #expect(listed.status == 0, "\(listed)")
        #expect(listed.stdout == "the journal is empty: nothing was sent yet\n")
        #expect(!FileManager.default.fileExists(atPath: world.journal))
    }

    @Test("finding 13: a journal with garbage in the middle is refused and not modified")
    func finding13DamagedJournalIsRefusedUnchanged() async throws {
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/documented-ev.order")
        let sent = try await world.certorder(["send", "documented-ev.order", "--yes"])
        #expect(sent.status == 0, "\(sent)")
        // The entries into the file itself: a process that ends while a task still holds the
        // journal (a loaded machine) leaves them in the write-ahead log, durable but not yet in
        // the pages damaged below. sqlite3, a client nobody here wrote, checkpoints them.
        let checkpoint = try await world.run("sqlite3", [world.journal, "PRAGMA wal_checkpoint(TRUNCATE);"])
        #expect(checkpoint.status == 0, "\(checkpoint)")
        // Garbage in the cell area of every page after the first (the schema): whatever page
        // holds the entries, it is damaged.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: world.journal))
        let page = 4096
        #expect(bytes.count >= 4 * page)
        for start in stride(from: page, to: bytes.count, by: page) {
            bytes.replaceSubrange(start + 1024..<start + page, with: Data(repeating: 0x21, count: page - 1024))
        }
        try bytes.write(to: URL(fileURLWithPath: world.journal))
        // Pages the sending process left in the write-ahead log would hide the damage: its
        // frames are damaged too (past the log's header), so SQLite reads the main file's pages.
        let wal = URL(fileURLWithPath: world.journal + "-wal")
        var walBytes = (try? Data(contentsOf: wal)) ?? Data()
        if walBytes.count > 32 {
            walBytes.replaceSubrange(32..<walBytes.count, with: Data(repeating: 0x21, count: walBytes.count - 32))
            try walBytes.write(to: wal)
        }

        let listed = try await world.certorder(["orders"])
        #expect(listed.status == 70, "\(listed)")
        #expect(listed.stdout == "")
        #expect(listed.stderr.hasPrefix("error: cannot read the journal at \(world.journal): "), "\(listed)")
        #expect(listed.stderr.contains("damaged") || listed.stderr.contains("malformed"), "\(listed)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: world.journal)) == bytes)
        #expect(((try? Data(contentsOf: wal)) ?? Data()) == walBytes)
    }
}
