import Foundation

/// A fresh database on the throwaway PostgreSQL server that `scripts/with-postgres` (and so
/// `scripts/test`) starts, whose URL it exports in `CERTORDER_TEST_POSTGRES_URL`. Each test gets
/// its own database, so journals never see each other's entries; it is dropped by ``drop()`` or
/// when the last reference goes.
///
/// Without the variable the PostgreSQL tests are skipped (a plain `swift test`), unless
/// `CERTORDER_TEST_REQUIRE_POSTGRES` is set (scripts/test sets it): then they fail, so CI never
/// passes by skipping them.
public final class PostgresTestDatabase: Sendable {
    /// The server's URL (with its password), from the environment.
    public static var serverURL: String? {
        ProcessInfo.processInfo.environment["CERTORDER_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether the PostgreSQL tests run: a server is given, or one is required (they then fail
    /// at ``init(_:)`` rather than pass unseen).
    public static var isAvailable: Bool {
        serverURL != nil || ProcessInfo.processInfo.environment["CERTORDER_TEST_REQUIRE_POSTGRES"] != nil
    }

    /// The database's name.
    public let name: String
    /// The database's URL, with the server's password.
    public let url: String

    /// Creates a new database named after `label`.
    public init(_ label: String = #function) throws {
        guard let server = Self.serverURL, var components = URLComponents(string: server) else {
            throw PostgresTestFailure("no PostgreSQL server: run under scripts/with-postgres (scripts/test does)")
        }
        let safe = label.lowercased().filter { $0.isLetter || $0.isNumber }.prefix(30)
        name = "t_\(safe)_\(UUID().uuidString.prefix(8).lowercased())"
        try Self.psql(server, "CREATE DATABASE \(name)")
        components.path = "/" + name
        url = components.string!
    }

    deinit { drop() }

    /// Drops the database (closing any connection left to it).
    public func drop() {
        guard let server = Self.serverURL else { return }
        _ = try? Self.psql(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Runs SQL in this database through `psql` and answers what it printed (unaligned, tuples only).
    @discardableResult
    public func sql(_ statement: String) throws -> String {
        try Self.psql(url, statement)
    }

    /// Runs `statement` with `psql` against `url` (another process, as another machine would be).
    @discardableResult
    public static func psql(_ url: String, _ statement: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", statement]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let complaint = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PostgresTestFailure("psql failed: \(String(decoding: complaint, as: UTF8.self))")
        }
        return String(decoding: printed, as: UTF8.self)
    }

    /// The whole database as `pg_dump` writes it (data included): what a secret must not be in.
    public func dump() throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pg_dump", "--no-owner", "-d", url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PostgresTestFailure("pg_dump failed") }
        return data
    }
}

/// A failure of the PostgreSQL test harness.
public struct PostgresTestFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
