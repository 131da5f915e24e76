import ArgumentParser
import Foundation
import OrderJournal
import OrderLanguage
import OrderShell

struct OrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders",
        abstract: "The journal of sends: a table, one entry (show N), or JSON."
    )

    @Argument(help: "A state (\(JournalState.allCases.map(\.rawValue).joined(separator: ", "))), or 'show N'.",
              completion: .list(["show"] + JournalState.allValueStrings))
    var words: [String] = []
    @Option(help: "Only entries in this state.") var state: JournalState?
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var journal: JournalOptions

    /// What the words ask for: one entry, or the entries in a state (or all).
    private enum Listing {
        case entry(Int)
        case entries(JournalState?)
    }

    private func listing() throws -> Listing {
        if words.first == "show" {
            guard words.count == 2, let id = Int(words[1]) else { throw ValidationError("say 'orders show N' with an entry number") }
            return .entry(id)
        }
        guard words.count <= 1 else { throw ValidationError("say one state, or 'orders show N'") }
        if let word = words.first {
            guard let named = JournalState(argument: word.lowercased()) else {
                let states = JournalState.allValueStrings
                throw ValidationError("no state '\(word)'; use one of \(states.joined(separator: ", "))")
            }
            if let state, state != named { throw ValidationError("say the state once: '\(word)' or --state \(state.rawValue)") }
            return .entries(named)
        }
        return .entries(state)
    }

    func validate() throws { _ = try listing() }

    func run() async throws {
        let listing = try listing()
        try await journal.perform { session in
            switch listing {
            case .entry(let id): try await session.showJournalEntry(id, json: json)
            case .entries(let state): try await session.orders(state: state, json: json, endpoint: journal.endpoint)
            }
        }
    }
}

struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Resolve sends of unknown outcome by looking up their alternative order id.",
        discussion: """
        With --batch FILE…, the scripts of a batch sent with 'certorder send FILE…': its orders' \
        alternative ids are derived from the batch and each order's place in it, so what its runs \
        placed is found on the account and recorded in the journal even when the journal was lost \
        (deleted during the batch, another machine). 'certorder send FILE…' then sends only the rest.
        """
    )

    @Option(name: .customLong("batch"), parsing: .upToNextOption,
            help: ArgumentHelp("The scripts of a batch (as given to send): find what it placed on the account.", valueName: "FILE"),
            completion: .file(extensions: ["order"]))
    var batchFiles: [String] = []
    @Flag(help: "Print what was found as a JSON object (Docs/schemas/reconcile.schema.json; with --batch, reconcile-batch.schema.json).")
    var json = false
    @OptionGroup var parameters: ParameterOptions
    @OptionGroup var session: SessionOptions

    func run() async throws {
        if batchFiles.isEmpty {
            try await session.perform { try await $0.reconcile(json: json) }
        } else {
            try await session.perform { try await recover($0) }
        }
    }

    /// `reconcile --batch FILE…`: the batch's orders, compiled as `send` compiles them, looked up on the account.
    private func recover(_ session: OrderSession) async throws {
        let console = session.console
        let compilation = await compile(try loadSources(batchFiles, console: console), parameters: try parameters.parameters(), console: console)
        // Validator errors do not matter here (a batch may have been sent with --force); language errors do.
        let languageErrors = compilation.diagnostics.filter { $0.isError && $0.path == nil }
        if !languageErrors.isEmpty {
            console.error(DiagnosticRenderer(colour: console.colour).render(languageErrors))
            throw ShellError("nothing looked up: \(DiagnosticRenderer.summary(languageErrors))")
        }
        guard compilation.orders.count > 1 else {
            throw ShellError("--batch needs the scripts of a batch (several orders); a single order's alternative id is random: "
                             + "see 'certorder orders' and plain 'certorder reconcile'")
        }
        let orders = compilation.orders.map { order in
            (label: "\(order.orderRange.source.name):\(order.orderRange.location.line)" + (order.notes.last.map { " (\($0))" } ?? ""),
             product: order.product, request: order.request)
        }
        let sender = try await session.sender()
        let digests = orders.map { (product: $0.product, digest: OrderJournal.digest(of: OrderSender.canonicalPayload($0.request))) }
        let identity = OrderSender.batchIdentity(endpoint: sender.endpointName, orders: digests)
        let recovered = try await sender.recoverBatch(orders, identity: identity)
        if json {
            console.print(JSONOutput.encode(BatchReconcileReport(endpoint: sender.endpointName, batch: identity, orders: recovered.map { found in
                let order = compilation.orders[found.index]
                return BatchReconcileReport.Order(run: found.run, index: found.index + 1, file: order.orderRange.source.name,
                                                  line: order.orderRange.location.line, note: order.notes.last,
                                                  alternativeOrderID: found.alternativeOrderID, entry: found.entry)
            })))
            return
        }
        for found in recovered {
            let what = found.entry.map { "placed as order \($0.orderID.map(String.init) ?? "?") (journal #\($0.id))" } ?? "not placed"
            console.print("\(found.run) #\(found.index + 1) \(found.label): \(what), alternative id \(found.alternativeOrderID)")
        }
        let placed = recovered.filter { $0.entry != nil }.count
        let latest = recovered.last?.run ?? identity + "-1"
        let notPlaced = recovered.filter { $0.run == latest && $0.entry == nil }.count
        console.print("\(placed) order\(placed == 1 ? "" : "s") of this batch found on \(sender.endpointName); "
                      + (notPlaced == 0 ? "the run \(latest) is complete"
                                        : "\(notPlaced) of run \(latest) not placed: 'certorder send' with the same scripts sends only those"))
    }
}
