import Testing
@testable import LineEditor

@Suite("Which reader a process gets")
struct ReaderChoiceTests {
    @Test("the editor only when both standard input and output are terminals", arguments: [
        (true, true, true),
        (true, false, false),
        (false, true, false),
        (false, false, false),
    ])
    func choice(input: Bool, output: Bool, editor: Bool) {
        #expect(LineEditor.usesEditor(inputIsTerminal: input, outputIsTerminal: output) == editor)
    }
}
