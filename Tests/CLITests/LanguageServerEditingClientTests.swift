import Foundation
import Testing

/// `certorder lsp` while editing, spoken to by pygls's `LanguageClient` as a separate process
/// (`Tests/Editors/lsp_editing_test.py`): an included file's unsaved buffer is what its includers
/// read, and a change to it republishes them; file paths are completed after `csv`, `include` and
/// `@`; a burst of changes publishes only the last version's diagnostics.
@Suite("Language server: editing, with a third-party client")
struct LanguageServerEditingClientTests {
    @Test("pygls's LanguageClient: every check of lsp_editing_test.py passes",
          .enabled(if: LanguageServerClientTests.pythonHas("pygls"), "needs python3 with pygls (pip install pygls)"))
    func pyglsEditing() async throws {
        let world = try CLIWorld()
        let script = CLIPackage.root.appendingPathComponent("Tests/Editors/lsp_editing_test.py").path
        let result = try await world.run("python3", [script, try CLIPackage.certorder(), world.path], timeout: .seconds(300))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasSuffix("16 passed, 0 failed\n"), "\(result)")
    }
}
