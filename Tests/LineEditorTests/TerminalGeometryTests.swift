import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import LineEditor

@Suite("Where the editor's text leaves the cursor")
struct TerminalGeometryTests {
    typealias Position = TerminalGeometry.Position
    let origin = Position(row: 0, column: 0)

    @Test("plain text moves along the row")
    func plain() {
        let afterPrompt = TerminalGeometry.position(after: "demo> ", from: origin, width: 80)
        #expect(afterPrompt == Position(row: 0, column: 6))
        #expect(TerminalGeometry.position(after: "set val", from: afterPrompt, width: 80) == Position(row: 0, column: 13))
    }

    @Test("a full row moves to the start of the next one")
    func wrap() {
        let start = Position(row: 0, column: 6)
        #expect(TerminalGeometry.position(after: String(repeating: "x", count: 73), from: start, width: 80)
            == Position(row: 0, column: 79))
        #expect(TerminalGeometry.position(after: String(repeating: "x", count: 74), from: start, width: 80)
            == Position(row: 1, column: 0))
        #expect(TerminalGeometry.position(after: String(repeating: "x", count: 200), from: start, width: 80)
            == Position(row: 2, column: 46))
    }

    @Test("a newline starts a new row")
    func newline() {
        let start = Position(row: 0, column: 6)
        #expect(TerminalGeometry.position(after: "order {\n  validity 2\n}", from: start, width: 80)
            == Position(row: 2, column: 1))
        #expect(TerminalGeometry.position(after: "a\n", from: start, width: 80) == Position(row: 1, column: 0))
    }

    @Test("tabs go to the next multiple of 8; control characters take two columns")
    func specialCharacters() {
        #expect(TerminalGeometry.position(after: "\t", from: Position(row: 0, column: 3), width: 80).column == 8)
        #expect(TerminalGeometry.position(after: "\t", from: Position(row: 0, column: 8), width: 80).column == 16)
        #expect(TerminalGeometry.position(after: "\u{1}", from: origin, width: 80).column == 2)
        #expect(TerminalGeometry.position(after: "\u{7F}", from: origin, width: 80).column == 2)
    }

    @Test("a combining mark takes no column")
    func combining() {
        #expect(TerminalGeometry.position(after: "e\u{301}", from: origin, width: 80).column == 1)
        #expect(TerminalGeometry.position(after: "é", from: origin, width: 80).column == 1)
    }

    @Test("a width of 0 counts as 1")
    func zeroWidth() {
        #expect(TerminalGeometry.position(after: "ab", from: origin, width: 0) == Position(row: 2, column: 0))
    }

    @Test("a descriptor that is not a terminal gives the fallback width")
    func fallbackWidth() throws {
        var descriptors: [Int32] = [0, 0]
        try #require(pipe(&descriptors) == 0)
        defer { close(descriptors[0]); close(descriptors[1]) }
        #expect(TerminalGeometry.columns(of: descriptors[1]) == 80)
    }
}
