import CertCentral
import CertOrder
import Foundation
import OrderJournal
import OrderLanguage

/// The commands that talk to CertCentral (or the sandbox) and the journal.
extension OrderSession {
    /// `send`: the draft, validated, confirmed, journaled and sent. `output` is what a placed
    /// order prints, in the words of `certorder send`'s `--verbose` and `--quiet`: by default
    /// (``BatchSender/Output/failures``) the order, its requests and the next step;
    /// ``BatchSender/Output/verbose`` the whole answer after them; ``BatchSender/Output/quiet``
    /// nothing (errors are printed whatever the output).
    func send(_ draft: CompiledOrder, force: Bool, yes: Bool, allowDuplicate: Bool, dryRun: Bool = false,
              output: BatchSender.Output = .failures) async throws {
        if dryRun {
            // What the send would do, judged as it judges; nothing sent, nothing journaled.
            let verdict = await DryRun([(label: "the draft", order: draft)], session: self, force: force, allowDuplicate: allowDuplicate)
            console.print(verdict.report)
            if verdict.exitStatus != .success {
                note(verdict.exitStatus)
                throw CommandError("the draft would be blocked; fix it, or 'send --force' to let CertCentral judge")
            }
            return
        }
        let sender = try await sender()
        let console = self.console
        sender.onNotice = { console.error("note: \($0)") }
        var options = OrderSender.Options(force: force, allowDuplicate: allowDuplicate)
        let yes = assumeYes || yes
        let confirmation = SendPolicy(connection.target).confirmation(assumeYes: yes, canAsk: confirm != nil)
        // A send that is refused outright (a live endpoint, nobody to confirm) contacts nothing.
        if case .refuse(let refusal) = confirmation { throw refusal }
        if !force {
            // The account is looked up first (its custom fields, the organisation's validations,
            // the key's owner); when that fails, nothing is sent.
            let blocking: [Diagnostic]
            do {
                blocking = try await sender.blockingDiagnostics(product: draft.product, request: draft.request)
            } catch {
                throw ShellError(error.message + "; the draft is unchanged", status: Self.status(of: error.error))
            }
            if !blocking.isEmpty {
                console.error(DiagnosticRenderer(colour: console.colour).render(blocking.map(draft.locate)))
                throw CommandError("\(DraftRenderer.count(blocking.count, "error")) block sending; fix them, or 'send --force' to let CertCentral judge")
            }
        }
        switch confirmation {
        case .send: break
        case .ask:
            console.print(CostSummary.single(draft, endpoint: connection.target))
            console.print(await PriceQuote.lines(for: [draft], client: sender.client))
            guard let confirm, await confirm("Send this order? [y/N] ") else {
                console.print("not sent; the draft is unchanged")
                return
            }
        case .refuse(let refusal): throw refusal
        }
        options.force = true  // already validated above (or forced)
        var outcome = await sender.send(product: draft.product, request: draft.request, options: options)
        if case .duplicate(let earlier) = outcome, let confirm, !yes {
            console.print(Self.describeDuplicate(earlier))
            if await confirm("Place it again anyway? [y/N] ") {
                options.allowDuplicate = true
                outcome = await sender.send(product: draft.product, request: draft.request, options: options)
            } else {
                console.print("not sent; the draft is unchanged")
                return
            }
        }
        guard case .placed(_, let response) = outcome else { return try report(outcome) }  // an error whatever the output
        if output != .quiet { try report(outcome) }
        if output == .verbose {
            console.print("201 Created")
            console.print(ResponseWriter.pretty(response))
        }
        // Placed: the draft is in the journal, so a new one loses nothing.
        markKept(draft)
    }

    /// Prints an outcome; a send that did not place an order is an error of the command.
    package func report(_ outcome: SendOutcome) throws(CommandError) {
        switch outcome {
        case .placed(let entry, let response):
            console.print(Self.describePlaced(response, entry: entry, hint: hint))
        case .duplicate(let earlier):
            note(.dataError)
            throw CommandError(Self.describeDuplicate(earlier) + "\nNot sent. Add --allow-duplicate to place it again.")
        case .blocked(let diagnostics):
            note(.dataError)
            throw CommandError(diagnostics.map(\.message).joined(separator: "\n"))
        case .unknown(let entry, let error):
            note(outcome.exitStatus)
            throw CommandError("\(error.message)\n(journal #\(entry.id): unknown; 'reconcile' settles it, and until then the same order "
                               + "is not sent again; the draft is unchanged)")
        case .refused(let entry, let error), .failed(let entry, let error):
            note(outcome.exitStatus)
            throw CommandError("\(error.message)\n(journal #\(entry.id): \(entry.state.rawValue); nothing was placed; the draft is unchanged)")
        }
    }

