/// Prints diagnostics in the compiler format:
///
/// ```
/// orders/ev.order:7:14: error: validity_years must be 1, 2 or 3; got 4
///     validity 4
///              ^
/// ```
///
/// The source line follows the location line as written (tabs kept), and the caret line marks
/// the range on it with one `^` per character (to the end of the line for a range spanning
/// lines). Notes follow as `note: ...` lines, with their own location, source line and caret
/// when they have a place (the recipe's use, the CSV row, the include). ANSI colour only when asked for: the caller decides
/// (see ``shouldUseColour(isTerminal:environment:)``).
public struct DiagnosticRenderer: Sendable {
    /// Whether to colour the output with ANSI escapes.
    public var colour: Bool

    public init(colour: Bool = false) {
        self.colour = colour
    }

    /// The one colour rule of CertOrder (the shell's ``Console`` asks it too): colour only on a
    /// terminal, never when `NO_COLOR` is set to anything but the empty string, or `TERM` is
    /// `dumb`. An empty `NO_COLOR` counts as unset, as <https://no-color.org> says: "when present
    /// and not an empty string (regardless of its value)".
    public static func shouldUseColour(isTerminal: Bool, environment: [String: String]) -> Bool {
        guard isTerminal else { return false }
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    private enum Style: String {
        case bold = "\u{1B}[1m"
        case red = "\u{1B}[1;31m"
        case magenta = "\u{1B}[1;35m"
        case green = "\u{1B}[1;32m"
        case cyan = "\u{1B}[1;36m"
        case reset = "\u{1B}[0m"
    }

    private func paint(_ text: String, _ style: Style) -> String {
        colour ? style.rawValue + text + Style.reset.rawValue : text
    }

    /// One diagnostic: the location line, and for a diagnostic with a place, the source line and
    /// the caret line; then its notes, each drawn the same way when it has a place of its own.
    /// Lines end with `\n`.
    public func render(_ diagnostic: LanguageDiagnostic) -> String {
        let label = diagnostic.severity == .error ? paint("error:", .red) : paint("warning:", .magenta)
        var out = located(label + " " + paint(diagnostic.message, .bold), at: diagnostic.range)
        for note in diagnostic.notes {
            out += located(paint("note:", .cyan) + " " + note.message, at: note.range)
        }
        return out
    }

    /// `labelled` after the location, then the echoed source line and its carets; `labelled`
    /// alone when there is no place.
    private func located(_ labelled: String, at range: SourceRange?) -> String {
        guard let range else { return labelled + "\n" }
        let location = range.location
        var out = paint("\(range.source.name):\(location.line):\(location.column):", .bold) + " " + labelled + "\n"
        let echo = Self.echo(range.source, at: location)
        out += echo.text + "\n"
        out += caretLine(line: echo.text, column: echo.column, shift: location.column - echo.column,
                         range: range, lineNumber: location.line) + "\n"
        return out
    }

    /// Several diagnostics, one after the other.
    public func render(_ diagnostics: [LanguageDiagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    /// `1 error and 2 warnings generated.`-style summary; empty when there is nothing.
    public static func summary(_ diagnostics: [LanguageDiagnostic]) -> String {
        let errors = diagnostics.errors.count, warnings = diagnostics.warnings.count
        var parts: [String] = []
        if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        return parts.joined(separator: " and ")
    }

    /// Characters echoed at most on either side of the caret: a minified or hostile one-line
    /// script is not printed whole for each of its diagnostics.
    static let echoRadius = 100

    /// The part of the diagnostic's line to echo (with `…` where it is cut) and the caret's
    /// column in it. Reads only the bytes near the caret, so a 9 MB line costs no more than a
    /// short one.
    static func echo(_ source: Source, at location: SourceLocation) -> (text: String, column: Int) {
        let index = location.line - source.firstLine
        guard index >= 0, index < source.lineStarts.count else { return ("", location.column) }
        let bytes = source.bytes
        let lineStart = source.lineStarts[index]
        var lineEnd = index + 1 < source.lineStarts.count ? source.lineStarts[index + 1] : bytes.count
        if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0A { lineEnd -= 1 }
        if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        if lineEnd - lineStart <= 2 * echoRadius { return (source.lineText(location.line), location.column) }
        let offset = max(lineStart, min(location.offset, lineEnd))
        // Up to 4 bytes a character; start and end on character boundaries (not continuation bytes).
        var from = max(lineStart, offset - 4 * echoRadius)
        while from < offset, bytes[from] & 0xC0 == 0x80 { from += 1 }
        var to = min(lineEnd, offset + 4 * echoRadius)
        while to > offset, to < lineEnd, bytes[to] & 0xC0 == 0x80 { to -= 1 }
        let before = String(decoding: bytes[from..<offset], as: UTF8.self)
        let after = String(decoding: bytes[offset..<to], as: UTF8.self)
        let shownBefore = before.suffix(echoRadius), shownAfter = after.prefix(echoRadius)
        let cutBefore = from > lineStart || shownBefore.count < before.count
        let cutAfter = to < lineEnd || shownAfter.count < after.count
        let text = (cutBefore ? "…" : "") + shownBefore + shownAfter + (cutAfter ? "…" : "")
        return (text, (cutBefore ? 1 : 0) + shownBefore.count + 1)
    }

    /// The carets under `line` (the echoed part of the diagnostic's line), starting at `column`
    /// in it; `shift` is how many characters of the real line are cut before it.
    private func caretLine(line: String, column: Int, shift: Int, range: SourceRange, lineNumber: Int) -> String {
        let characters = Array(line)
        var pad = ""
        for i in 0..<max(0, column - 1) {
            pad.append(i < characters.count && characters[i] == "\t" ? "\t" : " ")
        }
        let end = range.endLocation
        let width: Int
        if end.line == lineNumber {
            width = max(1, min(end.column - shift - column, characters.count - (column - 1)))
        } else {
            width = max(1, characters.count - (column - 1))
        }
        return pad + paint(String(repeating: "^", count: width), .green)
    }
}
