/// Open `<`, `(` and `[` minus their closers: whether an entry is complete or needs more lines
/// (the shell's continuation prompt, ``Interpreter/isComplete(_:)``, ``EntryLines``). An input
/// with too many closers is closed: it is an error to report, not more to read.
struct BracketDepth {
    var angle = 0, paren = 0, bracket = 0

    var isClosed: Bool { angle <= 0 && paren <= 0 && bracket <= 0 }

    mutating func count(_ kind: Token.Kind) {
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
