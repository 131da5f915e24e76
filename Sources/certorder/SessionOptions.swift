import ArgumentParser
import CertOrder
import Foundation
import OrderJournal
import OrderShell

/// Options of every command that talks to an endpoint or the journal.
struct SessionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Where orders go: sandbox (local, the default), us, eu, or a URL (else $CERTORDER_ENDPOINT, the profile's).", valueName: "endpoint"))
    var endpoint: Connection.Target?

    @Option(name: .long, help: ArgumentHelp("The journal of sends: a SQLite file, or a postgresql:// URL shared by a team (default: $CERTORDER_JOURNAL, the profile's, or $XDG_STATE_HOME/certorder/journal.sqlite).", valueName: "file-or-url"))
    var journal: String?

    @Option(name: .customLong("api-key-file"), help: ArgumentHelp("Read the API key from a file only its owner can read (else $DIGICERT_API_KEY, the profile's).", valueName: "file"))
    var apiKeyFile: String?

    @Option(name: .customLong("ca-file"), help: ArgumentHelp("Trust the CA certificates of this PEM file besides the system's (as $SSL_CERT_FILE); repeatable.", valueName: "file"))
    var caFiles: [String] = []

    @Option(name: .long, help: ArgumentHelp("Use this profile of the config file (else $CERTORDER_PROFILE, the file's 'profile').", valueName: "name"))
    var profile: String?

    /// What the flags say, for ``EffectiveSettings``.
    var flags: EffectiveSettings.Flags {
        EffectiveSettings.Flags(endpoint: endpoint, journal: journal, apiKeyFile: apiKeyFile, caFiles: caFiles, profile: profile)
    }

    /// The session these options describe; `assumeYes` skips confirmations (`--yes`); `paced`
    /// false lifts pacing (`--no-pacing`, refused with 64 off loopback).
    func makeSession(assumeYes: Bool = false, paced: Bool = true, followUp: OrderSession.FollowUp? = nil) async throws -> OrderSession {
        try await Self.makeSession(flags, assumeYes: assumeYes, paced: paced, followUp: followUp)
    }

    /// The profile's `concurrency`, when it has one (a problem with the settings was reported
    /// when the session was made).
    var profileConcurrency: Int? {
        (try? EffectiveSettings.resolve(flags, environment: ProcessInfo.processInfo.environment))?.concurrency.value
    }

    /// The settings `flags` resolve to (flag > environment > profile > default); a problem is
    /// printed and exits 64.
    static func settings(_ flags: EffectiveSettings.Flags, console: Console) throws -> EffectiveSettings {
        do {
            return try EffectiveSettings.resolve(flags, environment: ProcessInfo.processInfo.environment)
        } catch {
            console.error("error: \(error.message)")
            throw ExitCode(error.status)
        }
    }

    /// A session with the settings `flags` resolve to: the endpoint, the journal, the key
    /// (a key file, else `$DIGICERT_API_KEY`) and the network. The read-only journal commands make
    /// one on the sandbox with no key file: they never connect. A follow-up command (`followUp`)
    /// with no endpoint given by a flag or `CERTORDER_ENDPOINT` goes where the journal says its
    /// order or request was sent.
    static func makeSession(_ flags: EffectiveSettings.Flags, assumeYes: Bool = false, paced: Bool = true,
                            followUp: OrderSession.FollowUp? = nil, loadsKey: Bool = true) async throws -> OrderSession {
        let environment = ProcessInfo.processInfo.environment
        let redactor = SecretRedactor()
        let keys = APIKeyStore(redactor: redactor, environment: environment)
        let console = Console(redactor: redactor, environment: environment)
        if let problem = keys.environmentProblem { console.error("warning: \(problem)") }
        let settings = try Self.settings(flags, console: console)
        // A proxy's password is a secret like the key: masked wherever text is shown.
        for password in [settings.network.httpsProxy?.password, settings.network.httpProxy?.password] {
            if let password, password.count >= 4 { redactor.add(password) }
        }
        // What CertOrder keeps is its owner's only, whoever made it first: loose modes are
        // tightened (and said so); one that cannot be is refused before anything is written.
        do {
            for note in try StateDirectory.tighten(environment: environment) { console.error("note: \(note)") }
        } catch {
            console.error("error: \(error)")
            throw ExitCode(ExitStatus.dataError.rawValue)
        }
        if loadsKey, let apiKeyFile = settings.apiKeyFile.value {
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
                                    requestTimeout: timeout, network: settings.network)
        let session = OrderSession(console: console, keys: keys, connection: connection,
                                   journalPath: settings.journal.value, assumeYes: assumeYes)
        // The hints ('next: …') name commands of this program, with the options they need.
        session.hintPrefix = "certorder "
        if flags.journal != nil { session.hintSuffix = " --journal \(Self.shellQuoted(settings.journal.value))" }
        if let profile = flags.profile { session.hintSuffix += " --profile \(Self.shellQuoted(profile))" }
        for file in flags.caFiles { session.hintSuffix += " --ca-file \(Self.shellQuoted(file))" }
        do {
            var target = settings.endpoint.value
            // Only a flag or the variable outranks where the journal says the order went.
            if let followUp, settings.endpoint.source != "--endpoint", settings.endpoint.source != EffectiveSettings.endpointVariable,
               let recorded = try await session.recordedEndpoint(of: followUp) {
                target = recorded
            }
            // Pacing first: `--no-pacing --endpoint us` is refused as such, whatever the key.
            try connection.setPaced(paced)
            try connection.select(target)
        } catch {
            console.error("error: \(error.message)")
            throw ExitCode(error.status == .dataError ? ExitStatus.usage : error.status)
        }
        return session
    }

    /// `text` as one word for a POSIX shell.
    static func shellQuoted(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "/._-:@+=,".contains($0) }
        return plain && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Runs one session operation (the CLI form of a shell command, such as `certorder status
    /// 112233`): the same typed call the shell's command makes, with no order-language text in
    /// between. An error is printed and exits with the session's status.
    /// A signal cancels the operation (a status change under way is awaited for the client's
    /// grace): exit 130, 143 or 129.
    func perform(followUp: OrderSession.FollowUp? = nil, _ operation: (OrderSession) async throws -> Void) async throws {
        try await Self.perform({ try await makeSession(followUp: followUp) }, operation)
    }

    /// ``perform(_:)`` on the session `make` makes.
    static func perform(_ make: () async throws -> OrderSession, _ operation: (OrderSession) async throws -> Void) async throws {
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
        try await Self.withSession({ try await makeSession(assumeYes: assumeYes, paced: paced) }, body)
    }

    /// ``withSession(assumeYes:paced:_:)`` on the session `make` makes.
    static func withSession<T>(_ make: () async throws -> OrderSession, _ body: (OrderSession) async throws -> T) async throws -> T {
        let session = try await make()
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
