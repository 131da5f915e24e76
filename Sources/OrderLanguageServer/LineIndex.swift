/// Converts between the byte offsets the order language's ranges carry and the protocol's
/// positions (zero-based line, UTF-16 code units into it). Lines end at LF, CRLF or a lone CR,
/// as both the scanner and the protocol read them.
package struct LineIndex: Sendable {
    private let bytes: [UInt8]
    /// The byte offset at which each line starts.
    private let lineStarts: [Int]

    package init(_ text: String) {
        let bytes = Array(text.utf8)
        var starts = [0]
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A {
                starts.append(i + 1)
            } else if bytes[i] == 0x0D {
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        self.bytes = bytes
        self.lineStarts = starts
    }

    package var lineCount: Int { lineStarts.count }

    /// The position of a byte offset.
    package func position(ofOffset offset: Int) -> LSP.Position {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let start = lineStarts[low]
        let character = String(decoding: bytes[start..<clamped], as: UTF8.self).utf16.count
        return LSP.Position(line: low, character: character)
    }

    /// The byte offset of a position; a character past the line's end is its end, a line past
    /// the last is the end of the text (as the protocol asks).
    package func offset(of position: LSP.Position) -> Int {
        guard position.line >= 0 else { return 0 }
        guard position.line < lineStarts.count else { return bytes.count }
        let start = lineStarts[position.line]
        var end = position.line + 1 < lineStarts.count ? lineStarts[position.line + 1] : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        let line = String(decoding: bytes[start..<end], as: UTF8.self)
        var units = 0
        var offset = start
        for scalar in line.unicodeScalars {
            if units >= position.character { break }
            units += scalar.utf16.count
            offset += scalar.utf8.count
        }
        return offset
    }

    /// The range of a span of byte offsets.
    package func range(_ start: Int, _ end: Int) -> LSP.Range {
        LSP.Range(start: position(ofOffset: start), end: position(ofOffset: end))
    }

    /// The range of the whole text.
    package var wholeRange: LSP.Range { range(0, bytes.count) }
}

extension LineIndex {
    /// The length of a line in UTF-16 code units, without its line break.
    package func lineLength(_ line: Int) -> Int {
        guard line >= 0, line < lineCount else { return 0 }
        return position(ofOffset: offset(of: LSP.Position(line: line, character: Int.max))).character
    }
}