    /// What a placed order's send prints; `hint` makes a command runnable where it is printed.
    static func describePlaced(_ response: OrderResponse, entry: JournalEntry, hint: (String) -> String = { $0 }) -> String {
        var lines = ["placed order \(response.id) (journal #\(entry.id), alternative id \(entry.alternativeOrderID))"]
        for request in response.requests { lines.append("  request \(request.id): \(request.status)") }
        if let certificate = response.certificateID { lines.append("  certificate \(certificate)") }
        lines.append("next: " + nextStep(response, hint: hint))
        return lines.joined(separator: "\n")
    }

    /// The next command, runnable as printed (the shell and the order language both read `#`
    /// as a comment, as a POSIX shell does): `approve 113  # one-step approval; then: status 112233`.
    static func nextStep(_ response: OrderResponse, hint: (String) -> String = { $0 }) -> String {
        guard let request = response.requests.first else { return hint("status \(response.id)") }
        switch request.status {
        case "pending": return hint("approve \(request.id)") + "  # one-step approval; then: " + hint("status \(response.id)")
        case "submitted": return hint("approve \(request.id)") + "  # two-step approval: run it twice; then: " + hint("status \(response.id)")
        case "approved": return hint("status \(response.id)") + "  # DigiCert validates and issues"
        default: return hint("status \(response.id)")
        }
    }

    static func describeDuplicate(_ earlier: JournalEntry) -> String {
        let when = ISO8601DateFormatter().string(from: earlier.createdAt)
        let what = earlier.orderID.map { "as order \($0)" }
            ?? (earlier.isInFlightElsewhere ? "and is being sent right now by another run (process \(earlier.ownerPID ?? 0))"
                                            : "with an unknown outcome (run 'reconcile')")
        return "The same order was sent to \(earlier.endpoint) at \(when) \(what) (journal #\(earlier.id))."
    }

    /// `status ORDER_ID`: the order's info from the API; refreshes its journal entry.
    package func status(orderID id: Int, json: Bool = false) async throws {
        let client = try await sender().client
        let info = try await client.orderInfo(id: id)
        if json {
            console.print(JSONOutput.encode(OrderStatusReport(info)))
            await refreshJournal(orderID: id, info: info)
            return
        }
        var lines = ["order \(info.id): \(info.status ?? "unknown") · \(info.product?.nameID ?? "?")"
                     + (info.certificateID.map { " · certificate \($0)" } ?? "")]
        for request in info.requests { lines.append("  request \(request.id): \(request.status ?? "?")") }
        if let alternative = info.alternativeOrderID { lines.append("  alternative id \(alternative)") }
        if let code = info.hardwareInitCode { lines.append("  hardware init code \(code) (DigiCert's hardware certificate installer asks for it)") }
        console.print(lines.joined(separator: "\n"))
        await refreshJournal(orderID: id, info: info)
    }

    /// Records what `status` learnt in the order's journal entry, when it has one.
    private func refreshJournal(orderID id: Int, info: OrderInfo) async {
        guard let journal = try? await journal(),
              let entry = try? await journal.entries().first(where: { $0.orderID == id && $0.endpoint == OrderJournal.storedEndpoint(connection.target.name) }),
              let status = info.status else { return }
        _ = try? await journal.updateStatus(id: entry.id, orderStatus: status.rawValue,
                                      requests: info.requests.map { JournalRequest(id: $0.id, status: $0.status?.rawValue ?? "unknown") },
                                      certificateID: info.certificateID)
    }

    /// `approve REQUEST_ID`, `reject REQUEST_ID "why"`.
    package func decide(requestID id: Int, _ decision: RequestDecision, comment: String?) async throws {
        let client = try await sender().client
        try await client.updateRequestStatus(id: id, decision, comment: comment)
        console.print("request \(id) \(decision.rawValue)")
    }

    /// `cancel ORDER_ID ["note"]`.
    package func cancel(orderID id: Int, note: String?) async throws {
        let client = try await sender().client
        try await client.cancelOrder(id: id, note: note)
        console.print("order \(id) canceled")
    }

