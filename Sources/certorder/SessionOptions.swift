import ArgumentParser
import CertOrder
import Foundation
import OrderJournal
import OrderShell

/// Options of every command that talks to an endpoint or the journal.
struct SessionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Where orders go: sandbox (local, the default), us, eu, or a URL.", valueName: "endpoint"))
    var endpoint: Connection.Target = .sandbox

    @Option(name: .long, help: ArgumentHelp("The journal of sends: a SQLite file, or a postgresql:// URL shared by a team (default: $CERTORDER_JOURNAL or $XDG_STATE_HOME/certorder/journal.sqlite).", valueName: "file-or-url"))
    var journal: String?

    @Option(name: .customLong("api-key-file"), help: ArgumentHelp("Read the API key from a file only its owner can read (else $DIGICERT_API_KEY).", valueName: "file"))
    var apiKeyFile: String?

    /// The session these options describe; `assumeYes` skips confirmations (`--yes`); `paced`
    /// false lifts pacing (`--no-pacing`, refused with 64 off loopback).
    func makeSession(assumeYes: Bool = false, paced: Bool = true) throws -> OrderSession {
        try Self.makeSession(endpoint: endpoint, journal: journal, apiKeyFile: apiKeyFile, assumeYes: assumeYes, paced: paced)
    }

    /// A session on `endpoint` with the journal at `journal` (else the default) and the key of
    /// `apiKeyFile` (else `$DIGICERT_API_KEY`). The read-only journal commands make one on the
    /// sandbox with no key file: they never connect.
    static func makeSession(endpoint: Connection.Target, journal: String?, apiKeyFile: String?,
                            assumeYes: Bool = false, paced: Bool = true) throws -> OrderSession {
        let environment = ProcessInfo.processInfo.environment
        let redactor = SecretRedactor()
        let keys = APIKeyStore(redactor: redactor, environment: environment)
        let console = Console(redactor: redactor, environment: environment)
        if let problem = keys.environmentProblem { console.error("warning: \(problem)") }
        // What CertOrder keeps is its owner's only, whoever made it first: loose modes are
        // tightened (and said so); one that cannot be is refused before anything is written.
        do {
            for note in try StateDirectory.tighten(environment: environment) { console.error("note: \(note)") }
        } catch {
            console.error("error: \(error)")
            throw ExitCode(ExitStatus.dataError.rawValue)
        }
        if let apiKeyFile {
            do { try keys.load(file: apiKeyFile) } catch {
                console.error("error: \(error)")
                throw ExitCode(ExitStatus.usage.rawValue)
            }
        }
        let timeout: Duration?
        do { timeout = try Connection.requestTimeout(environment: environment) } catch {
            console.error("error: \(error.message)")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let connection = Connection(keys: keys, sandboxStateFile: URL(fileURLWithPath: StatePaths.sandboxState(environment: environment)),
                                    requestTimeout: timeout)
        do {
            // Pacing first: `--no-pacing --endpoint us` is refused as such, whatever the key.
            try connection.setPaced(paced)
            try connection.select(endpoint)
        } catch {
            console.error("error: \(error.message)")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        return OrderSession(console: console, keys: keys, connection: connection,
                            journalPath: journal ?? OrderJournal.defaultPath(environment: environment), assumeYes: assumeYes)
    }

    /// Runs one session operation (the CLI form of a shell command, such as `certorder status
    /// 112233`): the same typed call the shell's command makes, with no order-language text in
    /// between. An error is printed and exits with the session's status.
    /// A signal cancels the operation (a status change under way is awaited for the client's
    /// grace): exit 130, 143 or 129.
    func perform(_ operation: (OrderSession) async throws -> Void) async throws {
        try await Self.perform({ try makeSession() }, operation)
    }

    /// ``perform(_:)`` on the session `make` makes.
    static func perform(_ make: () throws -> OrderSession, _ operation: (OrderSession) async throws -> Void) async throws {
        try await interruptible {
            try await withSession(make) { session in
                if !(await session.perform({ try await operation(session) })) {
                    throw ExitCode(session.worstStatus == .success ? .dataError : session.worstStatus)
                }
            }
        }
    }

    /// Runs `body` with the session these options describe, and closes it (stopping the
    /// embedded sandbox) however `body` ends.
    func withSession<T>(assumeYes: Bool = false, paced: Bool = true, _ body: (OrderSession) async throws -> T) async throws -> T {
        try await Self.withSession({ try makeSession(assumeYes: assumeYes, paced: paced) }, body)
    }

    /// ``withSession(assumeYes:paced:_:)`` on the session `make` makes.
    static func withSession<T>(_ make: () throws -> OrderSession, _ body: (OrderSession) async throws -> T) async throws -> T {
        let session = try make()
        do {
            let result = try await body(session)
            await session.close()
            return result
        } catch {
            await session.close()
            throw error
        }
    }
}

extension ExitCode {
    init(_ status: ExitStatus) { self.init(status.rawValue) }
}
