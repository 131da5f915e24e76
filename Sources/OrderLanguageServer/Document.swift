import Foundation
import OrderLanguage

/// An open document: its text as the editor has it, and what the server derives from the text
/// (positions, the syntax tree, the tokens, the names), rebuilt on every change. Compiling (for
/// diagnostics) is the server's, as it is async and reads included files.
package struct Document: Sendable {
    package var uri: String
    package var version: Int?
    package var text: String
    package let lines: LineIndex
    /// The text as the language reads it, named by its path (so notes and included files'
    /// diagnostics say where they are) and placed at its file (so `include`, `@file` and `csv`
    /// resolve beside it).
    package let source: Source
    package let parsed: Parser.Result
    package let scan: ScriptScanner.Result
    package let symbols: SymbolIndex

    package init(uri: String, version: Int?, text: String) {
        self.uri = uri
        self.version = version
        self.text = text
        self.lines = LineIndex(text)
        let url = Self.fileURL(of: uri)
        self.source = Source(name: url?.path ?? uri, text: text, url: url)
        self.parsed = Parser.parse(source)
        self.scan = ScriptScanner.scan(source)
        self.symbols = SymbolIndex(statements: parsed.statements, source: source)
    }

    /// The file a `file:` URI names; `nil` for another scheme (`untitled:`).
    package static func fileURL(of uri: String) -> URL? {
        guard let url = URL(string: uri), url.isFileURL else { return nil }
        return url.standardizedFileURL
    }

    /// The `file:` URI of a path.
    package static func uri(ofPath path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.absoluteString
    }

    /// The text after applying an editor's changes, in order: a change without a range replaces
    /// everything, one with a range replaces that span (positions in UTF-16, as sent).
    package static func applying(_ changes: [LSP.ContentChange], to text: String) -> String {
        var text = text
        for change in changes {
            guard let range = change.range else {
                text = change.text
                continue
            }
            let lines = LineIndex(text)
            var bytes = Array(text.utf8)
            let start = lines.offset(of: range.start), end = max(start, lines.offset(of: range.end))
            bytes.replaceSubrange(start..<end, with: Array(change.text.utf8))
            text = String(decoding: bytes, as: UTF8.self)
        }
        return text
    }

    /// The LSP range of a source range in this document.
    package func range(_ range: SourceRange) -> LSP.Range { lines.range(range.start, range.end) }

    /// The location of a source range, in this document or in the file it comes from.
    package func location(_ range: SourceRange) -> LSP.Location {
        if range.source === source { return LSP.Location(uri: uri, range: self.range(range)) }
        let uri = range.source.url.map { $0.absoluteString } ?? range.source.name
        return LSP.Location(uri: uri, range: LineIndex(range.source.text).range(range.start, range.end))
    }

    /// The index of the token at `offset` (one that contains it, or ends at it when none starts
    /// there), skipping line breaks and the end.
    package func tokenIndex(at offset: Int) -> Int? {
        let tokens = scan.tokens
        var low = 0, high = tokens.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if tokens[mid].range.start <= offset { low = mid } else { high = mid - 1 }
        }
        for i in [low, low - 1] where i >= 0 && i < tokens.count {
            let t = tokens[i]
            guard t.kind != .newline, t.kind != .end, t.kind != .semicolon else { continue }
            if t.range.start <= offset && offset <= t.range.end { return i }
        }
        return nil
    }

    /// The index of the first token of the statement holding token `index`: the token after the
    /// last line break, `;`, `<` or `>` before it (or the first).
    package func statementStart(ofToken index: Int) -> Int {
        var i = index
        while i > 0 {
            switch scan.tokens[i - 1].kind {
            case .newline, .semicolon, .lessThan, .greaterThan: return i
            default: i -= 1
            }
        }
        return 0
    }
}
