import CertOrder

/// The second stage: builds the statements of a script from its tokens.
///
/// A syntax error stops only its statement: the parser reports it, skips to the next statement
/// (a line break or `;` outside nested blocks, or the `>` closing the current block) and goes on,
/// so one run reports every syntax error of a file.
package struct Parser {
    /// What a parse produced.
    package struct Result: Sendable {
        package var statements: [Statement]
        /// The comments of the source, for `fmt`.
        package var comments: [Comment]
        /// Scanner and parser errors, in source order.
        package var diagnostics: [LanguageDiagnostic]
        package var hasErrors: Bool { diagnostics.hasErrors }
    }

    /// Blocks nest at most this deep.
    static let maximumDepth = 64
    /// Lists nest at most this deep (`[[[…]]]`): the parser recurses for each, so a bound keeps
    /// its stack (and every later stage's) safe from a 3,000-deep list.
    static let maximumListDepth = 64
    /// Diagnostics a parse reports (scanner's and parser's together); the rest are counted.
    package static let maximumErrors = 100

    private let source: Source
    private let tokens: [Token]
    private var p = 0
    private var diagnostics: [LanguageDiagnostic] = []
    private var depth = 0
    private var listDepth = 0
    /// Parser errors beyond ``maximumErrors``, counted but not kept.
    private var unshownErrors = 0
    /// Whether the last statement parsed ended with a block's `>`.
    private var endedWithBlock = false

    private init(source: Source, tokens: [Token]) {
        self.source = source
        self.tokens = tokens
    }

    /// Scans and parses a source.
    package static func parse(_ source: Source) -> Result {
        let scan = ScriptScanner.scan(source)
        var parser = Parser(source: source, tokens: scan.tokens)
        let statements = parser.statements(inBlock: false)
        // A scanner that stopped ("too many errors") says all: the parser saw only a prefix.
        if scan.diagnostics.count > maximumErrors {
            return Result(statements: statements, comments: scan.comments, diagnostics: scan.diagnostics)
        }
        var all = (scan.diagnostics + parser.diagnostics).sorted { ($0.range?.start ?? 0) < ($1.range?.start ?? 0) }
        // Bounded output on hostile input: the first errors, then how many more there are.
        let unshown = parser.unshownErrors + max(0, all.count - maximumErrors)
        if unshown > 0 {
            all = Array(all.prefix(maximumErrors))
            all.append(LanguageDiagnostic(.moreErrorsNotShown(unshown), at: nil))
        }
        return Result(statements: statements, comments: scan.comments, diagnostics: all)
    }

    /// Thrown (after reporting) to abandon the statement being parsed.
    private struct SyntaxError: Error {}

    // MARK: - Token access

    private var current: Token { tokens[p] }
    private func peek(_ n: Int = 1) -> Token { tokens[min(p + n, tokens.count - 1)] }
    private var atEnd: Bool { current.kind == .end }

    @discardableResult
    private mutating func advance() -> Token {
        let token = tokens[p]
        if p < tokens.count - 1 { p += 1 }
        return token
    }

    private func previousEnd() -> Int { p > 0 ? tokens[p - 1].range.end : 0 }

    private func range(from start: SourceRange) -> SourceRange {
        SourceRange(source: source, start: start.start, end: max(start.end, previousEnd()))
    }

    private mutating func fail(_ message: LanguageMessage, at range: SourceRange) -> SyntaxError {
        // A token the scanner already reported needs no second message.
        if current.kind != .error || range != current.range {
            report(LanguageDiagnostic(message, at: range))
        }
        return SyntaxError()
    }

    /// Keeps a diagnostic, or only counts it once there are ``maximumErrors``.
    private mutating func report(_ diagnostic: LanguageDiagnostic) {
        if diagnostics.count < Self.maximumErrors {
            diagnostics.append(diagnostic)
        } else {
            unshownErrors += 1
        }
    }

    private mutating func skipNewlines() {
        while current.kind == .newline { advance() }
    }

    // MARK: - Statements

    private mutating func statements(inBlock: Bool) -> [Statement] {
        var out: [Statement] = []
        while true {
            while current.kind == .newline || current.kind == .semicolon { advance() }
            if atEnd { break }
            if current.kind == .greaterThan {
                if inBlock { break }
                report(LanguageDiagnostic(.unopenedBlock, at: current.range))
                advance()
                continue
            }
            do {
                endedWithBlock = false
                let statement = try self.statement()
                out.append(statement)
                if !current.endsStatement, current.kind != .greaterThan, !endedWithBlock {
                    throw fail(.expectedStatementEnd(found: current.quoted),
                               at: current.range)
                }
            } catch {
                synchronize()
            }
        }
        return out
    }

    /// Skips to the start of the next statement: past a line break or `;` outside nested blocks,
    /// or up to the `>` that closes the current block.
    private mutating func synchronize() {
        var nesting = 0
        while !atEnd {
            switch current.kind {
            case .newline, .semicolon:
                if nesting == 0 {
                    advance()
                    return
                }
            case .lessThan:
                nesting += 1
            case .greaterThan:
                if nesting == 0 { return }
                nesting -= 1
            default:
                break
            }
            advance()
        }
    }

    private mutating func statement() throws(SyntaxError) -> Statement {
        let token = current
        guard token.kind == .word else {
            throw fail(startMessage(token), at: token.range)
        }
        let keyword = asciiLowercased(token.text)
        switch keyword {
        case "order": return try orderStatement()
        case "let": return try letStatement()
        case "recipe":
            if peek().kind == .word, peek(2).kind == .leftParen || peek(2).kind == .lessThan {
                return try recipeDeclaration()
            }
            return try command()
        case "use": return try useStatement()
        case "include": return try includeStatement()
        case "for": return try forStatement()
        default:
            if CommandName(rawValue: keyword) != nil { return try command() }
            return try fieldStatement()
        }
    }

    private func startMessage(_ token: Token) -> LanguageMessage {
        switch token.kind {
        case .variable: return .statementStartsWithVariable(token.text)
        case .string, .blockString, .number, .date:
            return .statementStartsWithValue(token.quoted)
        case .lessThan: return .blockWithoutStatement
        case .error: return .invalidToken
        default: return .expectedStatement(found: token.quoted)
        }
    }

    // MARK: - Blocks

    private mutating func block(for keyword: String) throws(SyntaxError) -> Block {
        let open = current
        guard open.kind == .lessThan else {
            throw fail(.expectedBlockOpen(keyword), at: current.range)
        }
        if depth >= Self.maximumDepth {
            diagnostics.append(LanguageDiagnostic(.blocksTooDeep(Self.maximumDepth), at: open.range))
            skipBalancedBlock()
            throw SyntaxError()
        }
        advance()
        depth += 1
        let statements = self.statements(inBlock: true)
        depth -= 1
        guard current.kind == .greaterThan else {
            diagnostics.append(LanguageDiagnostic(.unclosedBlock(keyword), at: open.range))
            throw SyntaxError()
        }
        let close = advance()
        endedWithBlock = true
        let declares = statements.contains { statement in
            switch statement {
            case .binding, .recipe, .include: return true
            default: return false
            }
        }
        return Block(statements: statements, open: open.range, close: close.range, declaresNames: declares)
    }

    /// Skips a `<` ... `>` block and everything nested in it.
    private mutating func skipBalancedBlock() {
        var nesting = 0
        while !atEnd {
            if current.kind == .lessThan { nesting += 1 }
            if current.kind == .greaterThan {
                nesting -= 1
                if nesting == 0 { advance(); return }
            }
            advance()
        }
    }

    // MARK: - Values

    private func startsValue(_ kind: Token.Kind) -> Bool {
        switch kind {
        case .word, .number, .date, .string, .blockString, .fileReference, .variable, .leftBracket: return true
        default: return false
        }
    }

    private mutating func value(for context: String) throws(SyntaxError) -> ValueExpression {
        let token = current
        switch token.kind {
        case .word: advance(); return ValueExpression(.word(token.text), token.range)
        case .number: advance(); return ValueExpression(.number(token.text), token.range)
        case .date: advance(); return ValueExpression(.date(token.text), token.range)
        case .string: advance(); return ValueExpression(.string(token.parts, isBlock: false), token.range)
        case .blockString: advance(); return ValueExpression(.string(token.parts, isBlock: true), token.range)
        case .fileReference:
            advance()
            if token.parts.isEmpty { return ValueExpression(.file(token.text), token.range) }
            return ValueExpression(.fileString(token.parts), token.range)
        case .variable: advance(); return ValueExpression(.variable(name: token.text, column: token.column), token.range)
        case .leftBracket: return try list()
        default:
            throw fail(.expectedValue(context, found: token.quoted), at: token.range)
        }
    }

    private mutating func list() throws(SyntaxError) -> ValueExpression {
        let open = advance()
        guard listDepth < Self.maximumListDepth else {
            throw fail(.listsTooDeep(Self.maximumListDepth), at: open.range)
        }
        listDepth += 1
        defer { listDepth -= 1 }
        var items: [ValueExpression] = []
        skipNewlines()
        if current.kind == .rightBracket {
            advance()
            return ValueExpression(.list([]), range(from: open.range))
        }
        while true {
            skipNewlines()
            items.append(try value(for: "in the list"))
            skipNewlines()
            if current.kind == .comma {
                advance()
                skipNewlines()
                if current.kind == .rightBracket { advance(); break }
                continue
            }
            if current.kind == .rightBracket { advance(); break }
            if atEnd || current.kind == .greaterThan || current.kind == .semicolon {
                throw fail(.unclosedList, at: open.range)
            }
            throw fail(.listSeparator(found: current.quoted), at: current.range)
        }
        return ValueExpression(.list(items), range(from: open.range))
    }

    /// A name: a word made of letters, digits and `_`.
    private mutating func name(for what: String, example: String) throws(SyntaxError) -> Token {
        let token = current
        guard token.kind == .word else {
            throw fail(.expectedName(what, example: example, found: token.quoted), at: token.range)
        }
        guard Self.isIdentifier(token.text) else {
            throw fail(.invalidName(token.text, what: what), at: token.range)
        }
        advance()
        return token
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.utf8.first, ScriptScanner.isNameStart(first) else { return false }
        return text.utf8.allSatisfy(ScriptScanner.isNameByte)
    }

    // MARK: - Field statements and commands

    /// Values up to the end of the statement (or a block's `<`), separated by spaces or commas.
    private mutating func arguments(of keyword: String, allowFlags: Bool, flags: inout [CommandFlag]) throws(SyntaxError) -> [StatementArgument] {
        var args: [StatementArgument] = []
        var afterComma = false
        while true {
            let token = current
            switch token.kind {
            case .newline, .semicolon, .end, .lessThan, .greaterThan:
                if afterComma { throw fail(.valueAfterComma, at: tokens[p - 1].range) }
                return args
            case .comma:
                if args.isEmpty || afterComma { throw fail(.unexpectedComma, at: token.range) }
                afterComma = true
                advance()
            case .flag:
                guard allowFlags else {
                    throw fail(.flagOnStatement(keyword, flag: token.text), at: token.range)
                }
                advance()
                // A flag whose spec takes a value (`reconcile --endpoint us`) takes the next value.
                var value: ValueExpression?
                if CommandSpec.named(asciiLowercased(keyword))?.flag(token.text)?.valueName != nil, startsValue(current.kind) {
                    value = try self.value(for: "for '--\(token.text)'")
                }
                flags.append(CommandFlag(name: token.text, range: token.range, value: value))
            default:
                guard startsValue(token.kind) else {
                    throw fail(.unexpectedArgument(token.quoted, in: keyword), at: token.range)
                }
                let value = try self.value(for: "for '\(keyword)'")
                args.append(StatementArgument(value: value, afterComma: afterComma))
                afterComma = false
            }
        }
    }

    private mutating func fieldStatement() throws(SyntaxError) -> Statement {
        let keyword = advance()
        var flags: [CommandFlag] = []
        let args = try arguments(of: keyword.text, allowFlags: false, flags: &flags)
        var block: Block?
        if current.kind == .lessThan {
            block = try self.block(for: keyword.text)
        }
        let spec = FieldStatements.field(named: asciiLowercased(keyword.text))
        return .field(FieldStatement(keyword: keyword.text, keywordRange: keyword.range, arguments: args,
                                     block: block, range: range(from: keyword.range), spec: spec))
    }

    private mutating func command() throws(SyntaxError) -> Statement {
        let keyword = advance()
        var flags: [CommandFlag] = []
        let args = try arguments(of: keyword.text, allowFlags: true, flags: &flags)
        if current.kind == .lessThan {
            throw fail(.commandWithBlock(asciiLowercased(keyword.text)), at: current.range)
        }
        let redirection = try self.redirection()
        return .command(CommandStatement(name: asciiLowercased(keyword.text), keyword: keyword.text, nameRange: keyword.range,
                                arguments: args, flags: flags, redirection: redirection, range: range(from: keyword.range)))
    }

    /// `> FILE` or `>> FILE` after a command's words. At the top, a `>` there can only be one (no
    /// block is open to close), so one without a file is an error at it; inside a block, a `>`
    /// with no value after it on its line closes the block. Whether the command prints anything
    /// to redirect is its spec's to say (``CommandSpec/problem(in:)``).
    private mutating func redirection() throws(SyntaxError) -> OutputRedirection? {
        guard current.kind == .greaterThan else { return nil }
        // `>>` is two `>` with nothing between them.
        let appends = peek().kind == .greaterThan && peek().range.start == current.range.end
        let next = peek(appends ? 2 : 1)
        guard startsValue(next.kind), next.kind != .leftBracket else {
            guard depth == 0 || appends else { return nil }
            let operatorRange = appends ? current.range.through(peek().range) : current.range
            let error = fail(.redirectionWithoutFile(appends ? ">>" : ">"), at: operatorRange)
            // Past the operator: recovery must not take it for a block's end ("no block is open").
            advance()
            if appends { advance() }
            throw error
        }
        var operatorRange = advance().range
        if appends { operatorRange = operatorRange.through(advance().range) }
        let target = try value(for: "after '\(appends ? ">>" : ">")'")
        return OutputRedirection(appends: appends, operatorRange: operatorRange, target: target)
    }

    // MARK: - Declarations

    private mutating func orderStatement() throws(SyntaxError) -> Statement {
        let keyword = advance()
        guard startsValue(current.kind), current.kind != .leftBracket else {
            throw fail(.orderWithoutProduct,
                       at: current.kind == .error ? current.range : keyword.range)
        }
        let product = try value(for: "for the product")
        var block: Block?
        if current.kind == .lessThan {
            block = try self.block(for: "order")
        } else if !current.endsStatement, current.kind != .greaterThan {
            throw fail(.orderExpectedBlock(found: current.quoted), at: current.range)
        }
        return .order(OrderStatement(keyword: keyword.text, keywordRange: keyword.range, product: product,
                                     block: block, range: range(from: keyword.range)))
    }

    private mutating func letStatement() throws(SyntaxError) -> Statement {
        let keyword = advance()
        let name = try self.name(for: "a variable name", example: "let org = 123456")
        guard current.kind == .equals else {
            throw fail(.letExpectedEquals(name.text), at: current.range)
        }
        advance()
        let value = try self.value(for: "after '='")
        return .binding(LetStatement(keywordRange: keyword.range, name: name.text, nameRange: name.range,
                                     value: value, range: range(from: keyword.range)))
    }

    private mutating func recipeDeclaration() throws(SyntaxError) -> Statement {
        let keyword = advance()
        let name = try self.name(for: "a recipe name", example: "recipe defaults < ... >")
        var parameters: [Parameter]?
        if current.kind == .leftParen {
            let open = advance()
            var list: [Parameter] = []
            var seen: Set<String> = []
            skipNewlines()
            while current.kind != .rightParen {
                skipNewlines()
                let param = try self.name(for: "a parameter name", example: "recipe r(name, country = us)")
                if seen.contains(param.text) {
                    throw fail(.parameterTwice(param.text), at: param.range)
                }
                seen.insert(param.text)
                var defaultValue: ValueExpression?
                if current.kind == .equals {
                    advance()
                    defaultValue = try value(for: "as the default of '\(param.text)'")
                }
                list.append(Parameter(name: param.text, range: param.range, defaultValue: defaultValue))
                skipNewlines()
                if current.kind == .comma { advance(); skipNewlines(); continue }
                if current.kind == .rightParen { break }
                if atEnd || current.kind == .lessThan {
                    throw fail(.unclosedParameters, at: open.range)
                }
                throw fail(.parameterSeparator(after: param.text, found: current.quoted), at: current.range)
            }
            advance()
            parameters = list
        }
        let body = try block(for: "recipe \(name.text)")
        return .recipe(RecipeDeclaration(keywordRange: keyword.range, name: name.text, nameRange: name.range,
                                         parameters: parameters, body: body, range: range(from: keyword.range)))
    }

    private mutating func useStatement() throws(SyntaxError) -> Statement {
        let keyword = advance()
        let name = try self.name(for: "a recipe name", example: "use acme_defaults")
        var arguments: [StatementArgument]?
        if current.kind == .leftParen {
            let open = advance()
            var list: [StatementArgument] = []
            var sawNamed = false
            skipNewlines()
            while current.kind != .rightParen {
                skipNewlines()
                var label: Token?
                if current.kind == .word, peek().kind == .colon {
                    label = advance()
                    advance()
                    skipNewlines()
                    sawNamed = true
                } else if sawNamed {
                    throw fail(.positionalAfterNamed, at: current.range)
                }
                let value = try self.value(for: label.map { "for '\($0.text):'" } ?? "as an argument")
                list.append(StatementArgument(label: label?.text, labelRange: label?.range, value: value, afterComma: !list.isEmpty))
                skipNewlines()
                if current.kind == .comma { advance(); skipNewlines(); continue }
                if current.kind == .rightParen { break }
                if atEnd || current.kind == .greaterThan || current.kind == .lessThan {
                    throw fail(.unclosedArguments, at: open.range)
                }
                throw fail(.argumentSeparator(found: current.quoted), at: current.range)
            }
            advance()
            arguments = list
        }
        return .use(UseStatement(keywordRange: keyword.range, name: name.text, nameRange: name.range,
                                 arguments: arguments, range: range(from: keyword.range)))
    }

    private mutating func includeStatement() throws(SyntaxError) -> Statement {
        let keyword = advance()
        guard startsValue(current.kind), current.kind != .leftBracket else {
            throw fail(.includeWithoutPath, at: current.kind == .error ? current.range : keyword.range)
        }
        let path = try value(for: "for the path")
        return .include(IncludeStatement(keywordRange: keyword.range, path: path, range: range(from: keyword.range)))
    }

    private mutating func forStatement() throws(SyntaxError) -> Statement {
        let keyword = advance()
        let variable = try name(for: "a loop variable", example: "for dev in csv \"developers.csv\" < ... >")
        guard current.kind == .word, asciiLowercased(current.text) == "in" else {
            throw fail(.forExpectedIn(variable.text), at: current.range)
        }
        advance()
        let sequence: ForStatement.Sequence
        if current.kind == .word, asciiLowercased(current.text) == "csv" {
            let csv = advance()
            guard startsValue(current.kind), current.kind != .leftBracket else {
                throw fail(.csvWithoutFile(variable.text), at: current.kind == .error ? current.range : csv.range)
            }
            sequence = .csv(keywordRange: csv.range, path: try value(for: "for the CSV file"))
        } else if current.kind == .leftBracket || current.kind == .variable {
            sequence = .values(try value(for: "to iterate"))
        } else {
            throw fail(.forSequence(found: current.quoted), at: current.range)
        }
        let body = try block(for: "for \(variable.text)")
        return .loop(ForStatement(keywordRange: keyword.range, variable: variable.text, variableRange: variable.range,
                                  sequence: sequence, body: body, range: range(from: keyword.range)))
    }
}
