import CertOrder

/// The first stage: turns a ``Source`` into ``Token``s, each with its range, plus the comments
/// (kept for `fmt`) and a diagnostic for every malformed token.
///
/// Reads UTF-8 bytes, so any input (even invalid UTF-8) scans without trapping: bytes of
/// non-ASCII characters count as letters. LF, CRLF and a lone CR all end a line.
///
/// Bounded: it stops at the error after ``maximumErrors`` errors ("too many errors") and at
/// ``maximumTokens`` tokens, so that a hostile input (megabytes of NUL bytes) costs neither
/// memory, time nor pages of output.
package struct ScriptScanner {
    /// Errors reported before the scanner stops: nothing after them is scanned.
    package static let maximumErrors = 100
    /// Tokens a single source may have: far above any real script (a 100,000-row batch reads
    /// its rows from a CSV file, not from tokens), and it bounds the memory of the token array.
    package static let maximumTokens = 1_000_000

    /// What a scan produced.
    package struct Result: Sendable {
        package var tokens: [Token]
        package var comments: [Comment]
        package var diagnostics: [LanguageDiagnostic]
        /// Whether a `"""` string is still open at the end (the shell then asks for more lines).
        package var hasOpenBlockString: Bool
    }

    private let source: Source
    private let bytes: [UInt8]
    private var i = 0
    private var tokens: [Token] = []
    private var comments: [Comment] = []
    private var diagnostics: [LanguageDiagnostic] = []
    private var lineHasToken = false
    private var previousTokenEnd: Int?
    private var openBlockString = false
    /// Set at the error after ``maximumErrors``: the scan ends there.
    private var gaveUp = false

    private init(_ source: Source) {
        self.source = source
        self.bytes = source.bytes
    }

    /// Counts the bytes scanned by the current task when set (tests only).
    @TaskLocal package static var meter: ScanMeter?

    /// Scans a whole source; the last token is always ``Token/Kind/end``.
    package static func scan(_ source: Source) -> Result {
        meter?.add(source.bytes.count)
        var scanner = ScriptScanner(source)
        scanner.run()
        return Result(tokens: scanner.tokens, comments: scanner.comments,
                      diagnostics: scanner.diagnostics, hasOpenBlockString: scanner.openBlockString)
    }

    // MARK: - Character classes

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
    }
    /// Letters, digits and `_ - . @ + /`: what a bare word is made of.
    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        isLetter(b) || isDigit(b) || b == 0x5F || b == 0x2D || b == 0x2E || b == 0x40 || b == 0x2B || b == 0x2F
    }
    /// What a bare word may start with: a letter, `_`, `.`, `+`, `/` or `~`.
    @inline(__always) static func isWordStart(_ b: UInt8) -> Bool {
        isLetter(b) || b == 0x5F || b == 0x2E || b == 0x2B || b == 0x2F || b == 0x7E
    }
    @inline(__always) static func isNameStart(_ b: UInt8) -> Bool { isLetter(b) || b == 0x5F }
    @inline(__always) static func isNameByte(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) || b == 0x5F }
    /// A CSV column name in `$row.column`: name bytes and `-`.
    @inline(__always) static func isColumnByte(_ b: UInt8) -> Bool { isNameByte(b) || b == 0x2D }
    /// What ends a bare file path or URL: white space and `; < > ( ) [ ] , " #`.
    @inline(__always) static func endsPath(_ b: UInt8) -> Bool {
        switch b {
        case 0x20, 0x09, 0x0A, 0x0D, 0x3B, 0x3C, 0x3E, 0x28, 0x29, 0x5B, 0x5D, 0x2C, 0x22, 0x23: return true
        default: return b < 0x20
        }
    }

    @inline(__always) private func peek(_ offset: Int = 0) -> UInt8? {
        let j = i + offset
        return j < bytes.count ? bytes[j] : nil
    }

    private func range(_ start: Int, _ end: Int) -> SourceRange { SourceRange(source: source, start: start, end: end) }
    private func text(_ start: Int, _ end: Int) -> String { String(decoding: bytes[start..<end], as: UTF8.self) }

    /// Whether the scanner has given up (too many errors or tokens).
    private var isSaturated: Bool { gaveUp || tokens.count >= Self.maximumTokens }

    private mutating func add(_ kind: Token.Kind, _ start: Int, text: String = "", column: String? = nil, parts: [StringPart] = []) {
        guard !isSaturated else { return }
        tokens.append(Token(kind, range(start, i), text: text, column: column, parts: parts))
        if kind != .newline {
            lineHasToken = true
            if kind != .semicolon { previousTokenEnd = i }
        } else {
            lineHasToken = false
        }
    }

    private mutating func error(_ message: LanguageMessage, _ start: Int, _ end: Int) {
        guard !gaveUp else { return }
        guard diagnostics.count < Self.maximumErrors else {
            gaveUp = true
            diagnostics.append(LanguageDiagnostic(.tooManyErrors(Self.maximumErrors), at: range(start, end)))
            return
        }
        diagnostics.append(LanguageDiagnostic(message, at: range(start, end)))
    }

    // MARK: - Scanning

    private mutating func run() {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        while i < bytes.count, !gaveUp {
            if tokens.count >= Self.maximumTokens {
                diagnostics.append(LanguageDiagnostic(.tooManyTokens(Self.maximumTokens), at: range(i, i + 1)))
                break
            }
            let start = i
            let b = bytes[i]
            switch b {
            case 0x20, 0x09, 0x0C, 0x0B:
                i += 1
            case 0x0A:
                i += 1
                add(.newline, start)
            case 0x0D: // CR and CRLF end a line too (old Mac files, Windows files)
                i += 1
                if peek() == 0x0A { i += 1 }
                add(.newline, start)
            case 0x23: // #
                while i < bytes.count, bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
                let end = i
                if !isSaturated { comments.append(Comment(text: text(start, end), range: range(start, end),
                                        isTrailing: lineHasToken, previousTokenEnd: previousTokenEnd)) }
            case 0x3C: i += 1; add(.lessThan, start)
            case 0x3E: i += 1; add(.greaterThan, start)
            case 0x28: i += 1; add(.leftParen, start)
            case 0x29: i += 1; add(.rightParen, start)
            case 0x5B: i += 1; add(.leftBracket, start)
            case 0x5D: i += 1; add(.rightBracket, start)
            case 0x2C: i += 1; add(.comma, start)
            case 0x3A: i += 1; add(.colon, start)
            case 0x3D: i += 1; add(.equals, start)
            case 0x3B: i += 1; add(.semicolon, start)
            case 0x22: // "
                if peek(1) == 0x22, peek(2) == 0x22 { blockString() } else { string() }
            case 0x40: // @
                fileReference()
            case 0x24: // $
                variable()
            case 0x2D: // -
                if let next = peek(1), Self.isDigit(next) {
                    i += 1
                    number(start)
                } else if peek(1) == 0x2D, let next = peek(2), Self.isLetter(next) {
                    i += 2
                    while i < bytes.count, Self.isColumnByte(bytes[i]) { i += 1 }
                    add(.flag, start, text: text(start + 2, i))
                } else {
                    i += 1
                    error(.unexpectedMinus, start, i)
                    add(.error, start)
                }
            default:
                if Self.isDigit(b) {
                    number(start)
                } else if Self.isWordStart(b) {
                    word(start)
                } else {
                    unexpected(start)
                }
            }
        }
        tokens.append(Token(.end, range(bytes.count, bytes.count)))
    }

    /// Whether `b` ends a line: LF, or CR (alone or before LF).
    @inline(__always) static func isLineEnd(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D }

    private mutating func unexpected(_ start: Int) {
        let b = bytes[start]
        i += 1
        // 'text' and {text}: one error for the whole thing, with the fix.
        if b == 0x27 || b == 0x7B, let close = closing(b == 0x27 ? 0x27 : 0x7D, from: i) {
            let inner = text(i, close)
            i = close + 1
            error(b == 0x27 ? .singleQuotedText(inner) : .bracedText, start, i)
            add(.error, start)
            return
        }
        error(.unexpectedCharacter(b), start, i)
        add(.error, start)
    }

    /// The offset of `byte` later on the same line, if any.
    private func closing(_ byte: UInt8, from: Int) -> Int? {
        var j = from
        while j < bytes.count, !Self.isLineEnd(bytes[j]) {
            if bytes[j] == byte { return j }
            j += 1
        }
        return nil
    }

    private mutating func word(_ start: Int) {
        i += 1
        while true {
            while i < bytes.count, Self.isWordByte(bytes[i]) { i += 1 }
            // A payload path's index: `custom_fields[0].value` is one word.
            guard peek() == 0x5B, let d = peek(1), Self.isDigit(d) else { break }
            var j = i + 1
            while j < bytes.count, Self.isDigit(bytes[j]) { j += 1 }
            guard j < bytes.count, bytes[j] == 0x5D else { break }
            i = j + 1
        }
        // A URL: `https://host:port/path` is one word.
        if peek() == 0x3A, peek(1) == 0x2F, peek(2) == 0x2F {
            i += 3
            while i < bytes.count, !Self.endsPath(bytes[i]) { i += 1 }
        }
        add(.word, start, text: text(start, i))
    }

    /// A number, a date or a word that wrongly starts with a digit; `i` is at the first digit,
    /// `tokenStart` at it or at the `-` before it.
    private mutating func number(_ tokenStart: Int) {
        while i < bytes.count, Self.isDigit(bytes[i]) { i += 1 }
        let isNegative = bytes[tokenStart] == 0x2D
        if !isNegative, peek() == 0x2D, let next = peek(1), Self.isDigit(next) {
            while i < bytes.count, Self.isDigit(bytes[i]) || bytes[i] == 0x2D { i += 1 }
            let lexeme = text(tokenStart, i)
            if Self.isDateShape(lexeme) {
                add(.date, tokenStart, text: lexeme)
            } else {
                error(.notADate(lexeme), tokenStart, i)
                add(.error, tokenStart)
            }
            return
        }
        if let b = peek(), Self.isWordByte(b) {
            while i < bytes.count, Self.isWordByte(bytes[i]) { i += 1 }
            let lexeme = text(tokenStart, i)
            error(.wordStartsWithDigit(lexeme), tokenStart, i)
            add(.error, tokenStart)
            return
        }
        add(.number, tokenStart, text: text(tokenStart, i))
    }

    static func isDateShape(_ text: String) -> Bool {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == 0x2D, u[7] == 0x2D else { return false }
        for (k, b) in u.enumerated() where k != 4 && k != 7 {
            if !isDigit(b) { return false }
        }
        return true
    }

    private mutating func variable() {
        let start = i
        i += 1
        if peek() == 0x7B {
            i += 1
            var name = "name"
            if let close = closing(0x7D, from: i) {
                name = text(i, close)
                i = close + 1
            }
            error(.interpolationOutsideString(name), start, i)
            add(.error, start)
            return
        }
        guard let b = peek(), Self.isNameStart(b) else {
            error(.dollarWithoutName, start, i)
            add(.error, start)
            return
        }
        let nameStart = i
        while i < bytes.count, Self.isNameByte(bytes[i]) { i += 1 }
        let name = text(nameStart, i)
        var column: String?
        if peek() == 0x2E, let next = peek(1), Self.isColumnByte(next) {
            i += 1
            let columnStart = i
            while i < bytes.count, Self.isColumnByte(bytes[i]) { i += 1 }
            column = text(columnStart, i)
        }
        add(.variable, start, text: name, column: column)
    }

    private mutating func fileReference() {
        let start = i
        i += 1
        if peek() == 0x22 {
            if peek(1) == 0x22, peek(2) == 0x22 {
                error(.multilinePath, start, i + 3)
                i += 3
                add(.error, start)
                return
            }
            guard let parts = stringBody(quoteAt: i) else {
                add(.error, start)
                return
            }
            add(.fileReference, start, parts: parts)
            return
        }
        let pathStart = i
        while i < bytes.count, !Self.endsPath(bytes[i]) { i += 1 }
        if i == pathStart {
            error(.atWithoutPath, start, i)
            add(.error, start)
            return
        }
        add(.fileReference, start, text: text(pathStart, i))
    }

    // MARK: - Strings

    private mutating func string() {
        let start = i
        if let parts = stringBody(quoteAt: start) {
            add(.string, start, parts: parts)
        } else {
            add(.error, start)
        }
    }

    /// Scans `"..."` starting at the quote; `nil` (after reporting) when malformed.
    private mutating func stringBody(quoteAt quote: Int) -> [StringPart]? {
        i = quote + 1
        var builder = PartBuilder()
        var failed = false
        while true {
            guard i < bytes.count, !Self.isLineEnd(bytes[i]) else {
                if !failed {
                    error(.unterminatedString, quote, quote + 1)
                }
                return nil
            }
            if bytes[i] == 0x22 {
                i += 1
                return failed ? nil : builder.finish()
            }
            if !scanStringByte(&builder, stopAt: bytes.count) { failed = true }
        }
    }

    /// Consumes one character of a string's content (an escape, an interpolation or a byte);
    /// `false` when it reported a malformed escape or interpolation.
    private mutating func scanStringByte(_ builder: inout PartBuilder, stopAt limit: Int) -> Bool {
        let b = bytes[i]
        if b == 0x5C { // backslash
            let escapeStart = i
            guard i + 1 < limit else {
                i += 1
                error(.loneBackslash, escapeStart, i)
                return false
            }
            let e = bytes[i + 1]
            if e == 0x0A || e == 0x0D {
                i += 1
                error(.backslashNewline, escapeStart, i)
                return false
            }
            i += 2
            switch e {
            case 0x22: builder.append(0x22)
            case 0x5C: builder.append(0x5C)
            case 0x6E: builder.append(0x0A)
            case 0x74: builder.append(0x09)
            case 0x72: builder.append(0x0D)
            case 0x30: builder.append(0x00)
            case 0x24: builder.append(0x24)
            case 0x75: // u{...}
                guard i < limit, bytes[i] == 0x7B else {
                    error(.unicodeEscapeForm, escapeStart, i)
                    return false
                }
                var j = i + 1
                var value: UInt32 = 0
                var digits = 0
                while j < limit, let d = Self.hexValue(bytes[j]), digits < 9 {
                    value = value &* 16 &+ UInt32(d)
                    digits += 1
                    j += 1
                }
                guard digits >= 1, digits <= 8, j < limit, bytes[j] == 0x7D, let scalar = Unicode.Scalar(value) else {
                    while j < limit, bytes[j] != 0x7D, bytes[j] != 0x22, !Self.isLineEnd(bytes[j]) { j += 1 }
                    if j < limit, bytes[j] == 0x7D { j += 1 }
                    i = j
                    error(.unicodeEscapeInvalid(text(escapeStart, i)), escapeStart, i)
                    return false
                }
                i = j + 1
                builder.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                let shown = e < 0x80 && e >= 0x20 ? String(Character(Unicode.Scalar(e))) : "?"
                error(.unknownEscape(shown), escapeStart, i)
                return false
            }
            return true
        }
        if b == 0x24, i + 1 < limit, bytes[i + 1] == 0x7B { // ${
            let start = i
            var j = i + 2
            let nameStart = j
            guard j < limit, Self.isNameStart(bytes[j]) else {
                i = j
                error(.interpolationForm, start, i)
                return false
            }
            while j < limit, Self.isNameByte(bytes[j]) { j += 1 }
            let name = text(nameStart, j)
            var column: String?
            if j < limit, bytes[j] == 0x2E {
                let columnStart = j + 1
                j = columnStart
                while j < limit, Self.isColumnByte(bytes[j]) { j += 1 }
                if j > columnStart { column = text(columnStart, j) }
            }
            guard j < limit, bytes[j] == 0x7D else {
                i = j
                error(.interpolationUnclosed, start, i)
                return false
            }
            i = j + 1
            builder.interpolate(name: name, column: column, range: range(start, i))
            return true
        }
        if b == 0x00 {
            // A NUL byte would go into the request body as \u0000: almost surely a corrupt file.
            i += 1
            error(.nulByte, i - 1, i)
            return false
        }
        builder.append(b)
        i += 1
        return true
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    /// `"""` ... `"""`: the line break after the opening quotes and the one before a closing
    /// delimiter on its own line are dropped, and the closing delimiter's indentation is removed
    /// from every line.
    private mutating func blockString() {
        let start = i
        var j = i + 3
        // Find the closing delimiter, skipping escaped characters.
        var close: Int?
        while j < bytes.count {
            if bytes[j] == 0x5C { j += 2; continue }
            if bytes[j] == 0x22, j + 2 < bytes.count, bytes[j + 1] == 0x22, bytes[j + 2] == 0x22 {
                close = j
                break
            }
            j += 1
        }
        guard let close else {
            error(.unterminatedBlockString, start, start + 3)
            openBlockString = true
            i = bytes.count
            add(.error, start)
            return
        }
        // Lines of the raw content.
        var contentStart = start + 3
        var k = contentStart
        while k < close, bytes[k] == 0x20 || bytes[k] == 0x09 { k += 1 }
        if k < close, bytes[k] == 0x0D {
            contentStart = k + 1 < close && bytes[k + 1] == 0x0A ? k + 2 : k + 1
        } else if k < close, bytes[k] == 0x0A {
            contentStart = k + 1
        }
        // Lines end at LF, CRLF or a lone CR, as everywhere in a script.
        var lines: [(Int, Int)] = []
        var lineStart = contentStart
        var m = contentStart
        while m < close {
            if Self.isLineEnd(bytes[m]) {
                lines.append((lineStart, m))
                if bytes[m] == 0x0D, m + 1 < close, bytes[m + 1] == 0x0A { m += 1 }
                lineStart = m + 1
            }
            m += 1
        }
        lines.append((lineStart, close))
        // The closing delimiter on its own line: its indentation is stripped.
        var indent = 0
        if lines.count > 1 || contentStart != start + 3 {
            let last = lines[lines.count - 1]
            if bytes[last.0..<last.1].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                indent = last.1 - last.0
                lines.removeLast()
            }
        }
        var builder = PartBuilder()
        var failed = false
        for (n, line) in lines.enumerated() {
            var s = line.0
            var stripped = 0
            while stripped < indent, s < line.1, bytes[s] == 0x20 || bytes[s] == 0x09 { s += 1; stripped += 1 }
            let e = line.1
            i = s
            while i < e {
                if !scanStringByte(&builder, stopAt: e) { failed = true }
            }
            if n < lines.count - 1 { builder.append(0x0A) }
        }
        i = close + 3
        if failed {
            add(.error, start)
        } else {
            add(.blockString, start, parts: builder.finish())
        }
    }
}

/// Accumulates a string's bytes and interpolations into ``StringPart``s.
struct PartBuilder {
    private var parts: [StringPart] = []
    private var buffer: [UInt8] = []

    mutating func append(_ byte: UInt8) { buffer.append(byte) }
    mutating func append(contentsOf bytes: [UInt8]) { buffer.append(contentsOf: bytes) }

    mutating func interpolate(name: String, column: String?, range: SourceRange) {
        flush()
        parts.append(.interpolation(name: name, column: column, range: range))
    }

    private mutating func flush() {
        if !buffer.isEmpty {
            parts.append(.text(String(decoding: buffer, as: UTF8.self)))
            buffer.removeAll(keepingCapacity: true)
        }
    }

    mutating func finish() -> [StringPart] {
        flush()
        if parts.isEmpty { return [.text("")] }
        return parts
    }
}
