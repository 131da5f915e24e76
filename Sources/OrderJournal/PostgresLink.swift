import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// One connection to the PostgreSQL journal, used one statement at a time.
///
/// Every call is `async` and suspends (never blocks a thread) until PostgresNIO's event loop
/// answers: on two cores, a cooperative-pool thread blocked on the database would stall every
/// send. An ``AsyncExclusion`` hands the connection to one caller (one transaction) at a time;
/// the others suspend in line.
///
/// A connection that breaks is not reopened: the store reports ``JournalError/database(location:detail:)``
/// and the send in progress stops (a batch that silently reconnected could have lost the
/// outcome writes of the moment the connection died, and would carry on sending).
final class PostgresLink: @unchecked Sendable {
    let url: PostgresJournalURL
    private let connection: PostgresConnection
    private let exclusion = AsyncExclusion()
    private let logger = Logger(label: "certorder.journal.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(url: PostgresJournalURL, connection: PostgresConnection) {
        self.url = url
        self.connection = connection
    }

    /// Connects, or throws ``JournalError/unreachable(location:detail:)`` before anything is sent.
    static func connect(_ url: PostgresJournalURL) async throws(JournalError) -> PostgresLink {
        let configuration: PostgresConnection.Configuration
        do {
            configuration = try Self.configuration(url)
        } catch {
            throw JournalError.invalidLocation(url.redacted, detail: "TLS setup failed: \(error)")
        }
        do {
            let connection = try await PostgresConnection.connect(
                configuration: configuration, id: 1,
                logger: Logger(label: "certorder.journal.postgres", factory: { _ in SwiftLogNoOpLogHandler() }))
            return PostgresLink(url: url, connection: connection)
        } catch {
            throw JournalError.unreachable(location: url.redacted, detail: Self.describe(error, password: url.password))
        }
    }

    /// PostgresNIO's configuration for `url`: TCP or a Unix socket, and TLS as `sslmode` asks.
    private static func configuration(_ url: PostgresJournalURL) throws -> PostgresConnection.Configuration {
        if let socket = url.socketPath {
            return PostgresConnection.Configuration(
                unixSocketPath: socket, username: url.user, password: url.password, database: url.database)
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        if let roots = url.rootCertificateFile { tls.trustRoots = .file(roots) }
        let mode: PostgresConnection.Configuration.TLS
        switch url.tls {
        case .disable:
            mode = .disable
        case .allow, .prefer:
            // libpq's `prefer` encrypts when the server offers TLS and does not verify it.
            tls.certificateVerification = .none
            mode = .prefer(try NIOSSLContext(configuration: tls))
        case .require:
            tls.certificateVerification = .none
            mode = .require(try NIOSSLContext(configuration: tls))
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
            mode = .require(try NIOSSLContext(configuration: tls))
        case .verifyFull:
            tls.certificateVerification = .fullVerification
            mode = .require(try NIOSSLContext(configuration: tls))
        }
        var configuration = PostgresConnection.Configuration(
            host: url.host ?? "localhost", port: url.port, username: url.user, password: url.password,
            database: url.database, tls: mode)
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    /// Runs `body` with the connection to itself (no other caller uses it meanwhile).
    func exclusive<T: Sendable>(_ body: (PostgresLink) async throws -> T) async throws -> T {
        try await exclusion.run { try await body(self) }
    }

    /// Runs `body` in one transaction (`READ COMMITTED`): committed when it returns, rolled
    /// back when it throws. Call inside ``exclusive(_:)``.
    func transaction<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await run("BEGIN")
        do {
            let result = try await body()
            try await run("COMMIT")
            return result
        } catch {
            // A broken connection cannot roll back; the server drops the transaction anyway.
            try? await run("ROLLBACK")
            throw error
        }
    }

    /// Runs a statement without parameters.
    func run(_ sql: String) async throws {
        _ = try await query(PostgresQuery(unsafeSQL: sql))
    }

    /// Runs a query and returns all its rows; a failure becomes ``JournalError/database(location:detail:)``.
    @discardableResult
    func query(_ query: PostgresQuery) async throws -> [PostgresRow] {
        guard !connection.isClosed else {
            throw JournalError.database(location: url.redacted, detail: "the connection was lost")
        }
        do {
            return try await connection.query(query, logger: logger).collect()
        } catch {
            throw JournalError.database(location: url.redacted, detail: Self.describe(error, password: url.password))
        }
    }

    /// A journal dropped without ``OrderJournal/close()`` (a reader gone out of scope) still
    /// closes its connection: PostgresNIO refuses to let an open one go. Nothing waits for the
    /// close here (a deinit cannot suspend); the event loop finishes it. The completion handler
    /// holds the connection until then: PostgresNIO traps when an open connection is released.
    deinit {
        guard !connection.isClosed else { return }
        let connection = connection
        (connection.close() as EventLoopFuture<Void>).whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// Closes the connection.
    func close() async {
        guard !connection.isClosed else { return }
        try? await connection.close()
    }

    /// Whether the connection was closed (by either side).
    var isClosed: Bool { connection.isClosed }

    /// A readable account of a PostgresNIO error (whose own description hides everything to
    /// avoid leaking data): the server's message and SQLSTATE, or the connection's failure;
    /// the password never appears.
    static func describe(_ error: any Error, password: String?) -> String {
        var text: String
        if let error = error as? PSQLError {
            if let info = error.serverInfo, let message = info[.message] {
                text = message + (info[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
            } else if let underlying = error.underlying {
                text = "\(underlying)"
            } else {
                switch error.code {
                case .serverClosedConnection, .clientClosedConnection: text = "the connection was closed"
                default: text = "\(error.code)"
                }
            }
        } else {
            text = "\(error)"
        }
        if let password, !password.isEmpty { text = text.replacingOccurrences(of: password, with: "***") }
        return text
    }
}
