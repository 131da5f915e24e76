import Foundation
import Testing
@testable import OrderLanguageServer

/// The transport's pure parts: framing bytes that arrive in any chunks, converting positions
/// (UTF-16, every line ending) and applying an editor's changes.
@Suite("Language server transport")
struct TransportTests {
    @Test("bodies come out whole whatever the chunks; other headers are ignored")
    func framing() throws {
        let first = #"{"jsonrpc":"2.0","id":1,"method":"initialize"}"#, second = #"{"jsonrpc":"2.0","method":"exit"}"#
        let stream = Array(MessageFramer.frame(Data(first.utf8)))
            + Array("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: \(second.utf8.count)\r\n\r\n\(second)".utf8)
        for size in [1, 7, 64, stream.count] {
            var framer = MessageFramer()
            var bodies: [String] = []
            for start in stride(from: 0, to: stream.count, by: size) {
                bodies += try framer.feed(stream[start..<min(start + size, stream.count)]).map { String(decoding: $0, as: UTF8.self) }
            }
            #expect(bodies == [first, second], "chunks of \(size)")
        }
    }

    @Test("a frame without Content-Length, or with a bad one, is an error")
    func badFrames() {
        var missing = MessageFramer()
        #expect(throws: MessageFramer.FramingError(message: "a message without Content-Length")) { try missing.feed(Array("X: 1\r\n\r\n{}".utf8)) }
        var bad = MessageFramer()
        #expect(throws: MessageFramer.FramingError.self) { try bad.feed(Array("Content-Length: ten\r\n\r\n".utf8)) }
    }

    @Test("positions count UTF-16 code units; LF, CRLF and CR end lines")
    func positions() {
        let lines = LineIndex("a😀b\r\nc\rd\né")
        #expect(lines.position(ofOffset: 5) == LSP.Position(line: 0, character: 3))  // after the emoji: 1 + 2
        #expect(lines.offset(of: LSP.Position(line: 0, character: 3)) == 5)
        #expect(lines.position(ofOffset: 8) == LSP.Position(line: 1, character: 0))
        #expect(lines.position(ofOffset: 10) == LSP.Position(line: 2, character: 0))
        #expect(lines.offset(of: LSP.Position(line: 3, character: 1)) == 14)
        #expect(lines.offset(of: LSP.Position(line: 0, character: 99)) == 6)  // the line's end, before CRLF
        #expect(lines.offset(of: LSP.Position(line: 9, character: 0)) == 14)
        #expect(lines.lineLength(0) == 4)
    }

    @Test("changes apply in order: ranges in UTF-16, a change without a range replaces the text")
    func changes() {
        let range = { (l1: Int, c1: Int, l2: Int, c2: Int) in
            LSP.Range(start: .init(line: l1, character: c1), end: .init(line: l2, character: c2))
        }
        let text = Document.applying([
            .init(range: range(0, 3, 0, 4), text: "X"),
            .init(range: range(1, 0, 1, 0), text: "new\n"),
        ], to: "a😀b\nc\n")
        #expect(text == "a😀X\nnew\nc\n")
        #expect(Document.applying([.init(range: nil, text: "all")], to: text) == "all")
    }
}
