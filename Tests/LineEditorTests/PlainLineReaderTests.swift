import Foundation
import Testing
@testable import LineEditor

@Suite("Plain reading of piped input")
struct PlainLineReaderTests {
    /// Reads everything from a pipe that `writer` fills (from another thread, then closes).
    private func readAll(_ writer: @escaping @Sendable (Int32) -> Void) throws -> [LineEditorReadResult] {
        var descriptors: [Int32] = [0, 0]
        try #require(pipe(&descriptors) == 0)
        let (readEnd, writeEnd) = (descriptors[0], descriptors[1])
        defer { close(readEnd) }
        let writing = Thread {
            writer(writeEnd)
            close(writeEnd)
        }
        writing.start()
        let reader = PlainLineReader(fileDescriptor: readEnd)
        var results: [LineEditorReadResult] = []
        while true {
            let result = reader.readLine(prompt: "ignored> ")
            results.append(result)
            if result == .endOfInput { break }
        }
        // Reading again at the end keeps saying so.
        results.append(reader.readLine(prompt: ""))
        return results
    }

    private static func write(_ bytes: [UInt8], to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { return }
            offset += written
        }
    }

    private static func write(_ text: String, to descriptor: Int32) {
        write(Array(text.utf8), to: descriptor)
    }

    @Test("lines without their newlines, then the end")
    func lines() throws {
        let results = try readAll { Self.write("set validity 1\n\nsend\n", to: $0) }
        #expect(results == [.line("set validity 1"), .line(""), .line("send"), .endOfInput, .endOfInput])
    }

    @Test("a last line without a newline is still a line")
    func lastLineWithoutNewline() throws {
        let results = try readAll { Self.write("first\nlast", to: $0) }
        #expect(results == [.line("first"), .line("last"), .endOfInput, .endOfInput])
    }

    @Test("a carriage return before the newline is dropped; others are kept")
    func carriageReturns() throws {
        let results = try readAll { Self.write("dos\r\nin\rside\n\r\n", to: $0) }
        #expect(results == [.line("dos"), .line("in\rside"), .line(""), .endOfInput, .endOfInput])
    }

    @Test("empty input is the end at once")
    func empty() throws {
        #expect(try readAll { _ in } == [.endOfInput, .endOfInput])
    }

    @Test("lines and UTF-8 characters split across reads are put back together")
    func splitAcrossReads() throws {
        let results = try readAll { descriptor in
            Self.write("hel", to: descriptor)
            Thread.sleep(forTimeInterval: 0.05)
            Self.write([UInt8(ascii: "l"), UInt8(ascii: "o"), 0x0A, 0xC3], to: descriptor)  // "é" is C3 A9
            Thread.sleep(forTimeInterval: 0.05)
            Self.write([0xA9, UInt8(ascii: "t"), 0xC3], to: descriptor)
            Thread.sleep(forTimeInterval: 0.05)
            Self.write([0xA9, 0x0A], to: descriptor)
        }
        #expect(results == [.line("hello"), .line("\u{E9}t\u{E9}"), .endOfInput, .endOfInput])
    }

    @Test("bytes that are not UTF-8 read as U+FFFD")
    func invalidUTF8() throws {
        let results = try readAll { Self.write([0x61, 0xFF, 0x62, 0x0A], to: $0) }
        #expect(results == [.line("a\u{FFFD}b"), .endOfInput, .endOfInput])
    }

    @Test("a large input, in lines longer than a read, comes back whole")
    func large() throws {
        let longLine = String(repeating: "0123456789", count: 10_000)  // 100 kB, more than one read
        let lines = (0..<20_000).map { "line \($0)" } + [longLine, "after"]
        let results = try readAll { Self.write(lines.joined(separator: "\n") + "\n", to: $0) }
        #expect(results.count == lines.count + 2)
        #expect(Array(results.prefix(lines.count)) == lines.map { .line($0) })
    }

    @Test("history is kept in memory like the editor's")
    func history() {
        let reader = PlainLineReader(fileDescriptor: -1)
        reader.addHistory("a")
        reader.addHistory("a")
        reader.addHistory("b\nc")
        #expect(reader.historyEntries == ["a", "b\nc"])
    }

    @Test("a descriptor that cannot be read is the end of input")
    func unreadable() {
        #expect(PlainLineReader(fileDescriptor: -1).readLine(prompt: "") == .endOfInput)
    }
}
