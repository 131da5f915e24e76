import Foundation
import Testing
@testable import OrderLanguage

/// The bounds of issue 13 (findings 7, 8, 11) at the language's own stages; the CLI's side is
/// in `Tests/CLITests/HostileInputTests.swift`.
@Suite("bounded input")
struct BoundedInputTests {
    @Test("finding 7: a 3,000-deep list is one located error, and 64 deep still parses")
    func finding7ListDepth() {
        let deep = Parser.parse(Source(name: "t", text: "let a = " + String(repeating: "[", count: 3000) + String(repeating: "]", count: 3000)))
        #expect(brief(deep.diagnostics) == ["error: 1:73 lists nest more than 64 deep; flatten the value"])
        let ok = Parser.parse(Source(name: "t", text: "let a = " + String(repeating: "[", count: 64) + "x" + String(repeating: "]", count: 64)))
        #expect(ok.diagnostics.isEmpty)
    }

    @Test("finding 8: parser errors: the first 100, then how many more")
    func finding8ParserErrorsAreCapped() {
        let result = Parser.parse(Source(name: "t", text: String(repeating: "\"x\"\n", count: 150)))
        #expect(result.diagnostics.count == 101)
        #expect(result.diagnostics.last?.message == "50 more errors not shown")
        #expect(result.diagnostics.last?.range == nil)
    }

    @Test("finding 8: the echo of a long line is a window around the caret, the caret under its character")
    func finding8EchoWindow() {
        let line = String(repeating: "é", count: 5000) + "'" + String(repeating: "ü", count: 5000)
        let source = Source(name: "t", text: line + "\n")
        let offset = 5000 * 2
        let text = DiagnosticRenderer().render(.error("bad", at: SourceRange(source: source, start: offset, end: offset + 1)))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == "t:1:5001: error: bad")
        let echo = Array(lines[1])
        #expect(echo.count == 1 + 100 + 100 + 1)
        let ends: [Character] = [echo[0], echo[echo.count - 1]]
        #expect(ends == ["…", "…"])
        #expect(lines[2] == String(repeating: " ", count: 101) + "^")
        let marked: Character = echo[101]
        #expect(marked == "'")
        // A short line is echoed whole, as before.
        let short = Source(name: "t", text: "city 'x'\n")
        #expect(DiagnosticRenderer().render(.error("bad", at: SourceRange(source: short, start: 5, end: 8)))
                == "t:1:6: error: bad\ncity 'x'\n     ^^^\n")
    }

    @Test("finding 11: LF, CRLF and a lone CR each end a line; line:column stay right")
    func finding11LineEnds() {
        let source = Source(name: "t", text: "a\rbb\r\nccc\nd\r")
        #expect((1...4).map(source.lineText) == ["a", "bb", "ccc", "d"])
        #expect(source.location(ofOffset: 2) == SourceLocation(line: 2, column: 1, offset: 2))
        #expect(source.location(ofOffset: 6).description == "3:1")
        #expect(source.location(ofOffset: 11).description == "4:2")
        let scan = ScriptScanner.scan(Source(name: "t", text: "# comment\rlet a = 1\rlet b = \"x\r"))
        #expect(scan.comments.map(\.text) == ["# comment"])
        #expect(brief(scan.diagnostics) == ["error: 3:9 unterminated string; close it with \" on the same line, or use \"\"\" for several lines"])
    }

    @Test("finding 11: a block string with CR line ends has LF lines")
    func finding11BlockStringWithCR() async {
        let result = await evaluate("let a = \"\"\"\r  one\r  two\r  \"\"\"\rorder cs < comments $a >\r")
        #expect(brief(result.diagnostics).filter { $0.hasPrefix("error") } == [])
        #expect(result.orders.first.map(compact)?.contains(#""comments":"one\ntwo""#) == true)
    }
}
