import Foundation
import Testing
@testable import OrderJournal
import TestSupport

@Suite("Opening a journal")
struct OrderJournalOpeningTests {
    @Test("migrations create the schema (v1, v2)")
    func migrationsCreateSchema() async throws {
        let directory = try TemporaryDirectory()
        let journal = try await OrderJournal(path: directory.path("journal.sqlite"))

        #expect(try journal.textRows("SELECT identifier FROM grdb_migrations") == [["v1"], ["v2"]])
        let columns = try journal.textRows(
            "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('journal_entry')")
        #expect(columns == [
            ["id", "INTEGER", "0", nil, "1"],
            ["created_at", "INTEGER", "1", nil, "0"],
            ["updated_at", "INTEGER", "1", nil, "0"],
            ["endpoint", "TEXT", "1", nil, "0"],
            ["product", "TEXT", "1", nil, "0"],
            ["payload", "BLOB", "1", nil, "0"],
            ["payload_digest", "TEXT", "1", nil, "0"],
            ["alternative_order_id", "TEXT", "1", nil, "0"],
            ["state", "TEXT", "1", nil, "0"],
            ["http_status", "INTEGER", "0", nil, "0"],
            ["order_id", "INTEGER", "0", nil, "0"],
            ["order_status", "TEXT", "0", nil, "0"],
            ["requests", "TEXT", "1", "'[]'", "0"],
            ["certificate_id", "INTEGER", "0", nil, "0"],
            ["error_code", "TEXT", "0", nil, "0"],
            ["error_message", "TEXT", "0", nil, "0"],
            ["batch", "TEXT", "0", nil, "0"],
            ["label", "TEXT", "0", nil, "0"],
            ["owner_pid", "INTEGER", "0", nil, "0"],
        ])
        let indexes = try journal.textRows("""
            SELECT name FROM sqlite_master
            WHERE type = 'index' AND tbl_name = 'journal_entry' AND sql IS NOT NULL ORDER BY name
            """)
        #expect(indexes == [
            ["journal_entry_on_alternative_order_id"], ["journal_entry_on_batch"], ["journal_entry_on_batch_digest"],
            ["journal_entry_on_digest"], ["journal_entry_on_state"],
        ])
        #expect(try journal.textRows(
            "SELECT name FROM pragma_index_info('journal_entry_on_digest') ORDER BY seqno")
            == [["endpoint"], ["payload_digest"], ["created_at"]])
    }

    @Test("a v1 journal gets v2 when opened, and the batch guard's lookup uses its index")
    func v2OnAV1Journal() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("journal.sqlite")
        let old = try await OrderJournal(path: path)
        try old.executeRaw("DROP INDEX journal_entry_on_batch_digest")
        try old.executeRaw("DELETE FROM grdb_migrations WHERE identifier = 'v2'")
        try await old.close()

        let journal = try await OrderJournal(path: path)
        #expect(try journal.textRows("SELECT identifier FROM grdb_migrations") == [["v1"], ["v2"]])
        // The plan SQLite picks for the guard's query (a whole-batch scan made a 10,000-order batch quadratic).
        let plan = try journal.textRows("""
            EXPLAIN QUERY PLAN SELECT * FROM journal_entry WHERE endpoint = 'e' AND payload_digest = 'd'
            AND batch = 'b' AND state IN ('sending', 'placed', 'unknown') ORDER BY id DESC LIMIT 1
            """).map { $0.last ?? nil }
        #expect(plan.contains { $0?.contains("journal_entry_on_batch_digest (batch=? AND payload_digest=?)") == true }, "\(plan)")
    }

    @Test("the schema rejects a state outside the five")
    func stateCheckConstraint() async throws {
        let directory = try TemporaryDirectory()
        let journal = try await OrderJournal(path: directory.path("journal.sqlite"))
        #expect(throws: (any Error).self) {
            try journal.executeRaw("""
                INSERT INTO journal_entry (created_at, updated_at, endpoint, product, payload,
                    payload_digest, alternative_order_id, state)
                VALUES (0, 0, 'sandbox', 'code_signing', x'00', 'd', 'a', 'lost')
                """)
        }
        #expect(try journal.textValue("SELECT count(*) FROM journal_entry") == "0")
    }

    @Test("WAL mode is on, commits are flushed, writes wait for locks")
    func walMode() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("journal.sqlite")
        let journal = try await OrderJournal(path: path)

        #expect(try journal.textValue("PRAGMA journal_mode") == "wal")
        #expect(try journal.textValue("PRAGMA synchronous") == "2")  // FULL
        #expect(try journal.textValue("PRAGMA busy_timeout") == "10000")
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(FileManager.default.fileExists(atPath: path + "-shm"))
        // WAL mode is a property of the file: the header says so (bytes 18 and 19 are 2).
        let header = try #require(FileManager.default.contents(atPath: path))
        #expect(Array(header.prefix(16)) == Array("SQLite format 3\0".utf8))
        #expect(header[18] == 2 && header[19] == 2)
    }

    @Test("missing directories are created 0700, the file and its WAL files 0600")
    func permissionsOfNewFiles() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("state/certorder/journal.sqlite")
        let journal = try await OrderJournal(path: path)
        try await journal.recordIntent(
            endpoint: "sandbox", product: .codeSigning, payload: samplePayload(),
            alternativeOrderID: "certorder-1")

        #expect(try TemporaryDirectory.permissions(of: directory.path("state")) == 0o700)
        #expect(try TemporaryDirectory.permissions(of: directory.path("state/certorder")) == 0o700)
        #expect(try TemporaryDirectory.permissions(of: path) == 0o600)
        #expect(try TemporaryDirectory.permissions(of: path + "-wal") == 0o600)
        #expect(try TemporaryDirectory.permissions(of: path + "-shm") == 0o600)
    }

    @Test("existing directories keep their mode")
    func existingDirectoryUntouched() async throws {
        let directory = try TemporaryDirectory()
        let parent = directory.path("shared")
        try FileManager.default.createDirectory(
            atPath: parent, withIntermediateDirectories: false,
            attributes: [.posixPermissions: 0o755])
        _ = try await OrderJournal(path: parent + "/journal.sqlite")
        #expect(try TemporaryDirectory.permissions(of: parent) == 0o755)
        #expect(try TemporaryDirectory.permissions(of: parent + "/journal.sqlite") == 0o600)
    }

    @Test("a file where a directory should be is reported")
    func parentIsAFile() async throws {
        let directory = try TemporaryDirectory()
        let blocker = directory.path("blocker")
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8)))
        await #expect(throws: JournalError.cannotCreateDirectory(path: blocker, errno: ENOTDIR)) {
            try await OrderJournal(path: blocker + "/journal.sqlite")
        }
        #expect(JournalError.cannotCreateDirectory(path: blocker, errno: ENOTDIR).description
            == "cannot create directory \(blocker): Not a directory")
    }

    @Test("a file that is not SQLite is refused, not overwritten")
    func notADatabase() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("journal.sqlite")
        let text = Data(String(repeating: "not a database\n", count: 100).utf8)
        #expect(FileManager.default.createFile(atPath: path, contents: text))
        await #expect(throws: (any Error).self) { try await OrderJournal(path: path) }
        #expect(FileManager.default.contents(atPath: path) == text)
    }

    @Test("default path: CERTORDER_JOURNAL, then XDG_STATE_HOME, then ~/.local/state")
    func defaultPath() {
        #expect(OrderJournal.defaultPath(environment: [
            "CERTORDER_JOURNAL": "/tmp/j.sqlite", "XDG_STATE_HOME": "/xdg", "HOME": "/home/a",
        ]) == "/tmp/j.sqlite")
        #expect(OrderJournal.defaultPath(environment: [
            "CERTORDER_JOURNAL": "", "XDG_STATE_HOME": "/xdg", "HOME": "/home/a",
        ]) == "/xdg/certorder/journal.sqlite")
        #expect(OrderJournal.defaultPath(environment: ["XDG_STATE_HOME": "/xdg/"])
            == "/xdg/certorder/journal.sqlite")
        #expect(OrderJournal.defaultPath(environment: ["HOME": "/home/a"])
            == "/home/a/.local/state/certorder/journal.sqlite")
        // A relative XDG_STATE_HOME is invalid by the XDG spec and ignored.
        #expect(OrderJournal.defaultPath(environment: ["XDG_STATE_HOME": "state", "HOME": "/home/a"])
            == "/home/a/.local/state/certorder/journal.sqlite")
        #expect(OrderJournal.defaultPath(environment: [:])
            == NSHomeDirectory() + "/.local/state/certorder/journal.sqlite")
    }

    @Test("SHA-256 digests are lowercase hex")
    func digest() {
        #expect(OrderJournal.digest(of: Data())
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(OrderJournal.digest(of: Data("abc".utf8))
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("endpoints are stored without credentials, query or fragment")
    func storedEndpoint() {
        #expect(OrderJournal.storedEndpoint("sandbox") == "sandbox")
        #expect(OrderJournal.storedEndpoint("us") == "us")
        #expect(OrderJournal.storedEndpoint("https://www.digicert.com/services/v2")
            == "https://www.digicert.com/services/v2")
        #expect(OrderJournal.storedEndpoint("http://127.0.0.1:8080") == "http://127.0.0.1:8080")
        #expect(OrderJournal.storedEndpoint(
            "https://user:s3cr3t@api.example.com:8443/services/v2?api_key=s3cr3t#frag")
            == "https://api.example.com:8443/services/v2")
    }
}
