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

    @Argument(help: "Order scripts; - reads stdin.") var files: [String]
    @Flag(help: "Send even when the validator reports errors.") var force = false
    @Flag(name: .customLong("allow-duplicate"), help: "Send even what was already placed (in the last 24 hours, or by the unfinished run of the same batch).") var allowDuplicate = false
    @Flag(name: .long, help: "Go on after a refused order.") var keepGoing = false
    @Flag(name: .customLong("show-payload"), help: "Print each payload before sending it.") var showPayload = false
    @Flag(name: .customLong("dry-run"), help: "Say what would be placed, skipped (already placed) and blocked; send nothing, journal nothing.")
    var dryRun = false
    @Option(help: "How many orders are in flight at once.") var concurrency: Int = 8
    @OptionGroup var parameters: ParameterOptions
    @OptionGroup var session: SessionOptions
    @OptionGroup var confirm: ConfirmOptions
    @OptionGroup var pacing: PacingOptions

    func validate() throws {
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be 1 to 64") }
    }

    /// Several orders are a batch, known by its content: running it again while its last run is
    /// unfinished resumes that run (what it placed is skipped, however much later). A finished
    /// batch run again, or a single order, is a run of its own (the 24-hour guard covers it).
    private func batchName(of orders: [(label: String, order: CompiledOrder)], sender: OrderSender) -> String {
        guard orders.count > 1 else { return UUID().uuidString }
        let digests = orders.map { (product: $0.order.product, digest: OrderJournal.digest(of: OrderSender.canonicalPayload($0.order.request))) }
        let identity = OrderSender.batchIdentity(endpoint: sender.endpointName, orders: digests)
        // Without a readable journal the sends fail before anything leaves; the name then matters not.
        return (try? sender.journal.batchRun(identity: identity, digests: Set(digests.map(\.digest)))) ?? "\(identity)-1"
    }

    /// The scripts' orders, each labelled with where it was made. Prints the diagnostics; throws
    /// on a language error, and on a validator error unless --force. The compilation ends here,
    /// so that only the orders outlive it.
    private func compileOrders(console: Console) async throws -> [(label: String, order: CompiledOrder)] {
        let compilation = await compile(try loadSources(files, console: console), parameters: try parameters.parameters(), console: console)
        let errors = compilation.diagnostics.errors
        if !compilation.diagnostics.isEmpty {
            console.error(DiagnosticRenderer(colour: console.colour).render(force ? compilation.diagnostics.filter { !$0.isError || $0.path == nil } : compilation.diagnostics))
        }
        // Language errors always stop; validator errors stop unless --force.
        // A dry run reports validator errors as blocked orders (DryRun), after the diagnostics.
        if errors.contains(where: { $0.path == nil }) || (!force && !dryRun && !errors.isEmpty) {
            console.error("nothing sent: \(DiagnosticRenderer.summary(compilation.diagnostics))")
            throw ExitCode(.dataError)
        }
        return compilation.orders.map { order in
            (label: "\(order.orderRange.source.name):\(order.orderRange.location.line)" + (order.notes.last.map { " (\($0))" } ?? ""), order: order)
        }
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
        let orders = try await compileOrders(console: console)
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
        // Sends of unknown outcome: their orders are skipped (the duplicate guard) until
        // 'reconcile' settles them.
        session.noticeUnresolvedSends()
        let target = session.connection.target
        switch SendPolicy(target).confirmation(assumeYes: session.assumeYes, canAsk: console.isInteractive) {
        case .send: break
        case .ask:
            console.print(orders.count == 1 ? CostSummary.single(orders[0].order, endpoint: target)
                                            : CostSummary.batch(orders.map(\.order), endpoint: target))
            console.write(orders.count == 1 ? "Send this order? [y/N] " : "Send these \(orders.count) orders? [y/N] ")
            let terminal = session.terminal
            // A signal while the question waits ends the wait (the terminal is in its own mode, so Ctrl-C is SIGINT).
            let reply = await Interruption.shared.unlessSignalled { await terminal.run({ Swift.readLine() }) }
            guard let answer = reply ?? nil, ["y", "yes"].contains(answer.lowercased()) else {
                console.print("nothing sent")
                return
            }
        case .refuse(let refusal):
            console.error("error: \(refusal.message)")
            throw ExitCode(refusal.status)
        }
        let sender: OrderSender
        do { sender = try await session.sender() } catch {
            console.error("error: \(error)")
            throw ExitCode(.unavailable)
        }
        if !force {
            // The account's required custom fields: a missing one blocks the batch, as a
            // validator error does. The metadata is fetched once, before any order; when it
            // cannot be (no answer in time, no connection, an interruption), nothing is sent.
            let metadata: [CustomFieldMetadata]
            do { metadata = try await sender.customFields() } catch {
                console.error("error: \(OrderSender.lookupFailure(error))")
                throw ExitCode(OrderSession.status(of: error))
            }
            var blocking: [LanguageDiagnostic] = []
            for order in orders {
                for field in CustomFieldMetadata.missingRequired(in: order.order.request, metadata: metadata) {
                    blocking.append(order.order.locate(Diagnostic(.customFieldRequired(field.id, label: field.label), path: "custom_fields")))
                }
            }
            if !blocking.isEmpty {
                console.error(DiagnosticRenderer(colour: console.colour).render(blocking))
                console.error("nothing sent: \(DiagnosticRenderer.summary(blocking))")
                throw ExitCode(.dataError)
            }
        }
        sender.onNotice = { console.error("note: \($0)") }
        let batch = BatchSender(sender: sender, console: console)
        let options = BatchSender.Options(concurrency: concurrency, keepGoing: keepGoing,
                                          // The compilation validated every order and the account's custom fields
                                          // were checked above (or --force): the sender does not judge them again.
                                          send: .init(force: true, allowDuplicate: allowDuplicate, batch: batchName(of: orders, sender: sender)))
        let results = await batch.send(orders, options: options)
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
        console.print(BatchSender.summary(results, total: orders.count))
        if batch.wasJournalLost {
            console.error("error: \(JournalError.fileReplaced(path: sender.journal.path))")
            throw ExitCode(.software)
        }
        if batch.wasInterrupted {
            console.error("interrupted: run the same command again to send the rest (what was placed is skipped)")
            throw ExitCode(Interruption.shared.exitStatus ?? .interrupted)
        }
        // Skipped as already placed: say so once, and how to place them again on purpose.
        let placedBefore = results.compactMap { result -> JournalEntry? in
            if case .duplicate(let earlier) = result.outcome, earlier.state == .placed { return earlier }
            return nil
        }
        if !placedBefore.isEmpty {
            let ids = placedBefore.prefix(5).map { "#\($0.id)" }.joined(separator: ", ") + (placedBefore.count > 5 ? ", …" : "")
            console.error("note: \(placedBefore.count) order\(placedBefore.count == 1 ? " was" : "s were") skipped: already placed "
                          + "(journal \(ids)); add --allow-duplicate to place \(placedBefore.count == 1 ? "it" : "them") again")
        }
        // Skipped because an earlier send of the same order has an unknown outcome: not known
        // to be placed, so the batch is not done until 'reconcile' settles them.
        let unsettled = results.filter { if case .duplicate(let earlier) = $0.outcome { return earlier.state != .placed && !earlier.isInFlightElsewhere }; return false }
        // Skipped because another run is sending the same order right now: it records the outcome.
        let elsewhere = results.compactMap { result -> JournalEntry? in
            if case .duplicate(let earlier) = result.outcome, earlier.state != .placed, earlier.isInFlightElsewhere { return earlier }
            return nil
        }
        if !elsewhere.isEmpty {
            console.error("note: \(elsewhere.count) order\(elsewhere.count == 1 ? " was" : "s were") skipped: another run is sending "
                          + "\(elsewhere.count == 1 ? "it" : "them") right now (journal #\(elsewhere.map { String($0.id) }.joined(separator: ", #")))")
        }
        if !unsettled.isEmpty {
            console.error("\(unsettled.count) order\(unsettled.count == 1 ? " was" : "s were") skipped because an earlier send has an unknown outcome "
                          + "(journal #\(unsettled.compactMap { $0.outcome.entry.map { String($0.id) } }.joined(separator: ", #"))): "
                          + "run 'certorder reconcile --endpoint \(target.name)', then this command again")
        }
        var statuses = results.map(\.outcome.exitStatus)
        if !unsettled.isEmpty { statuses.append(.temporaryFailure) }
        let worst = ExitStatus.combine(statuses)
        if worst != .success { throw ExitCode(worst) }
    }
}
