import Foundation
import LineEditor
import OrderLanguage
import Testing
@testable import OrderShell

/// Issue 13, finding 9: the shell reads an entry in time linear in its length. Each line is
/// scanned once as it arrives; before, every line re-scanned the whole entry so far (a piped
/// 5,000-line block took 88.6 s). Measured by counting the bytes the scanner reads, not by time.
@Suite("Shell input")
struct ShellInputTests {
    @Test("finding 9: a piped 5,000-line entry is scanned a bounded number of times, not once per line")
    func finding9PipedBlockIsLinear() async {
        let (session, console) = ShellEntryTests.session()
        var lines = ["let names = ["]
        lines += (1...4_998).map { "  \"name\($0)\"," }
        lines.append("]")
        let reader = ShellEntryTests.ScriptedReader(lines.map { .line($0) } + [.line("let count = 1")])
        let shell = OrderShell(session: session, reader: reader, historyPath: nil)
        let meter = ScanMeter()
        let status = await ScriptScanner.$meter.withValue(meter) { await shell.run() }
        #expect(status == .success, "\(console.output)")
        let input = lines.joined(separator: "\n").utf8.count
        // Completeness scans each line once, the history's key check and the evaluation scan the
        // entry once each: a few times the input. Re-scanning per line would be ~2,500 times it.
        #expect(meter.bytes < 6 * input, "scanned \(meter.bytes) bytes for \(input) bytes of input")
        #expect(reader.history.count == 2)
    }

    @Test("line by line, an entry is complete exactly when its joined text is", arguments: [
        ["order ev <", "  validity 1", ">"],
        ["order ev < certificate <", "  hash sha256 >", ">"],
        ["use ev_token(\"Erin\",", "  city: Richmond)"],
        ["for dev in [a,", "b] < comments $dev >"],
        ["comments \"a < b ( c [ d\"", "validity 1"],
        ["csr \"\"\"", "-----BEGIN CERTIFICATE REQUEST-----", "<(((", "\"\"\""],
        ["order ev <", "  csr \"\"\"", "  <<<", "  \"\"\"", "  comments \"\"\"", "  x", "  \"\"\"", ">"],
        ["comments \"\"\"", "a", "\"\"\" ; csr \"\"\"", "b", "\"\"\""],
        ["comments \"\"\"", "a \\\"\"\" still open", "\"\"\""],
        ["order ev < validity 1 > >", "x"],
        ["validity 1 # a comment with < and (", ">"],
    ])
    func entryLinesAgreeWithIsComplete(_ lines: [String]) {
        var entry = EntryLines()
        for (index, line) in lines.enumerated() {
            entry.append(line)
            let text = lines[...index].joined(separator: "\n")
            #expect(entry.isComplete == Interpreter.isComplete(text), "after line \(index + 1) of \(lines)")
            #expect(entry.text == text)
        }
        entry.removeAll()
        #expect(entry.isEmpty && entry.isComplete)
    }
}
