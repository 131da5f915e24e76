/// One token of the order language, with the span of source it came from.
package struct Token: Hashable, Sendable {
    package enum Kind: String, Hashable, Sendable {
        /// A bare word: `Richmond`, `sha256`, `dev@example.com`, `recipes/acme.order`, a URL.
        case word
        /// `-?[0-9]+`, its text kept (`02134`).
        case number
        /// `YYYY-MM-DD`.
        case date
        /// `"..."`, its ``Token/parts`` decoded.
        case string
        /// `"""` ... `"""`, its ``Token/parts`` decoded and de-indented.
        case blockString
        /// `@path` (``Token/text``) or `@"path"` (``Token/parts``): a file's content.
        case fileReference
        /// `$name` or `$name.column` (``Token/text`` and ``Token/column``).
        case variable
        /// `--name` (``Token/text`` without the dashes).
        case flag
        case lessThan, greaterThan, leftParen, rightParen, leftBracket, rightBracket
        case comma, colon, equals, semicolon, newline
        /// Something that could not be scanned; the scanner has reported it.
        case error
        /// The end of the source.
        case end
    }

    package var kind: Kind
    package var range: SourceRange
    /// The word, number or date text; a variable's name; a flag's name; a bare file path.
    package var text: String
    /// A variable's column: `name` of `$dev.name`.
    package var column: String?
    /// The decoded parts of a string or a quoted file path.
    package var parts: [StringPart]

    package init(_ kind: Kind, _ range: SourceRange, text: String = "", column: String? = nil, parts: [StringPart] = []) {
        self.kind = kind
        self.range = range
        self.text = text
        self.column = column
        self.parts = parts
    }

    /// Whether the token ends a statement (newline, `;`, end of source).
    var endsStatement: Bool { kind == .newline || kind == .semicolon || kind == .end }

    /// How a message names the token: `'sha256'`, `'<'`, `end of line`.
    var quoted: String {
        switch kind {
        case .newline: return "end of line"
        case .end: return "end of input"
        case .string, .blockString: return "a string"
        case .error: return "an invalid token"
        default:
            let raw = range.text
            return "'\(raw.count > 30 ? String(raw.prefix(30)) + "…" : raw)'"
        }
    }
}

/// A piece of a string literal: text, or a `${name}` / `${name.column}` interpolation.
package enum StringPart: Hashable, Sendable {
    case text(String)
    case interpolation(name: String, column: String?, range: SourceRange)
}

/// A `#` comment, kept for `fmt`.
package struct Comment: Hashable, Sendable {
    /// The comment with its `#`, without the line break.
    package var text: String
    package var range: SourceRange
    /// Whether code precedes it on its line.
    package var isTrailing: Bool
    /// The end offset of the last token (other than a line break or `;`) before it.
    package var previousTokenEnd: Int?
}
