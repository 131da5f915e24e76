/// The lines of one shell entry, read one at a time, and whether they make a complete entry
/// yet: the same answer as ``Interpreter/isComplete(_:)`` on the joined text, found in time
/// linear in the input.
///
/// Each line is scanned once, on its own, and its `<`, `(` and `[` are counted into running
/// depths: tokens never span lines, except a `"""` string. While such a string is open, a line
/// is only searched for `"""`; a line that has one has the text from the string's opening quotes on
/// scanned again, to learn whether it closed (and whether another opened after it). So a pasted
/// 5,000-line block costs one scan of each line, not a scan of everything read so far per line
/// (issue 13, finding 9: 88.6 s before).
package struct EntryLines {
    /// The lines read so far.
    package private(set) var lines: [String] = []

    private var depth = BracketDepth()
    /// While a `"""` string is open: the line it opened on, the UTF-8 offset of its quotes in
    /// that line, and the depths before it.
    private var openString: (line: Int, column: Int, depthBefore: BracketDepth)?

    package init() {}

    /// Whether the lines make a complete entry: no `<` block, `(` argument list, `[` list or
    /// `"""` string left open.
    package var isComplete: Bool { openString == nil && depth.isClosed }

    /// Whether no line was read.
    package var isEmpty: Bool { lines.isEmpty }

    /// The entry's text: the lines joined with line feeds.
    package var text: String { lines.joined(separator: "\n") }

    /// Adds the next line (without its line end).
    package mutating func append(_ line: String) {
        lines.append(line)
        if let open = openString {
            // Inside the string nothing counts until a `"""` may have closed it.
            guard Self.containsTripleQuote(line) else { return }
            scan(from: open.line, column: open.column, depthBefore: open.depthBefore)
        } else {
            scan(from: lines.count - 1, depthBefore: depth)
        }
    }

    /// Forgets every line (Ctrl-C dropped the entry, or it was evaluated).
    package mutating func removeAll() {
        lines.removeAll(keepingCapacity: true)
        depth = BracketDepth()
        openString = nil
    }

    /// Scans the lines from `first` on (the first from its UTF-8 offset `column`), counting from
    /// `depthBefore`, and notes a `"""` string left open at their end.
    private mutating func scan(from first: Int, column: Int = 0, depthBefore: BracketDepth) {
        var text = String(decoding: lines[first].utf8.dropFirst(column), as: UTF8.self)
        for line in lines[(first + 1)...] {
            text += "\n"
            text += line
        }
        let result = ScriptScanner.scan(Source(name: "<input>", text: text))
        // An unterminated `"""` string is the scanner's last token before the end (an error
        // token from the opening quotes to the end of the text).
        let openAt = result.hasOpenBlockString ? result.tokens.last(where: { $0.kind == .error })?.range.start : nil
        var running = depthBefore
        let end = openAt.flatMap { at in result.tokens.firstIndex { $0.range.start >= at } } ?? result.tokens.endIndex
        running.count(result.tokens[..<end])
        depth = running
        openString = openAt.map { at in
            // The line the string opened on, and where on it: the rescan starts at its quotes.
            var line = first
            var lineStart = 0
            var offset = 0
            for byte in text.utf8.prefix(at) {
                offset += 1
                if byte == 0x0A {
                    line += 1
                    lineStart = offset
                }
            }
            return (line: line, column: (line == first ? column : 0) + at - lineStart, depthBefore: running)
        }
    }

    /// Whether `line` holds `"""` (possibly escaped: the rescan decides).
    private static func containsTripleQuote(_ line: String) -> Bool {
        var run = 0
        for byte in line.utf8 {
            run = byte == 0x22 ? run + 1 : 0
            if run == 3 { return true }
        }
        return false
    }
}
