import CertCentral
import CertOrder
import Foundation
import OrderJournal
import OrderLanguage

/// `plan` and `apply`: scripts as the certificates that should exist.
extension OrderSession {
    /// The plan for `orders` on the session's endpoint: reads the journal (never creating it)
    /// and the account (``OrderChainReader``), judges each order as a send would (the validator,
    /// the account's required custom fields, leaked keys) and decides its action (``Planner``).
    package func makePlan(_ orders: [DeclaredOrder], renewWithin: Int? = nil) async throws -> Plan {
        let client = try await connection.client()
        var calls = 0
        // The account's required custom fields, looked up once as a send does.
        let metadata: [CustomFieldMetadata]
        do {
            calls += 1
            metadata = try await client.customFieldMetadata()
        } catch {
            throw ShellError(OrderSender.lookupFailure(error).replacingOccurrences(of: "nothing sent: ", with: "no plan: "),
                             status: Self.status(of: error))
        }
        var problems: [Int: String] = [:]
        for (index, declared) in orders.enumerated() where declared.name != nil {
            var blocking = console.redactor.diagnostics(for: declared.order.request)
            blocking += validator.validate(declared.order.request, product: declared.order.product).errors
            for field in CustomFieldMetadata.missingRequired(in: declared.order.request, metadata: metadata) {
                blocking.append(Diagnostic(.customFieldRequired(field.id, label: field.label), path: "custom_fields"))
            }
            if !blocking.isEmpty { problems[index] = blocking.map(\.message).joined(separator: "; ") }
        }
        let names = Set(orders.compactMap(\.name).filter { DeclaredName.problem($0) == nil })
        let reader = OrderChainReader(journal: try await readingJournal(), endpointName: connection.target.name, client: client)
        let chains = try await reader.read(names: names)
        let now = await client.sandboxNow() ?? Date()
        let planner = Planner(renewWithin: renewWithin ?? Planner.defaultRenewWithin, now: now)
        return Plan(actions: planner.plan(orders, chains: chains, problems: problems), endpoint: connection.target.name,
                    apiCalls: calls + chains.apiCalls, verifyBeforePlacing: !chains.listingCarriesAlternativeIDs)
    }

    /// `plan [FILE…] [--json] [--renew-within DAYS]`: prints the plan (a table, or JSON) and
    /// answers it; its ``Plan/exitCode`` is the command's status in the CLI.
    @discardableResult
    package func plan(_ orders: [DeclaredOrder], renewWithin: Int? = nil, json: Bool = false) async throws -> Plan {
        let plan = try await makePlan(orders, renewWithin: renewWithin)
        console.print(json ? plan.json : plan.table)
        return plan
    }

    /// What `apply` did.
    package struct ApplyResult: Sendable {
        package var plan: Plan
        /// The sends made, in the plan's order.
        package var results: [BatchSender.Result] = []
        /// The exit status: 0 when every change was made (or found made by another run), 65
        /// when the plan had errors (nothing applied), else the sends' worst.
        package var status: ExitStatus = .success
    }

