/// Open `<`, `(` and `[` minus their closers: whether an entry is complete or needs more lines
/// (the shell's continuation prompt, ``Interpreter/isComplete(_:)``, ``EntryLines``). An input
/// with too many closers is closed: it is an error to report, not more to read.
///
/// The `>` of a command's `> FILE` (``OutputRedirection``) closes nothing: like the parser, a `>`
/// after a command's words with a value after it (or `>>` and a value) is a redirection.
struct BracketDepth {
    var angle = 0, paren = 0, bracket = 0
    /// Whether the next token starts a statement.
    private var atStatementStart = true
    /// Whether the current statement is a command (its first word names one).
    private var inCommand = false

    var isClosed: Bool { angle <= 0 && paren <= 0 && bracket <= 0 }

    /// Counts `tokens`, a stretch of a scan (state carries over from the stretch before).
    mutating func count(_ tokens: ArraySlice<Token>) {
        var i = tokens.startIndex
        while i < tokens.endIndex {
            let token = tokens[i]
            if token.kind == .greaterThan, inCommand, let length = Self.redirectionLength(tokens, at: i) {
                i += length
                inCommand = false
                continue
            }
            count(token.kind)
            switch token.kind {
            case .newline, .semicolon, .lessThan, .greaterThan, .end:  // a scan ends at a line's end
                atStatementStart = true
                inCommand = false
            case .word where atStatementStart:
                atStatementStart = false
                inCommand = CommandName(rawValue: asciiLowercased(token.text)) != nil
            default:
                atStatementStart = false
            }
            i += 1
        }
    }

    /// The tokens of `> VALUE` or `>> VALUE` at `i` (2 or 3), or `nil` when no value follows.
    private static func redirectionLength(_ tokens: ArraySlice<Token>, at i: Int) -> Int? {
        var next = i + 1
        if next < tokens.endIndex, tokens[next].kind == .greaterThan, tokens[next].range.start == tokens[i].range.end { next += 1 }
        guard next < tokens.endIndex else { return nil }
        switch tokens[next].kind {
        case .word, .number, .date, .string, .blockString, .fileReference, .variable: return next - i + 1
        default: return nil
        }
    }

    private mutating func count(_ kind: Token.Kind) {
        switch kind {
        case .lessThan: angle += 1
        case .greaterThan: angle -= 1
        case .leftParen: paren += 1
        case .rightParen: paren -= 1
        case .leftBracket: bracket += 1
        case .rightBracket: bracket -= 1
        default: break
        }
    }
}
