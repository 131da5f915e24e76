import CertCentral
import Foundation
import OrderJournal

/// Follow-up commands (`status`, `approve`, `reject`, `cancel`, `wait`, `download`) go where
/// their order was sent: the journal knows the endpoint of every order it placed.
extension OrderSession {
    /// What a follow-up command is about.
    package enum FollowUp: Sendable {
        /// Orders by CertCentral's id (`status`, `cancel`, `wait`, `download`).
        case orders([Int])
        /// A request by its id (`approve`, `reject`).
        case request(Int)
    }

    /// The endpoint the journal recorded for `followUp`'s order or request; `nil` when the
    /// journal has none of them (or no journal exists).
    /// - Throws: when the entries name different endpoints (the same id on two endpoints, or
    ///   orders of several): the user must choose with `--endpoint` (status 64).
    package func recordedEndpoint(of followUp: FollowUp) async throws(ShellError) -> Connection.Target? {
        guard let journal = try await readingJournal() else { return nil }
        let entries: [JournalEntry]
        do {
            entries = try await journal.entries()
        } catch {
            throw ShellError("cannot read the journal \(journalPath): \(error)")
        }
        let what: String
        let matching: [JournalEntry]
        switch followUp {
        case .orders(let ids):
            matching = entries.filter { $0.orderID.map(ids.contains) ?? false }
            what = ids.count == 1 ? "order \(ids[0])" : "orders \(ids.map(String.init).joined(separator: ", "))"
        case .request(let id):
            matching = entries.filter { $0.requests.contains { $0.id == id } }
            what = "request \(id)"
        }
        var names: [String] = []
        for entry in matching where !names.contains(entry.endpoint) { names.append(entry.endpoint) }
        guard let name = names.first else { return nil }
        guard names.count == 1 else {
            throw ShellError("the journal has \(what) on \(names.joined(separator: " and ")): choose one with --endpoint", status: .usage)
        }
        guard let target = Connection.Target(name: name) else {
            throw ShellError("the journal's endpoint '\(name)' of \(what) cannot be read; give --endpoint", status: .usage)
        }
        return target
    }
}
