import CertCentral
import CertOrder
import Foundation
import LineEditor
import OrderJournal
import OrderLanguage

/// One session of the order language with its world: the interpreter and its draft, the
/// endpoint, the journal, the key, and the console. The interactive shell, `certorder -c`,
/// piped sessions and `certorder run` all evaluate through it; it runs the commands the
/// language hands over (everything but `new`, `set`, `unset` and `load`).
package final class OrderSession: CommandHandler {
    package let interpreter = Interpreter()
    package let console: Console
    package let connection: Connection
    package let keys: APIKeyStore
    /// Skip confirmations (`--yes`).
    package var assumeYes: Bool
    /// Set by `quit`.
    package private(set) var shouldQuit = false
    /// Asks the user a yes/no question; `nil` when there is no terminal to ask on.
    package var confirm: ((String) async -> Bool)?
    /// The thread that reads from the terminal (lines, answers, the key), off the cooperative pool.
    package let terminal = TerminalThread()
    /// The history shown by `history`.
    package var historyEntries: () -> [String] = { [] }
    /// Warn before an entry replaces an unsaved draft (the interactive shell sets it).
    package var warnsBeforeDiscardingDraft = false
    /// The draft as last saved, loaded or placed.
    var keptDraft: KeptDraft?
    /// The exit status of the worst failure so far (for scripts and batches).
    package private(set) var worstStatus: ExitStatus = .success
    /// The failures noted with a status of their own since this evaluation began: a
    /// command that failed with 75 fails its entry too, and that is not a second failure (65).
    private var notedSinceReport = 0

    /// What a hint's command starts with: `certorder ` on the command line, nothing in the shell.
    package var hintPrefix = ""
    /// What a hint's command ends with: the options it needs to find the same journal and profile.
    package var hintSuffix = ""

    /// A hint's command as it runs here: `status 112233` in the shell, `certorder status 112233`
    /// (with `--journal FILE` when one was given) on the command line.
    package func hint(_ command: String) -> String { hintPrefix + command + hintSuffix }

    /// ``hint(_:)`` for a command the journal cannot place (a revoke request): on the command
    /// line it names the endpoint unless it is the default sandbox.
    package func hintNamingEndpoint(_ command: String) -> String {
        guard !hintPrefix.isEmpty, connection.target != .sandbox else { return hint(command) }
        let name = connection.target.name
        let quoted = name.allSatisfy { $0.isLetter || $0.isNumber || "/._-:@+=,".contains($0) } ? name : "'\(name)'"
        return hint(command + " --endpoint " + quoted)
    }

    /// Where the journal is (``journal()`` opens it, creating it when missing).
    package let journalPath: String
    private var openedJournal: OrderJournal?
    private var senders: [String: OrderSender] = [:]
    let validator = Validator()

    package init(console: Console, keys: APIKeyStore, connection: Connection, journalPath: String, assumeYes: Bool = false) {
        self.console = console
        self.keys = keys
        self.connection = connection
        self.journalPath = journalPath
        self.assumeYes = assumeYes
        // A PostgreSQL journal's password is a secret like the key: never shown, logged or saved.
        if let password = JournalLocation.secret(in: journalPath) { console.redactor.add(password) }
        // A call that waits long says what for, so a slow or silent server is never a silent hang.
        connection.waitNotice = { [console] in console.error("note: \($0)") }
    }

    /// The journal, opened on first use (start-up stays fast).
    package func journal() async throws(ShellError) -> OrderJournal {
        if let openedJournal { return openedJournal }
        do {
            let journal = try await OrderJournal(path: journalPath)
            openedJournal = journal
            // A team's PostgreSQL journal is its shared rate budget too.
            SharedRateBudget.install(for: journal)
            return journal
        } catch {
            throw ShellError("cannot open the journal at \(OrderJournal.displayPath(journalPath)): \(error)", status: .software)
        }
    }

    /// The journal for listing it (`orders`): the session's own when it opened one, else the
    /// file opened read-only, so that reading never writes (issue 13, finding 13); nil when no
    /// journal file exists yet (nothing was sent).
    package func readingJournal() async throws(ShellError) -> OrderJournal? {
        if let openedJournal { return openedJournal }
        do {
            return try await OrderJournal(readingAt: journalPath)
        } catch JournalError.notFound {
            return nil
        } catch let error as JournalError {
            throw ShellError("cannot read the journal at \(OrderJournal.displayPath(journalPath)): \(error)", status: .software)
        } catch {
            // SQLite's read-only connection cannot recover the log a killed writer left (or
            // meet a writer mid-recovery): open it as a writer, as before, rather than fail.
            return try await journal()
        }
    }

    /// Whether the journal may hold entries: its file exists, or it is a database (which only
    /// opening can tell).
    package var journalExists: Bool {
        OrderJournal.isDatabaseURL(journalPath) || FileManager.default.fileExists(atPath: journalPath)
    }

    /// The sender of the current endpoint.
    package func sender() async throws -> OrderSender {
        let name = connection.target.name
        if let sender = senders[name] { return sender }
        // The journal first: a PostgreSQL journal's shared rate budget paces the client's first request too.
        let journal = try await journal()
        let client = try await connection.client()
        let sender = OrderSender(journal: journal, endpointName: name, client: client, redactor: console.redactor)
        senders[name] = sender
        return sender
    }

    /// Stops what the session started (the embedded sandbox).
    package func close() async {
        await connection.shutdown()
    }

    /// Drops the cached senders (after the key changed).
    func forgetSenders() { senders.removeAll() }

    /// Evaluates one entry (a line, a multi-line entry, a file's text); prints its diagnostics.
    /// - Returns: whether it succeeded (no error).
    @discardableResult
    package func evaluate(_ text: String, name: String) async -> Bool {
        notedSinceReport = 0
        return report(await interpreter.evaluate(Source(name: name, text: text), handler: self))
    }

    /// Evaluates one entry of the shell (typed, piped or `-c`). Beyond ``evaluate(_:name:)``, a
    /// value this entry set that the validator refuses (`validity 4`) fails the entry: the error
    /// is shown at the value and the draft goes back to what it was. Missing fields do not fail
    /// an entry: a draft is built up one entry at a time.
    @discardableResult
    package func evaluateEntry(_ text: String, name: String, firstLine: Int = 1) async -> Bool {
        let before = interpreter.draft
        warnIfDiscardingUnsavedDraft(text)
        notedSinceReport = 0
        let source = Source(name: name, text: text, firstLine: firstLine)
        let result = await interpreter.evaluate(source, handler: self)
        guard report(result) else { return false }
        if Self.startsKeptDraft(text) { markKept(interpreter.draft) }
        guard let draft = interpreter.draft else { return true }
        let refused = diagnostics(of: draft).filter { diagnostic in
            guard diagnostic.isError, diagnostic.kind != .missing, let origin = draft.origins[diagnostic.path] else { return false }
            return origin.statement.source === source && origin.statement.text.lowercased() != "load"
        }
        guard !refused.isEmpty else { return true }
        console.error(DiagnosticRenderer(colour: console.colour).render(refused.map(draft.locate)))
        interpreter.setDraft(before)
        note(.dataError)
        return false
    }

    /// Evaluates a file; paths in it are relative to it.
    @discardableResult
    package func evaluate(fileAtPath path: String) async -> Bool {
        notedSinceReport = 0
        return report(await interpreter.evaluate(fileAtPath: path, handler: self))
    }

    private func report(_ result: EvaluationResult) -> Bool {
        if !result.diagnostics.isEmpty {
            console.error(DiagnosticRenderer(colour: console.colour).render(result.diagnostics))
        }
        // Errors beyond the commands that noted their own status (a statement, a blocked send) are 65.
        if result.diagnostics.errors.count > notedSinceReport { note(.dataError) }
        return !result.hasErrors
    }

    /// Remembers a failure's status; their combination (``ExitStatus/combine(_:_:)``) is the
    /// session's exit status.
    func note(_ status: ExitStatus) {
        worstStatus = .combine(worstStatus, status)
        if status != .success { notedSinceReport += 1 }
    }

    /// The prompt for the current state.
    package var prompt: String {
        let draft = interpreter.draft
        let diagnostics = draft.map { validator.validate($0.request, product: $0.product) } ?? []
        return PromptRenderer.prompt(product: draft?.product, diagnostics: diagnostics, endpoint: connection.target.label,
                                     live: connection.target.isLive, colour: console.promptColour)
    }

    /// Notes unresolved sends at start-up, so none is forgotten.
    package func noticeUnresolvedSends() async {
        guard journalExists,
              let unresolved = try? await journal().unresolved().filter({ $0.state == .unknown }), !unresolved.isEmpty else { return }
        console.error("note: \(unresolved.count) earlier send\(unresolved.count == 1 ? " has" : "s have") an unknown outcome "
                      + "(journal #\(unresolved.map { String($0.id) }.joined(separator: ", #"))); run 'reconcile' before sending them again")
    }

    // MARK: - CommandHandler

    package func handle(_ command: EvaluatedCommand, context: CommandContext) async throws(CommandError) {
        guard let output = command.output else {
            try await handleErrors { try await run(command, draft: context.draft) }
            return
        }
        // `> FILE`: the file is checked before the command runs and written only when it succeeds.
        try writing(output) { () throws(ShellError) in try OutputFile.check(output.path) }
        var text = ""
        try await handleErrors {
            text = try await console.collectingStandardOutput { try await run(command, draft: context.draft) }
        }
        try writing(output) { () throws(ShellError) in try OutputFile.write(text, to: output.path, appends: output.appends) }
    }

    /// Runs a step on the file of `> FILE`; its error is reported at the file name.
    private func writing(_ output: EvaluatedCommand.Output, _ body: () throws(ShellError) -> Void) throws(CommandError) {
        do {
            try body()
        } catch {
            note(error.status)
            throw CommandError(error.message, argument: CommandError.outputArgument)
        }
    }

    /// Runs `body`, turning what it throws into a ``CommandError`` and noting its exit status.
    private func handleErrors(_ body: () async throws -> Void) async throws(CommandError) {
        do {
            try await body()
        } catch let error as CommandError {
            throw error
        } catch let error as ShellError {
            note(error.status)
            throw CommandError(error.message)
        } catch let error as CertCentralError {
            note(Self.status(of: error))
            throw CommandError(error.message)
        } catch {
            note(.software)
            throw CommandError("\(error)")
        }
    }

    /// The exit status of a failed request: 69 when CertCentral could not be reached or did not
    /// answer, 75 when it said "later", 65 otherwise.
    package static func status(of error: CertCentralError) -> ExitStatus {
        switch error {
        case .unreachable, .timeout, .connectionLost, .cancelled, .cancelledBeforeSending: return .unavailable
        case .rateLimited, .server: return .temporaryFailure
        default: return .dataError
        }
    }

    /// Runs one command; its words already fit its ``CommandSpec`` (the evaluator checked them),
    /// so each case reads its arguments by position.
    private func run(_ command: EvaluatedCommand, draft: CompiledOrder?) async throws {
        let args = command.texts
        switch command.command {
        case .show: console.print(DraftRenderer(color: console.colour).render(
            product: try need(draft).product, request: try need(draft).request, diagnostics: diagnostics(of: try need(draft))))
        case .json: console.print(PayloadWriter.pretty(try need(draft).request))
        case .validate: try validate(try need(draft))
        case .explain: try explain(args[0])
        case .export: try export(format: args[0], draft: try need(draft))
        case .save: try save(path: args[0], draft: try need(draft))
        case .recipes: listRecipes()
        case .recipe: try showRecipe(args[0])
        case .help: try help(args.first)
        case .history: showHistory()
        case .quit, .exit: shouldQuit = true
        case .send:
            if command.hasFlag("verbose"), command.hasFlag("quiet") { throw CommandError("--verbose and --quiet cannot be used together") }
            try await send(try need(draft), force: command.hasFlag("force"), yes: command.hasFlag("yes"),
                     allowDuplicate: command.hasFlag("allow-duplicate"), dryRun: command.hasFlag("dry-run"),
                     output: command.hasFlag("quiet") ? .quiet : command.hasFlag("verbose") ? .verbose : .failures)
        case .plan, .apply:
            try await planOrApply(command, files: args, draft: draft)
        case .status: try await status(orderID: try integer(args, 0, command.command.spec.usage))
        case .wait:
            try await wait(orderIDs: try args.indices.map { i throws(CommandError) in try integer(args, i, command.command.spec.usage) },
                           timeout: try command.value(ofFlag: "timeout").map { try Self.seconds($0.text, flag: "timeout", allowZero: true) }
                               ?? Self.defaultWaitTimeout,
                           interval: try command.value(ofFlag: "interval").map { try Self.seconds($0.text, flag: "interval", allowZero: false) }
                               ?? Self.defaultWaitInterval)
        case .download:
            let formatName = command.value(ofFlag: "format")?.text ?? CertificateFormat.pemAll.rawValue
            guard let format = CertificateFormat(rawValue: formatName) else {
                throw CommandError("'\(formatName)' is not a download format; use \(CertificateFormat.names.joined(separator: ", "))"
                                   + Suggestion.didYouMean(formatName, in: CertificateFormat.names))
            }
            try await download(orderID: try integer(args, 0, command.command.spec.usage),
                               certificateID: try Self.positive(command.value(ofFlag: "certificate")?.text, flag: "certificate"), format: format,
                               output: command.value(ofFlag: "output")?.text, force: command.hasFlag("force"))
        case .renew:
            try await renew(orderID: try integer(args, 0, command.command.spec.usage), script: args.count > 1 ? args[1] : nil,
                            yes: command.hasFlag("yes"), allowDuplicate: command.hasFlag("allow-duplicate"))
        case .reissue:
            try await reissue(orderID: try integer(args, 0, command.command.spec.usage), csrPath: command.value(ofFlag: "csr")?.text,
                              provisioning: command.value(ofFlag: "provisioning")?.text, comments: command.value(ofFlag: "comments")?.text,
                              yes: command.hasFlag("yes"))
        case .duplicate:
            try await duplicate(orderID: try integer(args, 0, command.command.spec.usage), csrPath: command.value(ofFlag: "csr")?.text,
                                yes: command.hasFlag("yes"))
        case .expiring:
            try await expiring(within: try Self.positive(command.value(ofFlag: "within")?.text, flag: "within", allowZero: true)
                                   ?? Self.defaultExpiringWindow,
                               json: command.hasFlag("json"))
        case .revoke:
            var certificate: Int?
            if let text = command.value(ofFlag: "certificate")?.text {
                guard let id = Int(text), id > 0 else { throw CommandError("--certificate takes a certificate id; got '\(text)'") }
                certificate = id
            }
            try await revoke(orderID: try integer(args, 0, command.command.spec.usage), certificateID: certificate,
                             reason: command.value(ofFlag: "reason")?.text, yes: command.hasFlag("yes"))
        case .requests: try await requests(status: args.first, json: command.hasFlag("json"))
        case .approve: try await decide(requestID: try integer(args, 0, command.command.spec.usage), .approved, comment: nil)
        case .reject: try await decide(requestID: try integer(args, 0, command.command.spec.usage), .rejected, comment: rest(args, from: 1))
        case .cancel: try await cancel(orderID: try integer(args, 0, command.command.spec.usage), note: rest(args, from: 1))
        case .orders: try await orders(args, json: command.hasFlag("json"))
        case .reconcile:
            var target: Connection.Target?
            if let name = command.value(ofFlag: "endpoint")?.text {
                guard let named = Connection.Target(name: name) else {
                    throw CommandError("'\(name)' is not an endpoint; use sandbox, us, eu or a URL")
                }
                target = named
            }
            try await reconcile(on: target)
        case .endpoint: try endpoint(args.first)
        case .key: try await readKey()
        case .orgs: try await organizations()
        case .containers: try await containers()
        case .fields: try await fields(draft)
        case .new, .set, .unset, .load:
            throw CommandError("'\(command.name)' edits the draft and is run by the language, not the shell")
        }
    }

    /// A flag's whole number (`--certificate 120`, `--within 30`), `nil` when the flag is absent.
    static func positive(_ text: String?, flag: String, allowZero: Bool = false) throws(CommandError) -> Int? {
        guard let text else { return nil }
        guard let n = Int(text), allowZero ? n >= 0 : n > 0 else {
            throw CommandError("--\(flag) takes a whole number\(allowZero ? "" : " above 0"); got '\(text)'")
        }
        return n
    }

    /// The words from `index` on, joined (a note or a reason written without quotes); `nil` when
    /// there are none.
    func rest(_ args: [String], from index: Int) -> String? {
        args.count > index ? args[index...].joined(separator: " ") : nil
    }

    /// Runs a session operation for the CLI's subcommands (`certorder status 112233`): an error
    /// is printed as `error: …` and its exit status remembered, as the shell does for the same
    /// command.
    /// - Returns: whether it succeeded.
    package func perform(_ operation: () async throws -> Void) async -> Bool {
        do {
            try await handleErrors(operation)
            return true
        } catch {
            console.error("error: \(error.message)")
            if worstStatus == .success { note(.dataError) }
            return false
        }
    }

    func need(_ draft: CompiledOrder?) throws(CommandError) -> CompiledOrder {
        guard let draft else { throw CommandError("there is no draft yet; start one with 'new ev', 'order cs < … >' or 'load FILE'") }
        return draft
    }

    func diagnostics(of draft: CompiledOrder) -> [Diagnostic] {
        validator.validate(draft.request, product: draft.product)
    }

    func argument(_ args: [String], _ index: Int, _ usage: String) throws(CommandError) -> String {
        guard index < args.count else { throw CommandError("usage: \(usage)") }
        return args[index]
    }

    func integer(_ args: [String], _ index: Int, _ usage: String) throws(CommandError) -> Int {
        let text = try argument(args, index, usage)
        guard let value = Int(text), value > 0 else {
            throw CommandError("'\(text)' is not an id; usage: \(usage)", argument: index)
        }
        return value
    }
}