    /// `orders [STATE] [--json] | orders show N`.
    func orders(_ args: [String], json: Bool) async throws {
        if args.first == "show" {
            try await showJournalEntry(try integer(args, 1, "orders show N"), json: json)
            return
        }
        var state: JournalState?
        if let name = args.first {
            guard let parsed = JournalState(rawValue: name.lowercased()) else {
                let states = JournalState.allCases.map(\.rawValue)
                throw CommandError("no state '\(name)'; use one of \(states.joined(separator: ", ")).\(Suggestion.didYouMean(name, in: states))", argument: 0)
            }
            state = parsed
        }
        if args.count > 1 {
            throw CommandError("too many arguments: 'orders' takes a state or 'show N'; usage: orders [STATE] [--json] | orders show N", argument: 1)
        }
        try await orders(state: state, json: json)
    }

    /// The journal's entries, all or those in `state`, and only those sent to `endpoint` when
    /// one is given (in the journal's stored form, so `us` and its URL are one): a table, or JSON.
    /// Read-only: listing never writes to the journal (or creates one).
    package func orders(state: JournalState?, json: Bool, endpoint: Connection.Target? = nil) async throws {
        var entries = try await readingJournal()?.entries(state: state) ?? []
        if let endpoint {
            let stored = OrderJournal.storedEndpoint(endpoint.name)
            entries = entries.filter { $0.endpoint == stored }
        }
        console.print(json ? JournalTable.json(entries) : JournalTable.table(entries))
    }

    /// One journal entry in detail (`orders show N`), or as a JSON object (`--json`).
    package func showJournalEntry(_ id: Int, json: Bool = false) async throws {
        guard let entry = try await readingJournal()?.entry(id: Int64(id)) else { throw CommandError("the journal has no entry #\(id)", argument: 1) }
        console.print(json ? JournalTable.json(entry) : JournalTable.detail(entry))
    }

    /// `reconcile [--endpoint ENDPOINT]`: settles the sends of unknown outcome on `target` (the
    /// current endpoint when `nil`); the session's endpoint is the same afterwards.
    package func reconcile(on target: Connection.Target? = nil, json: Bool = false) async throws {
        if let target, target != connection.target {
            let current = connection.target
            try connection.select(target)
            defer { try? connection.select(current) }
            try await reconcileCurrent(json: json)
            return
        }
        try await reconcileCurrent(json: json)
    }

    private func reconcileCurrent(json: Bool) async throws {
        let sender = try await sender()
        let results = await sender.reconcile()
        // Unknown sends of other endpoints are settled on their endpoint: say where they are.
        let here = OrderJournal.storedEndpoint(connection.target.name)
        let elsewhere = Dictionary(grouping: (try? await journal().unresolved().filter { $0.state == .unknown && $0.endpoint != here }) ?? [],
                                   by: \.endpoint)
        if json {
            console.print(JSONOutput.encode(ReconcileReport(
                endpoint: connection.target.name,
                results: results.map { ReconcileReport.Result(before: $0.before, after: $0.after, note: $0.note) },
                elsewhere: elsewhere.sorted { $0.key < $1.key }.map { ReconcileReport.Elsewhere(endpoint: $0.key, journalIDs: $0.value.map(\.id)) })))
        } else {
            printReconciled(results, elsewhere: elsewhere)
        }
        let open = results.filter { $0.after == nil }.count
        if open > 0 {
            note(.temporaryFailure)
            throw CommandError("\(DraftRenderer.count(open, "send")) still \(open == 1 ? "has" : "have") an unknown outcome; "
                               + "do not send \(open == 1 ? "it" : "them") again before 'reconcile' settles \(open == 1 ? "it" : "them")")
        }
    }

    private func printReconciled(_ results: [(before: JournalEntry, after: JournalEntry?, note: String)], elsewhere: [String: [JournalEntry]]) {
        if results.isEmpty {
            console.print("nothing to reconcile on \(connection.target.name): every send has a known outcome")
        }
        for result in results {
            console.print("#\(result.before.id) \(result.before.alternativeOrderID): \(result.note)")
        }
        for (endpoint, entries) in elsewhere.sorted(by: { $0.key < $1.key }) {
            console.print("note: \(DraftRenderer.count(entries.count, "send")) on \(endpoint) "
                          + "\(entries.count == 1 ? "has" : "have") an unknown outcome; reconcile \(entries.count == 1 ? "it" : "them") with --endpoint \(endpoint)")
        }
    }

