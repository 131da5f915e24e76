import Foundation
import Testing
@testable import OrderJournal
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// What only the PostgreSQL journal has: URLs with passwords, a server that may be away, TLS,
/// and owners on other machines known by their lease.
@Suite("The PostgreSQL journal")
struct PostgresJournalTests {
    @Test("a journal URL is parsed as libpq reads it, and its password is never shown")
    func urls() async throws {
        let url = try PostgresJournalURL("postgresql://team:s%3Ecret@db.example:6543/orders?sslmode=verify-full&sslrootcert=/etc/ca.pem")
        #expect(url.user == "team")
        #expect(url.password == "s>cret")
        #expect(url.host == "db.example")
        #expect(url.port == 6543)
        #expect(url.database == "orders")
        #expect(url.tls == .verifyFull)
        #expect(url.rootCertificateFile == "/etc/ca.pem")
        #expect(url.redacted == "postgresql://team:***@db.example:6543/orders?sslmode=verify-full&sslrootcert=/etc/ca.pem")
        let socket = try PostgresJournalURL("postgres://me@/journal?host=/run/pg")
        #expect(socket.socketPath == "/run/pg/.s.PGSQL.5432")
        #expect(socket.tls == .prefer)
        #expect(JournalLocation.redacted("postgres://a:b@h/d") == "postgres://a:***@h/d")
        #expect(JournalLocation.redacted("/var/journal.sqlite") == "/var/journal.sqlite")
        #expect(JournalLocation.secret(in: "postgresql://a:pw@h/d") == "pw")
        #expect(try JournalLocation.parse("journal.sqlite") == .file("journal.sqlite"))
        #expect(throws: JournalError.invalidLocation("postgresql://a:***@h/d?sslmode=maybe",
                                                    detail: "sslmode 'maybe' is not one of disable, allow, prefer, require, verify-ca, verify-full")) {
            try JournalLocation.parse("postgresql://a:secret@h/d?sslmode=maybe")
        }
        #expect(throws: JournalError.invalidLocation("postgresql://a:***@h/d?sslmod=require", detail: "unknown parameter 'sslmod'")) {
            try JournalLocation.parse("postgresql://a:secret@h/d?sslmod=require")
        }
    }

    @Test("an unreachable database is a clear error naming the redacted URL")
    func unreachable() async throws {
        // A port nothing listens on: reserved, then closed.
        let reserved = try ReservedPort()
        let port = reserved.port
        reserved.release()
        let location = "postgresql://team:hunter2@127.0.0.1:\(port)/journal"
        do {
            _ = try await OrderJournal(path: location)
            Issue.record("opened a journal on a closed port")
        } catch let error as JournalError {
            guard case .unreachable(let shown, _) = error else { Issue.record("\(error)"); return }
            #expect(shown == "postgresql://team:***@127.0.0.1:\(port)/journal")
            #expect(!"\(error)".contains("hunter2"))
            #expect("\(error)".hasPrefix("cannot reach the journal database postgresql://team:***@127.0.0.1:\(port)/journal: "))
            #expect("\(error)".hasSuffix("; nothing was sent"))
        }
    }

    @Test("sslmode=require refuses a server without TLS; the password is in no message",
          .enabled(if: PostgresTestDatabase.isAvailable))
    func tlsRequired() async throws {
        let database = try PostgresTestDatabase()
        var components = try #require(URLComponents(string: database.url))
        components.queryItems = [URLQueryItem(name: "sslmode", value: "require")]
        let password = try #require(components.password)
        await #expect(throws: JournalError.self) { try await OrderJournal(path: components.string!) }
        do { _ = try await OrderJournal(path: components.string!) } catch {
            #expect(!"\(error)".contains(password))
            #expect("\(error)".contains("cannot reach the journal database"))
        }
        components.queryItems = [URLQueryItem(name: "sslmode", value: "disable")]
        try await OrderJournal(path: components.string!).close()
    }

    @Test("another machine's sending entry is in flight while its lease lives, and unknown once it lapses",
          .enabled(if: PostgresTestDatabase.isAvailable))
    func leases() async throws {
        let under = try JournalUnderTest(.postgres)
        try await under.open().close()
        // Another machine's process id means nothing here (this one is reaped), its lease does.
        let pid = try pidOfEndedProcess()
        try under.insertSending(altID: "remote", pid: pid, host: "ci-runner-7/boot", session: "remote-lease", heartbeatAgo: 1)
        let journal = try await under.open()
        defer { Task { [journal] in try? await journal.close() } }
        let remote = try await #require(try await journal.entry(alternativeOrderID: "remote"))
        #expect(remote.state == .sending)
        #expect(remote.isInFlightElsewhere)
        #expect(try await journal.markStaleSendingAsUnknown().isEmpty)

        // The lease stops being renewed: once it is older than its duration the entry is unknown.
        let lapsed = Int(PostgresJournalStore.leaseDuration) + 1
        try #require(under.database).sql(
            "UPDATE journal_session SET heartbeat_at = (extract(epoch from clock_timestamp()) * 1000)::bigint - \(lapsed * 1000) WHERE id = 'remote-lease'")
        #expect(try await #require(try await journal.entry(alternativeOrderID: "remote")).isInFlightElsewhere == false)
        let marked = try await journal.markStaleSendingAsUnknown()
        #expect(marked.map(\.alternativeOrderID) == ["remote"])
        #expect(marked.first?.errorMessage == "process \(pid) on ci-runner-7 stopped renewing its journal lease before the outcome of the send was recorded")
    }

    @Test("a process's lease is renewed while it runs and given up when it closes",
          .enabled(if: PostgresTestDatabase.isAvailable))
    func leaseLifecycle() async throws {
        let under = try JournalUnderTest(.postgres)
        let journal = try await under.open()
        let store = try #require(journal.store as? PostgresJournalStore)
        let database = try #require(under.database)
        #expect(try database.sql("SELECT host, pid FROM journal_session WHERE id = '\(store.session)'")
            == "\(store.host)|\(getpid())\n")
        try await journal.close()
        #expect(try database.sql("SELECT count(*) FROM journal_session") == "0\n")
        #expect(try database.sql("SELECT version FROM certorder_schema_migrations") == "v1\n")
    }

    @Test("a lost connection stops writes with a clear error; the entry is left for reconcile",
          .enabled(if: PostgresTestDatabase.isAvailable))
    func lostConnection() async throws {
        let under = try JournalUnderTest(.postgres)
        let journal = try await under.open()
        defer { Task { [journal] in try? await journal.close() } }
        let entry = try await journal.recordIntent(endpoint: "sandbox", product: .codeSigning, payload: samplePayload(), alternativeOrderID: "cut")
        // The server ends this process's connections (as a restart or a network cut would).
        try #require(under.database).sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        #expect(await eventually(timeout: .seconds(20)) { (try? journal.checkFileIdentity()) == nil })
        await #expect(throws: JournalError.self) { try await journal.recordPlaced(id: entry.id, httpStatus: 201, orderID: 1, requests: [], certificateID: nil) }
        // Another process finds it in a state reconcile understands: `sending` under a lease no
        // longer renewed, or `unknown` once that lease has lapsed (a loaded machine may take that long).
        let other = try await under.open()
        defer { Task { [other] in try? await other.close() } }
        let state = try await #require(try await other.entry(id: entry.id)?.state)
        #expect([JournalState.sending, .unknown].contains(state))
    }
}
