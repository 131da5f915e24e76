import Foundation
import Testing

/// `certorder lsp` spoken to by clients nobody here wrote, as a separate process: pygls's
/// `LanguageClient` drives `Tests/Editors/lsp_client_test.py` (initialize, a diagnostic at its
/// range, a change fixing it, completion, hover, definition, formatting, shutdown and exit with
/// status 0), and textmate-grammar-python tokenizes the examples with the grammar in
/// `Tests/Editors/grammar_test.py`. Both come from PyPI; `scripts/test` installs them.
@Suite("Language server: third-party clients")
struct LanguageServerClientTests {
    static func pythonHas(_ module: String) -> Bool {
        if CLIPackage.requiresEveryTool { return true }
        guard let python = CLIPackage.which("python3") else { return false }
        return (try? Subprocess.run(python, ["-c", "import \(module)"], environment: ProcessInfo.processInfo.environment).status) == 0
    }

    @Test("pygls's LanguageClient: every check of lsp_client_test.py passes",
          .enabled(if: pythonHas("pygls"), "needs python3 with pygls (pip install pygls)"))
    func pyglsClient() async throws {
        let world = try CLIWorld()
        let script = CLIPackage.root.appendingPathComponent("Tests/Editors/lsp_client_test.py").path
        let result = try await world.run("python3", [script, try CLIPackage.certorder(), world.path], timeout: .seconds(120))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasSuffix("12 passed, 0 failed\n"), "\(result)")
    }

    @Test("textmate-grammar-python: the examples' keywords, strings, numbers, variables and comments have their scopes",
          .enabled(if: pythonHas("textmate_grammar"), "needs python3 with textmate-grammar-python"))
    func grammar() async throws {
        let world = try CLIWorld()
        let script = CLIPackage.root.appendingPathComponent("Tests/Editors/grammar_test.py").path
        let grammar = CLIPackage.root.appendingPathComponent("Editors/certorder.tmLanguage.json").path
        let examples = CLIPackage.root.appendingPathComponent("Examples").path
        let result = try await world.run("python3", [script, grammar, examples], timeout: .seconds(120))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasSuffix("36 passed, 0 failed\n"), "\(result)")
    }
}
