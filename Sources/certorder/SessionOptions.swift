import ArgumentParser
import Foundation
import OrderJournal
import OrderShell

/// Options of every command that talks to an endpoint or the journal.
struct SessionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Where orders go: sandbox (local, the default), us, eu, or a URL.", valueName: "endpoint"))
    var endpoint: Connection.Target = .sandbox

    @Option(name: .long, help: ArgumentHelp("The journal of sends (default: $CERTORDER_JOURNAL or $XDG_STATE_HOME/certorder/journal.sqlite).", valueName: "file"))
    var journal: String?

    @Option(name: .customLong("api-key-file"), help: ArgumentHelp("Read the API key from a file only its owner can read (else $DIGICERT_API_KEY).", valueName: "file"))
    var apiKeyFile: String?

    /// The session these options describe; `assumeYes` skips confirmations (`--yes`).
    func makeSession(assumeYes: Bool = false) throws -> OrderSession {
        let environment = ProcessInfo.processInfo.environment
        let redactor = SecretRedactor()
        let keys = APIKeyStore(redactor: redactor, environment: environment)
        let console = Console(redactor: redactor, environment: environment)
        if let problem = keys.environmentProblem { console.error("warning: \(problem)") }
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
        try await interruptible {
            try await withSession { session in
                if !(await session.perform({ try await operation(session) })) {
                    throw ExitCode(session.worstStatus == .success ? .dataError : session.worstStatus)
                }
            }
        }
    }

    /// Runs `body` with the session these options describe, and closes it (stopping the
    /// embedded sandbox) however `body` ends.
    func withSession<T>(assumeYes: Bool = false, _ body: (OrderSession) async throws -> T) async throws -> T {
        let session = try makeSession(assumeYes: assumeYes)
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
