import ArgumentParser
import Foundation
import OrderLanguageServer

/// `certorder lsp`: the language server for editors, over stdin and stdout. It never sends an
/// order and never reads the API key.
struct LSPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the order language's language server (LSP 3.17) on stdin and stdout, for editors."
    )

    func run() async throws {
        // A client that goes away must end the server by end of input, not by a signal on write.
        signal(SIGPIPE, SIG_IGN)
        let status = await LanguageServer.serve(StdioTransport())
        if status != 0 { throw ExitCode(status) }
    }
}
