import ArgumentParser
import Foundation
import OrderJournal
import OrderShell

struct OrdersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders",
        abstract: "The journal of sends: a table, one entry (show N), or JSON."
    )

    @Argument(help: "A state (sending, placed, refused, failed, unknown), or 'show N'.") var words: [String] = []
    @Option(help: "Only entries in this state.") var state: String?
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var session: SessionOptions

    func validate() throws {
        let states = ["sending", "placed", "refused", "failed", "unknown"]
        for state in [state].compactMap({ $0 }) + (words.first == "show" ? [] : words.prefix(1)) where !states.contains(state.lowercased()) {
            throw ValidationError("no state '\(state)'; use one of \(states.joined(separator: ", "))")
        }
        if words.first == "show" && (words.count != 2 || Int(words[1]) == nil) {
            throw ValidationError("say 'orders show N' with an entry number")
        }
    }

    func run() throws {
        let session = try session.makeSession()
        var args = words
        if let state { args.insert(state, at: 0) }
        if !session.evaluate("orders \(args.joined(separator: " "))\(json ? " --json" : "")", name: "<command line>") {
            throw ExitCode(.dataError)
        }
    }
}

struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Resolve sends of unknown outcome by looking up their alternative order id."
    )

    @OptionGroup var session: SessionOptions

    func run() throws {
        let session = try session.makeSession()
        defer { session.close() }
        if !session.evaluate("reconcile", name: "<command line>") {
            throw ExitCode(session.worstStatus == .success ? .dataError : session.worstStatus)
        }
    }
}