    /// `apply [FILE…] [--yes]`: makes the plan, shows it with the price and the balance, asks once
    /// (unless `yes`, or when nobody can be asked on a rehearsal endpoint), then sends exactly the
    /// plan's `place` and `renew` orders through the sending path (journaled first, paced, each
    /// order once: the journal's duplicate guard stops a second apply running at the same time).
    /// An apply whose plan has a blocked or undeclared order applies nothing.
    ///
    /// - Parameter ask: Asks the question on a terminal; `nil` when there is none.
    package func apply(_ orders: [DeclaredOrder], renewWithin: Int? = nil, yes: Bool = false,
                       ask: ((String) async -> Bool)? = nil) async throws -> ApplyResult {
        // Nobody to confirm with on a live endpoint: refused before anything is asked of it.
        let confirmation = SendPolicy(connection.target).confirmation(assumeYes: assumeYes || yes, canAsk: ask != nil)
        if case .refuse(let refusal) = confirmation { throw refusal }
        let plan = try await makePlan(orders, renewWithin: renewWithin)
        var result = ApplyResult(plan: plan)
        console.print(plan.table)
        let blocked = plan.count(.blocked) + plan.count(.undeclared)
        if blocked > 0 {
            console.error("error: nothing applied: \(DraftRenderer.count(blocked, "order")) cannot be applied (blocked or undeclared, as the plan says why)")
            result.status = .dataError
            return result
        }
        var changes = plan.changes
        guard !changes.isEmpty else {
            console.print("nothing to apply: every declared order is placed and good beyond its renewal window")
            return result
        }
        let client = try await connection.client()
        switch confirmation {
        case .ask:
            console.print("About to apply on \(CostSummary.endpointLine(connection.target, plural: changes.count > 1)):")
            console.print("  orders        \(plan.count(.place)) to place, \(plan.count(.renew)) to renew")
            console.print(await PriceQuote.lines(for: changes.compactMap(\.order), client: client))
            guard let ask, await ask("Apply this plan (\(changes.count) order\(changes.count == 1 ? "" : "s"))? [y/N] ") else {
                console.print("nothing applied")
                return result
            }
        case .send:
            console.print(await PriceQuote.lines(for: changes.compactMap(\.order), client: client))
        case .refuse(let refusal):
            throw refusal
        }
        if plan.verifyBeforePlacing {
            // The account's list did not say which orders carry which alternative ids: each order
            // to place is looked up by its own before it is sent.
            var verified: [PlanAction] = []
            for change in changes {
                let id = change.order?.request.alternativeOrderID ?? ""
                if let found = try await client.orderByAlternativeID(id) {
                    console.print("\(change.name ?? id): already on the account as order \(found.id); not placed again")
                } else {
                    verified.append(change)
                }
            }
            changes = verified
        }
        let sender = try await sender()
        let console = self.console
        sender.onNotice = { console.error("note: \($0)") }
        let batch = BatchSender(sender: sender, console: console)
        let sends = changes.compactMap { change in change.order.map { (label: "\(change.name ?? change.label) (\(change.kind.rawValue))", order: $0) } }
        // Judged above with the account's custom fields (the plan blocks what fails): the sender
        // checks them again, from its cache, as every send does.
        let options = BatchSender.Options(concurrency: 8, keepGoing: true, send: .init(force: false, allowDuplicate: false))
        result.results = await batch.send(sends, options: options)
        console.print(BatchSender.summary(result.results, total: sends.count))
        var statuses = result.results.map(\.outcome.exitStatus)
        for r in result.results {
            if case .refused(_, let error) = r.outcome, let code = error.code, code.hasPrefix("order_") {
                console.error("error: \(sends[r.index].label): \(error.apiMessage ?? code)")
            }
            // Skipped as a send of unknown outcome: not placed, not known to be; reconcile first.
            if case .duplicate(let earlier) = r.outcome, earlier.state != .placed, !earlier.isInFlightElsewhere {
                statuses.append(.temporaryFailure)
            }
        }
        if batch.wasInterrupted { statuses.append(Interruption.shared.exitStatus ?? .interrupted) }
        if batch.wasJournalLost { statuses.append(.software) }
        if sends.count > result.results.count { statuses.append(.temporaryFailure) }
        result.status = .combine(statuses)
        let placed = result.results.filter { if case .placed = $0.outcome { return true }; return false }
        let renewals = placed.filter { sends[$0.index].order.request.renewalOfOrderID != nil }.count
        // Placed (or being placed) by another apply of the same plan: done, not by this run.
        let elsewhere = result.results.filter {
            if case .duplicate(let earlier) = $0.outcome { return earlier.state == .placed || earlier.isInFlightElsewhere }
            return false
        }.count
        let missing = sends.count - placed.count - elsewhere
        console.print("apply on \(connection.target.name): \(placed.count - renewals) placed, \(renewals) renewed"
                      + (elsewhere > 0 ? ", \(elsewhere) placed by another run" : "")
                      + (missing > 0 ? ", \(missing) not placed (see above)" : ""))
        return result
    }
}

// MARK: - The shell's commands

extension OrderSession {
    /// The shell's `plan [FILE…] [--json] [--renew-within DAYS]` and `apply [FILE…] [--yes]
    /// [--renew-within DAYS]`: the declared orders of the files, else the draft.
    func planOrApply(_ command: EvaluatedCommand, files: [String], draft: CompiledOrder?) async throws {
        var renewWithin: Int?
        if let text = command.value(ofFlag: "renew-within")?.text {
            guard let days = Int(text), (0...459).contains(days) else {
                throw CommandError("--renew-within takes a number of days from 0 to 459; got '\(text)'")
            }
            renewWithin = days
        }
        let orders = try await declaredOrders(files: files, draft: draft)
        if command.command == .plan {
            let plan = try await plan(orders, renewWithin: renewWithin, json: command.hasFlag("json"))
            if plan.exitCode == 65 {
                note(.dataError)
                throw CommandError("\(DraftRenderer.count(plan.count(.blocked) + plan.count(.undeclared), "order")) cannot be applied (blocked or undeclared)")
            }
            return
        }
        let result = try await apply(orders, renewWithin: renewWithin, yes: command.hasFlag("yes"), ask: confirm)
        if result.status != .success {
            note(result.status)
            throw CommandError("apply did not make every change of its plan (see above)")
        }
    }

    /// The orders of `files` (relative to the working directory), or the draft when none is given.
    func declaredOrders(files: [String], draft: CompiledOrder?) async throws -> [DeclaredOrder] {
        guard !files.isEmpty else {
            let draft = try need(draft)
            return [DeclaredOrder(label: "the draft", order: draft)]
        }
        var sources: [Source] = []
        for file in files {
            do {
                sources.append(try Source.file(atPath: file))
            } catch {
                throw CommandError(error.message)
            }
        }
        let compilation = await Compiler().compile(sources)
        if !compilation.diagnostics.isEmpty {
            console.error(DiagnosticRenderer(colour: console.colour).render(compilation.diagnostics))
        }
        if compilation.diagnostics.errors.contains(where: { $0.path == nil }) {
            throw CommandError("no plan: \(DiagnosticRenderer.summary(compilation.diagnostics))")
        }
        return compilation.orders.map { order in
            DeclaredOrder(label: "\(order.orderRange.source.name):\(order.orderRange.location.line)", order: order)
        }
    }
}
