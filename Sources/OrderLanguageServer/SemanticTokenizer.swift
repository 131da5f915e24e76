import CertOrder
import OrderLanguage

/// `semanticTokens/full`: the scanner's tokens and comments, classified: declaration keywords,
/// field statements, commands, strings (bare words given as values are strings too, as the
/// language reads them), numbers and dates, variables, comments and the block brackets.
package struct SemanticTokenizer {
    /// The legend announced in `initialize`; a token's type is its index here.
    package static let tokenTypes = ["keyword", "property", "function", "string", "number", "variable", "comment", "operator", "parameter"]

    private enum TokenType: Int {
        case keyword, property, function, string, number, variable, comment, `operator`, parameter
    }

    package let document: Document

    package init(document: Document) {
        self.document = document
    }

    /// The protocol's relative encoding: per token, the line delta, the start delta (from the
    /// previous token's start on the same line), the length, the type and the modifiers (none),
    /// all in UTF-16. A token spanning lines (a `"""` string) is given once per line.
    package func encode() -> [Int] {
        var spans: [(start: Int, end: Int, type: TokenType)] = []
        let tokens = document.scan.tokens
        for (i, token) in tokens.enumerated() {
            let type: TokenType?
            switch token.kind {
            case .word:
                type = wordType(token, index: i)
            case .number, .date: type = .number
            case .string, .blockString, .fileReference: type = .string
            case .variable: type = .variable
            case .flag: type = .parameter
            case .lessThan, .greaterThan, .equals: type = .operator
            default: type = nil
            }
            if let type { spans.append((token.range.start, token.range.end, type)) }
        }
        for comment in document.scan.comments { spans.append((comment.range.start, comment.range.end, .comment)) }
        spans.sort { $0.start < $1.start }

        var data: [Int] = []
        var lastLine = 0, lastCharacter = 0
        for span in spans {
            let start = document.lines.position(ofOffset: span.start), end = document.lines.position(ofOffset: span.end)
            for line in start.line...end.line {
                let from = line == start.line ? start.character : 0
                let to = line == end.line ? end.character : document.lines.lineLength(line)
                guard to > from else { continue }
                data += [line - lastLine, line == lastLine ? from - lastCharacter : from, to - from, span.type.rawValue, 0]
                lastLine = line
                lastCharacter = from
            }
        }
        return data
    }

    private func wordType(_ token: Token, index: Int) -> TokenType {
        let start = document.statementStart(ofToken: index)
        let word = token.text.lowercased()
        if start == index {
            if Vocabulary.declarations.contains(word) { return .keyword }
            if CommandName(rawValue: word) != nil { return .function }
            return .property
        }
        let keyword = document.scan.tokens[start].text.lowercased()
        if (keyword == "for" && (word == "in" || word == "csv")) || (keyword == "validity" && ["years", "days", "until"].contains(word)) {
            return .keyword
        }
        if ["use", "recipe"].contains(keyword), index == start + 1 { return .function }
        if ["let", "for"].contains(keyword), index == start + 1 { return .variable }
        return .string
    }
}
