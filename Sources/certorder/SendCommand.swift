import ArgumentParser
import Dispatch
import Foundation
import CertCentral
import CertOrder
import OrderJournal
import OrderLanguage
import OrderShell

/// `certorder send FILE…`: every order of the scripts, as a batch.
struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send every order of scripts: validated, journaled, never twice by accident.",
        discussion: """
        Errors in any order block the whole batch unless --force. An order already placed (or of \
        unknown outcome) on the same endpoint in the last 24 hours is skipped unless \
        --allow-duplicate. The same, unchanged batch (several orders) run again after an \
        interruption, however much later, skips what its unfinished run placed and sends only the \
        rest; a finished batch run again (after 24 hours) is sent anew. An order \
        skipped because an earlier send of it has an unknown outcome makes the run exit 75: run \
        'certorder reconcile' first.
        """
    )

    @Argument(help: "Order scripts or JSON payloads (a body, an array of bodies, or 'compile --requests' output); - reads stdin.",
              completion: .file(extensions: ["order", "json"])) var files: [String]
    @Flag(help: "Send even when the validator reports errors.") var force = false
    @Flag(name: .customLong("allow-duplicate"), help: "Send even what was already placed (in the last 24 hours, or by the unfinished run of the same batch).") var allowDuplicate = false
    @Flag(name: .long, help: "Go on after a refused order.") var keepGoing = false
    @Flag(name: .customLong("show-payload"), help: "Print each payload before sending it.") var showPayload = false
    @Flag(name: .customLong("dry-run"), help: "Say what would be placed, skipped (already placed) and blocked; send nothing, journal nothing.")
    var dryRun = false
    @Option(help: "How many orders are in flight at once (default: the profile's, else 8).") var concurrency: Int?
    @Flag(help: "Print what became of each order as a JSON object on stdout (Docs/schemas/send.schema.json).") var json = false
    @OptionGroup var parameters: ParameterOptions
    @OptionGroup var payload: PayloadOptions
    @OptionGroup var session: SessionOptions
    @OptionGroup var confirm: ConfirmOptions
    @OptionGroup var pacing: PacingOptions
    @OptionGroup var output: BatchOutputOptions

    /// `--concurrency`, else the profile's, else 8.
    private var effectiveConcurrency: Int { concurrency ?? session.profileConcurrency ?? 8 }

    func validate() throws {
        if let concurrency, !(1...64).contains(concurrency) { throw ValidationError("--concurrency must be 1 to 64") }
        try output.validate()
        if json && (dryRun || showPayload) { throw ValidationError("--json prints the outcome of a send; --dry-run and --show-payload print text") }
    }

    /// Where an order was made, as the batch's lines and summary name it.
    static func label(of order: CompiledOrder) -> String {
        "\(order.orderRange.source.name):\(order.orderRange.location.line)" + (order.notes.last.map { " (\($0))" } ?? "")
    }

    /// Several orders are a batch, known by its content: running it again while its last run is
    /// unfinished resumes that run (what it placed is skipped, however much later). A finished
    /// batch run again, or a single order, is a run of its own (the 24-hour guard covers it).
    private func batchName(of orders: [(label: String, order: CompiledOrder)], sender: OrderSender) async -> String {
        guard orders.count > 1 else { return UUID().uuidString }
        let digests = orders.map { (product: $0.order.product, digest: OrderJournal.digest(of: OrderSender.canonicalPayload($0.order.request))) }
        let identity = OrderSender.batchIdentity(endpoint: sender.endpointName, orders: digests)
        // Without a readable journal the sends fail before anything leaves; the name then matters not.
        return (try? await sender.journal.batchRun(identity: identity, digests: Set(digests.map(\.digest)))) ?? "\(identity)-1"
    }

    /// Prints the diagnostics; throws on a language error, and on a validator error unless
    /// --force (a dry run reports validator errors as blocked orders, after the diagnostics).
    private func report(_ diagnostics: [LanguageDiagnostic], console: Console) throws {
        let errors = diagnostics.errors
        if !diagnostics.isEmpty {
            console.error(DiagnosticRenderer(colour: console.colour).render(force ? diagnostics.filter { !$0.isError || $0.path == nil } : diagnostics))
        }
        // Language errors always stop; validator errors stop unless --force.
        if errors.contains(where: { $0.path == nil }) || (!force && !dryRun && !errors.isEmpty) {
            console.error("nothing sent: \(DiagnosticRenderer.summary(diagnostics))")
            throw ExitCode(.dataError)
        }
    }

    /// The scripts' orders, each labelled with where it was made. Prints the diagnostics (unless
    /// they were printed already) and throws as ``report(_:console:)`` does. The compilation
    /// ends here, so that only the orders outlive it.
    private func compileOrders(_ sources: [Source], console: Console, reported: Bool) async throws -> [(label: String, order: CompiledOrder)] {
        let compilation = await compile(sources, parameters: try parameters.parameters(), payloadProduct: payload.product, console: console)
        if !reported { try report(compilation.diagnostics, console: console) }
        return compilation.orders.map { order in (label: Self.label(of: order), order: order) }
    }

    func run() async throws {
        // SIGINT, SIGTERM and SIGHUP from the start: no request leaves after one (the account
        // lookup included); the batch's sends under way are recorded, its summary printed.
        try await interruptible {
            try await session.withSession(assumeYes: confirm.yes, paced: !pacing.noPacing) { session in try await send(session) }
        }
    }

    private func send(_ session: OrderSession) async throws {
        let console = session.console
        let sources = try loadSources(files, console: console)
        var reported = false
        // A dry run and --show-payload look at every order together: the batch is held.
        // Otherwise a first pass checks the batch without holding it.
        if !dryRun, !showPayload {
            let checked = await StreamedBatch.check(sources, compiler: Compiler(parameters: try parameters.parameters(), payloadProduct: payload.product),
                                                    console: console, endpoint: session.connection.target.name)
            try report(checked.diagnostics, console: console)
            reported = true
            // Several orders are streamed; a single one is compiled again and sent as before.
            if checked.count > 1 { return try await sendStreamed(checked, session: session) }
        }
        let orders = try await compileOrders(sources, console: console, reported: reported)
        guard !orders.isEmpty else {
            console.error("nothing to send: the scripts make no order")
            throw ExitCode(.dataError)
        }
        if showPayload {
            for order in orders { console.print(PayloadWriter.pretty(order.order.request)) }
        }
        if dryRun {
            let verdict = await DryRun(orders, session: session, force: force, allowDuplicate: allowDuplicate)
            console.print(verdict.report)
            if verdict.exitStatus != .success { throw ExitCode(verdict.exitStatus) }
            return
        }
        guard let sender = try await prepareToSend(session, count: orders.count, quote: { await PriceQuote.lines(for: orders.map(\.order), client: $0) }, costSummary: {
            orders.count == 1 ? CostSummary.single(orders[0].order, endpoint: $0) : CostSummary.batch(orders.map(\.order), endpoint: $0)
        }) else { return }
        if !force {
            let facts = try await accountFacts(sender, needs: AccountNeeds(orders.lazy.map(\.order.request)), console: console)
            var blocking: [LanguageDiagnostic] = []
            for order in orders {
                blocking += facts.blocking(product: order.order.product, request: order.order.request).map(order.order.locate)
            }
            try refuse(blocking, console: console)
        }
        let batch = BatchSender(sender: sender, console: console)
        sender.onNotice = { [weak batch] in batch?.note("note: \($0)") }  // weak: the sender must not keep the batch (and itself) alive, or the journal is never closed and checkpointed
        let options = BatchSender.Options(concurrency: effectiveConcurrency, keepGoing: keepGoing,
                                          // The compilation validated every order and the account's custom fields
                                          // were checked above (or --force): the sender does not judge them again.
                                          send: .init(force: true, allowDuplicate: allowDuplicate, batch: await batchName(of: orders, sender: sender)),
                                          output: orders.count == 1 ? (output.quiet ? .quiet : .verbose) : output.mode)
        let results = await batch.send(orders, options: options)
        if orders.count == 1, let only = results.first, json {
            // The same outcome as the text form, and the same exit status.
            var summary = BatchSummary(total: 1, keepsEveryResult: true)
            summary.add(only)
            console.print(JSONOutput.encode(SendSummaryReport(summary, endpoint: sender.endpointName)))
            if case .duplicate = only.outcome { throw ExitCode(.dataError) }
            if only.outcome.exitStatus != .success { throw ExitCode(only.outcome.exitStatus) }
            return
        }
        if orders.count == 1, let only = results.first {
            do { try session.report(only.outcome) } catch {
                console.error("error: \(error.message)")
                // A single order already placed (or of unknown outcome) is refused, not skipped:
                // what the user asked for was not done.
                if case .duplicate = only.outcome { throw ExitCode(.dataError) }
                throw ExitCode(only.outcome.exitStatus)
            }
            if case .placed(_, let response) = only.outcome, showPayload {
                console.print("201 Created")
                console.print(ResponseWriter.pretty(response))
            }
            return
        }
        var summary = BatchSummary(total: orders.count, keepsEveryResult: options.output == .verbose || json)
        for result in results { summary.add(result) }
        try finish(summary, batch: batch, sender: sender, session: session)
    }

    /// A batch of several orders, streamed (``StreamedBatch``): checked already, confirmed,
    /// checked against the account's required custom fields, then compiled again and sent.
    private func sendStreamed(_ checked: StreamedBatch, session: OrderSession) async throws {
        var checked = checked
        let console = session.console
        guard let sender = try await prepareToSend(session, count: checked.count, quote: { [priced = checked.tally.priced] in await PriceQuote.lines(for: priced, client: $0) },
                                                   costSummary: { checked.tally.text(endpoint: $0) }) else { return }
        if !force {
            let facts = try await accountFacts(sender, needs: checked.accountNeeds, console: console)
            try refuse(await checked.blocking(facts), console: console)
        }
        let batch = BatchSender(sender: sender, console: console)
        sender.onNotice = { [weak batch] in batch?.note("note: \($0)") }  // weak: the sender must not keep the batch (and itself) alive, or the journal is never closed and checkpointed
        // The first pass validated every order and the account's custom fields were checked
        // above (or --force): the sender does not judge them again.
        let options = BatchSender.Options(concurrency: effectiveConcurrency, keepGoing: keepGoing,
                                          send: .init(force: true, allowDuplicate: allowDuplicate, batch: await checked.runName(sender: sender)),
                                          output: output.mode)
        // --json lists every order: the one case where a streamed batch keeps each result.
        let summary = await checked.send(with: batch, options: options, keepingEveryResult: json)
        if let changed = checked.changed {
            if output.mode != .quiet { console.print(summary.text) }
            console.error("error: \(changed): the scripts or their files changed while the batch was sent; nothing more was sent")
            throw ExitCode(.dataError)
        }
        try finish(summary, batch: batch, sender: sender, session: session)
    }

    /// Confirms (or refuses) sending `count` orders to the session's endpoint and opens its
    /// sender; nil when the user said no.
    private func prepareToSend(_ session: OrderSession, count: Int, quote: (CertCentralClient) async -> String,
                               costSummary: (Connection.Target) -> String) async throws -> OrderSender? {
        let console = session.console
        // Sends of unknown outcome: their orders are skipped (the duplicate guard) until
        // 'reconcile' settles them.
        await session.noticeUnresolvedSends()
        let target = session.connection.target
        switch SendPolicy(target).confirmation(assumeYes: session.assumeYes, canAsk: console.isInteractive) {
        case .send: break
        case .ask:
            console.print(costSummary(target))
            if let client = try? await session.connection.client() { console.print(await quote(client)) }
            console.write(count == 1 ? "Send this order? [y/N] " : "Send these \(count) orders? [y/N] ")
            let terminal = session.terminal
            // A signal while the question waits ends the wait (the terminal is in its own mode, so Ctrl-C is SIGINT).
            let reply = await Interruption.shared.unlessSignalled { await terminal.run({ Swift.readLine() }) }
            guard let answer = reply ?? nil, ["y", "yes"].contains(answer.lowercased()) else {
                console.print("nothing sent")
                return nil
            }
        case .refuse(let refusal):
            console.error("error: \(refusal.message)")
            throw ExitCode(refusal.status)
        }
        do { return try await session.sender() } catch {
            console.error("error: \(error)")
            throw ExitCode(.unavailable)
        }
    }

    /// What the orders need of the account (its custom fields, the organisations' validations,
    /// the key's owner), looked up concurrently once, before any order. A missing required field
    /// or a failed readiness check blocks the batch, as a validator error does; when a lookup
    /// cannot be made (no answer in time, no connection, an interruption), nothing is sent.
    private func accountFacts(_ sender: OrderSender, needs: AccountNeeds, console: Console) async throws -> AccountFacts {
        do { return try await sender.accountFacts(for: needs) } catch {
            console.error("error: \(error.message)")
            throw ExitCode(OrderSession.status(of: error.error))
        }
    }

    private func refuse(_ blocking: [LanguageDiagnostic], console: Console) throws {
        guard !blocking.isEmpty else { return }
        console.error(DiagnosticRenderer(colour: console.colour).render(blocking))
        console.error("nothing sent: \(DiagnosticRenderer.summary(blocking))")
        throw ExitCode(.dataError)
    }

    /// The end of a batch of several orders: the summary, the notes about skipped orders, the
    /// exit status.
    private func finish(_ summary: BatchSummary, batch: BatchSender, sender: OrderSender, session: OrderSession) throws {
        let console = session.console
        let target = session.connection.target
        if json {
            console.print(JSONOutput.encode(SendSummaryReport(summary, endpoint: sender.endpointName)))
        } else if output.mode != .quiet {
            console.print(summary.text)
        }
        if batch.wasJournalLost {
            // A file deleted or replaced, or a PostgreSQL journal's lost connection: its own words.
            var lost = "\(JournalError.fileReplaced(path: sender.journal.path))"
            do { try sender.journal.checkFileIdentity() } catch { lost = "\(error)" }
            console.error("error: \(lost)")
            throw ExitCode(.software)
        }
        if batch.wasInterrupted {
            console.error("interrupted: run the same command again to send the rest (what was placed is skipped)")
            throw ExitCode(Interruption.shared.exitStatus ?? .interrupted)
        }
        // Skipped as already placed: say so once, and how to place them again on purpose.
        let placedBefore = summary.placedBeforeCount
        if placedBefore > 0 {
            let ids = summary.placedBefore.map { "#\($0)" }.joined(separator: ", ") + (placedBefore > 5 ? ", …" : "")
            console.error("note: \(placedBefore) order\(placedBefore == 1 ? " was" : "s were") skipped: already placed "
                          + "(journal \(ids)); add --allow-duplicate to place \(placedBefore == 1 ? "it" : "them") again")
        }
        // Skipped because an earlier send of the same order has an unknown outcome: not known
        // to be placed, so the batch is not done until 'reconcile' settles them.
        let unsettled = summary.unsettled
        // Skipped because another run is sending the same order right now: it records the outcome.
        let elsewhere = summary.elsewhere
        if !elsewhere.isEmpty {
            console.error("note: \(elsewhere.count) order\(elsewhere.count == 1 ? " was" : "s were") skipped: another run is sending "
                          + "\(elsewhere.count == 1 ? "it" : "them") right now (journal #\(elsewhere.map { String($0) }.joined(separator: ", #")))")
        }
        if !unsettled.isEmpty {
            console.error("\(unsettled.count) order\(unsettled.count == 1 ? " was" : "s were") skipped because an earlier send has an unknown outcome "
                          + "(journal #\(unsettled.map { String($0) }.joined(separator: ", #"))): "
                          + "run 'certorder reconcile --endpoint \(target.name)', then this command again")
        }
        var worst = summary.exitStatus
        if !unsettled.isEmpty { worst = ExitStatus.combine(worst, .temporaryFailure) }
        if worst != .success { throw ExitCode(worst) }
    }
}
