import ArgumentParser
import OrderShell

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Order info from the API; refreshes the journal.")
    @Argument(help: "The order id.") var orderID: Int
    @Flag(help: "Print the order as a JSON object (Docs/schemas/status.schema.json).") var json = false
    @OptionGroup var session: SessionOptions
    func run() async throws { try await session.perform(followUp: .orders([orderID])) { try await $0.status(orderID: orderID, json: json) } }
}

struct ApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve a pending request.")
    @Argument(help: "The request id.") var requestID: Int
    @OptionGroup var session: SessionOptions
    func run() async throws { try await session.perform(followUp: .request(requestID)) { try await $0.decide(requestID: requestID, .approved, comment: nil) } }
}

struct RejectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject a pending request.")
    @Argument(help: "The request id.") var requestID: Int
    @Argument(help: "Why.") var reason: String = ""
    @OptionGroup var session: SessionOptions
    func run() async throws { try await session.perform(followUp: .request(requestID)) { try await $0.decide(requestID: requestID, .rejected, comment: reason) } }
}

struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel an order that is still pending.")
    @Argument(help: "The order id.") var orderID: Int
    @Argument(help: "A note.") var note: String?
    @OptionGroup var session: SessionOptions
    func run() async throws { try await session.perform(followUp: .orders([orderID])) { try await $0.cancel(orderID: orderID, note: note) } }
}

struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account",
        abstract: "The account's organizations (orgs), containers or custom fields (fields)."
    )
    @Argument(help: "What to list.") var what: AccountListing
    @Flag(help: "Print a JSON array (Docs/schemas/account-WHAT.schema.json).") var json = false
    @OptionGroup var session: SessionOptions
    func run() async throws {
        try await session.perform { session in
            switch what {
            case .orgs: try await session.organizations(json: json)
            case .containers: try await session.containers(json: json)
            case .fields: try await session.fields(nil, json: json)
            }
        }
    }
}