    func endpoint(_ name: String?) throws {
        guard let name else {
            console.print("endpoint: \(connection.target.name)")
            return
        }
        guard let target = Connection.Target(name: name) else {
            throw CommandError("'\(name)' is not an endpoint; use sandbox, us, eu or a URL", argument: 0)
        }
        try connection.select(target)
        console.print("endpoint: \(target.name)\(target.isLive ? " (live: orders cost money)" : "")")
    }

    func readKey() async throws {
        guard console.isInteractive else {
            throw CommandError("'key' reads the key from a terminal; otherwise set DIGICERT_API_KEY or use --api-key-file")
        }
        do {
            let keys = self.keys
            guard try await terminal.run({ try keys.readFromTerminal(prompt: "API key (not echoed): ") }) else {
                throw CommandError("no key entered")
            }
        } catch let problem as APIKeyStore.Failure {
            throw CommandError("\(problem)")
        }
        forgetSenders()
        console.print("key set for this session (kept in memory only)")
    }

    /// `orgs`: the account's organizations and their validations.
    package func organizations(json: Bool = false) async throws {
        let client = try await sender().client
        let orgs = try await client.organizations()
        var reports: [AccountReport.Organization] = []
        for org in orgs {
            let validations = (try? await client.organizationValidations(id: org.id)) ?? []
            if json {
                reports.append(AccountReport.Organization(org, validations: validations))
                continue
            }
            let kinds = validations.map { "\($0.type)\($0.status.map { ":\($0)" } ?? "")" }.joined(separator: ", ")
            console.print("\(org.id)  \(org.displayName ?? org.name ?? "?")  \(org.status ?? "")  validated: \(kinds.isEmpty ? "none" : kinds)")
        }
        if json { console.print(JSONOutput.encode(reports)) }
    }

    /// `containers`: the account's containers.
    package func containers(json: Bool = false) async throws {
        let client = try await sender().client
        let containers = try await client.containers()
        if json {
            console.print(JSONOutput.encode(containers.map(AccountReport.Container.init)))
            return
        }
        for container in containers {
            console.print("\(container.id)  \(container.name ?? "?")")
        }
    }

    /// `fields`: the account's custom fields, marking the required ones `draft` lacks. With a
    /// draft, the account is looked up as its send would look it up (the organisation's
    /// validations, the key's owner, concurrently with the fields, each once per session), and
    /// what keeps the draft from being placed is said too: after `fields`, a send of the draft
    /// needs no lookup.
    package func fields(_ draft: CompiledOrder?, json: Bool = false) async throws {
        let sender = try await sender()
        var readiness: [Diagnostic] = []
        let metadata: [CustomFieldMetadata]
        if let draft {
            let facts: AccountFacts
            do { facts = try await sender.accountFacts(for: AccountNeeds([draft.request])) } catch {
                throw ShellError(error.message.replacingOccurrences(of: "nothing sent: ", with: ""), status: Self.status(of: error.error))
            }
            metadata = facts.customFields
            readiness = facts.readiness(product: draft.product, request: draft.request)
        } else {
            metadata = try await sender.customFields()
        }
        if json {
            console.print(JSONOutput.encode(metadata.map(AccountReport.CustomField.init)))
            return
        }
        let missing = draft.map { CustomFieldMetadata.missingRequired(in: $0.request, metadata: metadata) } ?? []
        for field in metadata {
            let flags = [field.isRequired ? "required" : "optional", field.isActive ? nil : "inactive"].compactMap { $0 }
            let mark = missing.contains(field) ? "  ✗ the draft lacks it: add 'custom_field \(field.id) \"…\"'" : ""
            console.print("\(field.id)  \(field.label)  \(field.dataType)  \(flags.joined(separator: ", "))\(mark)")
        }
        if let draft, !readiness.isEmpty {
            console.error(DiagnosticRenderer(colour: console.colour).render(readiness.map(draft.locate)))
        }
        if !missing.isEmpty || !readiness.isEmpty {
            var problems: [String] = []
            if !missing.isEmpty { problems.append("the draft lacks \(DraftRenderer.count(missing.count, "required custom field"))") }
            if !readiness.isEmpty { problems.append("the account is not ready for it (\(DraftRenderer.count(readiness.count, "error")))") }
            throw CommandError(problems.joined(separator: "; "))
        }
    }
}
