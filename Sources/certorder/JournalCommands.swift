import ArgumentParser
import Foundation
import OrderJournal
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
            case .entry(let id): try session.showJournalEntry(id, json: json)
            case .entries(let state): try session.orders(state: state, json: json, endpoint: journal.endpoint)
            }
        }
    }
}

struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Resolve sends of unknown outcome by looking up their alternative order id."
    )

    @OptionGroup var session: SessionOptions

    func run() async throws { try await session.perform { try await $0.reconcile() } }
}
