/// `fmt`: the canonical form of a script.
///
/// One statement per line, two spaces of indentation per block, `<` at the end of a block's first
/// line and `>` alone on the last, keywords in lower case, one space between values and `, ` in
/// lists, at most one blank line between statements (none at the start of a block). Comments are
/// kept: a comment on its own line stays on its own line before the statement that follows it; a
/// comment after code stays at the end of that line. Values are kept as written (a word stays a
/// word, a string a string), strings re-escaped in one canonical way. Formatting twice gives the
/// same text.
public enum ScriptFormatter {
    /// The formatted text, or the syntax errors that keep the script from being formatted.
    public struct Result: Sendable {
        /// The canonical text (ending with a line break), `nil` when the script has syntax errors.
        public var text: String?
        public var diagnostics: [LanguageDiagnostic]
    }

    /// Formats a script.
    public static func format(_ source: Source) -> Result {
        let parsed = Parser.parse(source)
        guard !parsed.hasErrors else { return Result(text: nil, diagnostics: parsed.diagnostics) }
        var printer = Printer(source: source, comments: parsed.comments)
        printer.statements(parsed.statements, depth: 0, closeOffset: source.bytes.count)
        return Result(text: printer.out, diagnostics: [])
    }

    /// Formats text (named `<fmt>` in diagnostics).
    public static func format(_ text: String) -> String? {
        format(Source(name: "<fmt>", text: text)).text
    }
}

private struct Printer {
    let source: Source
    let comments: [Comment]
    var emitted: [Bool]
    var next = 0
    var out = ""
    /// The source line of the last thing printed at the current level; 0 at a block's start.
    var lastLine = 0
    /// Trailing comments by the end offset of the token before them.
    let trailing: [Int: Int]

    init(source: Source, comments: [Comment]) {
        self.source = source
        self.comments = comments
        self.emitted = Array(repeating: false, count: comments.count)
        var trailing: [Int: Int] = [:]
        for (i, c) in comments.enumerated() where c.isTrailing {
            if let end = c.previousTokenEnd, trailing[end] == nil { trailing[end] = i }
        }
        self.trailing = trailing
    }

    func indentation(_ depth: Int) -> String { String(repeating: "  ", count: depth) }

    mutating func statements(_ list: [Statement], depth: Int, closeOffset: Int) {
        lastLine = 0
        for statement in list {
            flushComments(before: statement.range.start, depth: depth)
            separate(line: source.line(ofOffset: statement.range.start))
            self.statement(statement, depth: depth)
            lastLine = source.line(ofOffset: max(statement.range.start, statement.range.end - 1))
        }
        flushComments(before: closeOffset, depth: depth)
    }

    /// A blank line when the source had one and this is not the start of a block.
    mutating func separate(line: Int) {
        if lastLine > 0, line > lastLine + 1 { out += "\n" }
    }

    mutating func flushComments(before offset: Int, depth: Int) {
        while next < comments.count, comments[next].range.start < offset {
            if !emitted[next] {
                let line = source.line(ofOffset: comments[next].range.start)
                separate(line: line)
                out += indentation(depth) + comments[next].text + "\n"
                emitted[next] = true
                lastLine = line
            }
            next += 1
        }
    }

    /// Ends a printed line whose last source token ends at `end`, with its trailing comment.
    mutating func endLine(after end: Int) {
        if let i = trailing[end], !emitted[i] {
            out += "  " + comments[i].text
            emitted[i] = true
        }
        out += "\n"
    }

    mutating func statement(_ statement: Statement, depth: Int) {
        let pad = indentation(depth)
        let head: String
        switch statement {
        case .field(let s):
            head = asciiLowercased(s.keyword) + arguments(s.arguments, depth: depth)
        case .order(let s):
            head = "order " + expression(s.product, depth: depth)
        case .binding(let s):
            head = "let \(s.name) = " + expression(s.value, depth: depth)
        case .recipe(let s):
            var text = "recipe \(s.name)"
            if let parameters = s.parameters {
                text += "(" + parameters.map { p in
                    p.defaultValue.map { "\(p.name) = " + expression($0, depth: depth) } ?? p.name
                }.joined(separator: ", ") + ")"
            }
            head = text
        case .use(let s):
            var text = "use \(s.name)"
            if let arguments = s.arguments {
                text += "(" + arguments.map { a in
                    (a.label.map { "\($0): " } ?? "") + expression(a.value, depth: depth)
                }.joined(separator: ", ") + ")"
            }
            head = text
        case .include(let s):
            head = "include " + expression(s.path, depth: depth)
        case .loop(let s):
            var text = "for \(s.variable) in "
            switch s.sequence {
            case .values(let e): text += expression(e, depth: depth)
            case .csv(_, let path): text += "csv " + expression(path, depth: depth)
            }
            head = text
        case .command(let s):
            head = s.name + arguments(s.arguments, depth: depth) + s.flags.map { flag in " --\(flag.name)" + (flag.value.map { " " + expression($0, depth: depth) } ?? "") }.joined()
                + (s.redirection.map { " \($0.operatorText) " + expression($0.target, depth: depth) } ?? "")
        }
        guard let block = statement.block else {
            out += pad + head
            endLine(after: statement.range.end)
            return
        }
        let hasComments = comments.indices.contains { i in
            !emitted[i] && comments[i].range.start > block.open.start && comments[i].range.start < block.close.start
        }
        if block.statements.isEmpty, !hasComments {
            out += pad + head + " < >"
            endLine(after: block.close.end)
            return
        }
        out += pad + head + " <"
        endLine(after: block.open.end)
        let savedLast = lastLine
        statements(block.statements, depth: depth + 1, closeOffset: block.close.start)
        lastLine = savedLast
        out += pad + ">"
        endLine(after: block.close.end)
    }

    func arguments(_ arguments: [StatementArgument], depth: Int) -> String {
        var text = ""
        for argument in arguments {
            text += (argument.afterComma ? ", " : " ") + expression(argument.value, depth: depth)
        }
        return text
    }

    func expression(_ e: ValueExpression, depth: Int) -> String {
        switch e.kind {
        case .word(let t), .number(let t), .date(let t): return t
        case .string(let parts, let isBlock):
            return isBlock ? ScriptSyntax.blockString(parts, indent: indentation(depth + 1)) : ScriptSyntax.quote(parts: parts)
        case .file(let path): return "@" + path
        case .fileString(let parts): return "@" + ScriptSyntax.quote(parts: parts)
        case .variable(let name, let column): return "$" + name + (column.map { "." + $0 } ?? "")
        case .list(let items): return "[" + items.map { expression($0, depth: depth) }.joined(separator: ", ") + "]"
        }
    }
}
