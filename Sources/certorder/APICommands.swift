import ArgumentParser
import OrderShell

/// Runs one shell command with the session's options; the CLI forms of the API commands.
private func runShellCommand(_ line: String, options: SessionOptions) throws {
    let session = try options.makeSession()
    defer { session.close() }
    if !session.evaluateEntry(line, name: "<command line>") {
        throw ExitCode(session.worstStatus == .success ? .dataError : session.worstStatus)
    }
}

/// Quotes an argument for the order language.
private func quoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        .replacingOccurrences(of: "$", with: "\\$") + "\""
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Order info from the API; refreshes the journal.")
    @ArgumentParser.Argument(help: "The order id.") var orderID: Int
    @OptionGroup var session: SessionOptions
    func run() throws { try runShellCommand("status \(orderID)", options: session) }
}

struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve a pending request.")
    @ArgumentParser.Argument(help: "The request id.") var requestID: Int
    @OptionGroup var session: SessionOptions
    func run() throws { try runShellCommand("approve \(requestID)", options: session) }
}

struct RejectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject a pending request.")
    @ArgumentParser.Argument(help: "The request id.") var requestID: Int
    @ArgumentParser.Argument(help: "Why.") var reason: String = ""
    @OptionGroup var session: SessionOptions
    func run() throws { try runShellCommand("reject \(requestID) \(quoted(reason))", options: session) }
}

struct CancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel an order that is still pending.")
    @ArgumentParser.Argument(help: "The order id.") var orderID: Int
    @ArgumentParser.Argument(help: "A note.") var note: String?
    @OptionGroup var session: SessionOptions
    func run() throws { try runShellCommand("cancel \(orderID)" + (note.map { " " + quoted($0) } ?? ""), options: session) }
}

struct AccountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account",
        abstract: "The account's organizations (orgs), containers or custom fields (fields)."
    )
    @ArgumentParser.Argument(help: "orgs, containers or fields.") var what: String
    @OptionGroup var session: SessionOptions
    func validate() throws {
        guard ["orgs", "containers", "fields"].contains(what) else { throw ValidationError("say orgs, containers or fields") }
    }
    func run() throws { try runShellCommand(what, options: session) }
}
