import Foundation
import LineEditor
import OrderLanguage
import Testing
@testable import OrderShell

/// Multi-line input: the shell keeps reading with the continuation prompt while an entry is
/// incomplete (`Interpreter.isComplete`), and runs a piped session entry by entry.
@Suite("Shell entries")
struct ShellEntryTests {
    @Test("complete entries", arguments: [
        "",
        "new ev",
        "order ev < validity 1 >",
        "order ev <\n  certificate < hash sha256 >\n>",
        "use ev_token(\"Erin\", city: Richmond)",
        "for dev in [a, b] < comments $dev >",
        "comments \"a < b ( c [ d\"",          // brackets in strings do not count
        "comments \"\"\"\nPEM\n\"\"\"",
        "validity 1 # a comment with < and (",   // nor in comments
        "order ev < validity 1 > >",             // too many closers: an error to report, not more to read
        "json)",
    ])
    func complete(_ text: String) {
        #expect(Interpreter.isComplete(text), "\(text.debugDescription)")
    }

    @Test("incomplete entries: a block, a parenthesis, a list or a triple-quoted string left open", arguments: [
        "order ev <",
        "order ev <\n  certificate <\n    hash sha256\n  >",
        "order ev < certificate < hash sha256 >",
        "use ev_token(\"Erin\",",
        "use ev_token(\n  \"Erin\"",
        "for dev in [a,",
        "csr \"\"\"",
        "csr \"\"\"\n-----BEGIN CERTIFICATE REQUEST-----",
        "recipe r(a) <\n  order ev < validity $a >",
    ])
    func incomplete(_ text: String) {
        #expect(!Interpreter.isComplete(text), "\(text.debugDescription)")
    }

    /// Lines read one by one, as a reader would return them.
    final class ScriptedReader: LineReading {
        var lines: [LineEditorReadResult]
        var prompts: [String] = []
        var history: [String] = []

        init(_ lines: [LineEditorReadResult]) { self.lines = lines }

        func readLine(prompt: String) -> LineEditorReadResult {
            prompts.append(prompt)
            return lines.isEmpty ? .endOfInput : lines.removeFirst()
        }

        func addHistory(_ entry: String) { history.append(entry) }
        var historyEntries: [String] { history }
        func loadHistory(path: String) throws -> Int { 0 }
        func saveHistory(path: String) throws {}
    }

    static func session() -> (OrderSession, Console) {
        let redactor = SecretRedactor()
        redactor.add("sk-secret-123456789")
        let keys = APIKeyStore(redactor: redactor, environment: [:])
        let console = Console(capturing: redactor)
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("entries-\(UUID().uuidString).sqlite").path
        return (OrderSession(console: console, keys: keys, connection: Connection(keys: keys, sandboxStateFile: nil), journalPath: journal), console)
    }

    @Test("an entry over several lines is one history entry; prompts follow the entry")
    func multiLineEntry() async {
        let (session, _) = Self.session()
        let reader = ScriptedReader([.line("order ev <"), .line("  validity 1"), .line(">"), .line("organization 5")])
        let shell = OrderShell(session: session, reader: reader, historyPath: nil)
        #expect(await shell.run() == .success)
        #expect(reader.history == ["order ev <\n  validity 1\n>", "organization 5"])
        #expect(reader.prompts == [
            "certorder [no draft · sandbox]> ",
            "      ...> ",
            "      ...> ",
            "certorder [ev · 2 errors · sandbox]> ",
            "certorder [ev · 1 error · sandbox]> ",
        ])
        #expect(session.interpreter.draft?.request.organization?.id == 5)
    }

    @Test("an interrupted line drops the whole entry being typed")
    func interruptDropsEntry() async {
        let (session, _) = Self.session()
        let reader = ScriptedReader([.line("order ev <"), .line("validity 1"), .interrupted, .line("new cs")])
        let shell = OrderShell(session: session, reader: reader, historyPath: nil)
        #expect(await shell.run() == .success)
        #expect(reader.history == ["new cs"])
        #expect(session.interpreter.draft?.product == .codeSigning)
        #expect(reader.prompts.suffix(2) == ["certorder [no draft · sandbox]> ", "certorder [cs · 3 errors · sandbox]> "])
    }

    @Test("a line holding a secret never reaches the history")
    func secretsStayOut() async {
        let (session, console) = Self.session()
        let reader = ScriptedReader([.line("new ev"), .line("comments \"sk-secret-123456789\""), .line("json")])
        let shell = OrderShell(session: session, reader: reader, historyPath: nil)
        _ = await shell.run()
        #expect(reader.history == ["new ev", "json"])
        #expect(!console.output.contains("sk-secret-123456789"))
    }

    @Test("a piped session stops at the first failed entry; with keepGoing it goes on, still failing")
    func stopOrKeepGoing() async {
        for keepGoing in [false, true] {
            let (session, console) = Self.session()
            let reader = ScriptedReader([.line("new ev"), .line("provisioning shipp"), .line("organization 5"), .line("json")])
            let shell = OrderShell(session: session, reader: reader, historyPath: nil)
            #expect(await shell.run(keepGoing: keepGoing) == .dataError)
            #expect(session.interpreter.draft?.request.organization?.id == (keepGoing ? 5 : nil))
            #expect(console.output.contains("\"id\": 5") == keepGoing)
        }
    }
}
