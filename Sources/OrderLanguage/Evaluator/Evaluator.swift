import Foundation
import CertOrder

/// Abandons the statement being evaluated; its diagnostic (if any) is already reported.
struct Abort: Error {}

/// The third stage: runs the statements of one evaluation. Made by ``Interpreter`` for each call
/// of ``Interpreter/evaluate(_:handler:)``; keeps the orders made, the diagnostics, the include and
/// recipe stacks and the file caches of that call. Field statements live in
/// `Evaluator+Fields.swift`, commands in `Evaluator+Commands.swift`.
final class Evaluator {
    /// Which order a statement edits: the draft that existed before this evaluation, or an order
    /// made in it.
    enum Slot: Hashable { case previous, created(Int) }

    /// Where statements apply: an order (`nil` = the current draft, at the top of a script) and
    /// the block level inside it.
    struct Target {
        var slot: Slot?
        var level: BlockLevel
        static let top = Target(slot: nil, level: .order)
    }

    /// A parsed file, cached for the evaluation.
    struct ParsedFile {
        var source: Source
        var result: Parser.Result
    }

    /// A CSV file read for a loop.
    struct CSVTable {
        var columns: CSVColumns
        /// The file, for the notes that point at a row.
        var source: Source
        /// The file's bytes. The loop reads each row from them when it gets to it (the whole
        /// file was read cleanly once before): a 100,000-row file costs its text, not a list of
        /// rows nor every field as a string.
        var bytes: [UInt8]

        /// The rows after the header, read one at a time as they are taken.
        var rows: CSVRows { CSVRows(bytes: bytes) }
    }

    /// The rows of a CSV file after its header, read lazily (``CSVReader/Cursor``).
    struct CSVRows: Sequence, IteratorProtocol {
        private var cursor: CSVReader.Cursor

        init(bytes: [UInt8]) {
            cursor = CSVReader.Cursor(bytes)
            _ = cursor.next()
        }

        mutating func next() -> CSVReader.Record? { cursor.next() }
    }

    /// A row's line and byte range in its CSV file.
    struct RowSpan {
        var line: Int
        var start: Int
        var end: Int
    }

    static let maximumErrors = 100
    static let maximumRecipeDepth = 64
    static let maximumIncludeDepth = 32

    let interpreter: Interpreter
    let globals: Scope
    let fixedNames: Set<String>
    let handler: (any CommandHandler)?

    var previousDraft: CompiledOrder?
    /// The orders made and not yet handed to ``orderSink``; `orders[0]` is order number
    /// ``orderBase`` of the evaluation (a ``Slot/created(_:)`` counts from the evaluation's first).
    var orders: [CompiledOrder] = []
    /// How many orders were handed to ``orderSink`` (and dropped from ``orders``).
    var orderBase = 0
    /// Where finished orders go as soon as they are finished (a batch streamed in constant
    /// memory); `nil`: they stay in ``orders`` until the end. It returns false to stop the
    /// evaluation (a batch that stops sending).
    var orderSink: ((CompiledOrder) async -> Bool)?
    var draftSlot: Slot?

    /// What was reported, each repeat counted once (``DiagnosticRepeats``).
    var reported = DiagnosticRepeats()
    var diagnostics: [LanguageDiagnostic] { reported.kept }
    var errorCount = 0
    /// Every diagnostic reported, repeats included (``reported`` counts a repeat only as a note).
    var reportCount = 0
    /// The errors that are failed commands (counted in ``errorCount`` too).
    var failedCommandCount = 0
    var stopped = false
    /// Steps taken so far (see `Evaluator+Limits.swift`).
    var steps = 0
    var warnedSkippedCommands = false
    /// The first command of a file being run that does not fit its spec: no command runs then.
    var heldBy: CommandStatement?

    var includeStack: [(key: String, name: String)] = []
    var recipeStack: [String] = []
    var frames: [EvaluationFrame] = []
    var fileCache: [String: String] = [:]
    var parseCache: [String: ParsedFile] = [:]
    var csvCache: [String: CSVTable] = [:]
    /// Texts read in place of the files at these paths (the language server's unsaved buffers).
    var fileOverlay: [String: String] = [:]
    /// Paths that could not be read (or were not UTF-8): what the evaluation depends on besides
    /// ``fileCache`` (see `Evaluator+Checkpoints.swift`).
    var unreadFiles: Set<String> = []
    /// The lowest index of ``orders`` edited since it was last set to `Int.max`: the orders
    /// below it are the values they were then (so their validation need not be redone).
    var lowestEditedOrder = Int.max
    /// When not `nil`, the scope each order's block ran in (by the order's index in ``orders``;
    /// `nil` for an order a command made): what ``IncrementalCompiler`` needs to run one changed
    /// statement of the block again for that order (`Evaluator+Patching.swift`).
    var orderScopes: [Scope?]?

    init(interpreter: Interpreter, globals: Scope, fixedNames: Set<String>, handler: (any CommandHandler)?, draft: CompiledOrder?) {
        self.interpreter = interpreter
        self.globals = globals
        self.fixedNames = fixedNames
        self.handler = handler
        self.previousDraft = draft
        if draft != nil { draftSlot = .previous }
    }

    /// Runs a parsed script at the top level.
    func evaluate(_ statements: [Statement], of source: Source) async {
        if let url = source.url { includeStack.append((url.path, source.name)) }
        holdCommands(ifAnyIsWrongIn: statements)
        await perform(statements, scope: globals, target: .top)
        if source.url != nil { includeStack.removeLast() }
    }

    /// The diagnostics, with a note on those repeated in other loop iterations or recipe uses.
    func finishDiagnostics() -> [LanguageDiagnostic] {
        reported.result { count in "and \(count) more time\(count == 1 ? "" : "s") in other iterations or uses" }
    }

    /// The draft after the evaluation.
    var finalDraft: CompiledOrder? {
        guard let draftSlot else { return nil }
        return order(at: draftSlot)
    }

    func order(at slot: Slot) -> CompiledOrder? {
        switch slot {
        case .previous: return previousDraft
        case .created(let i): return orders[i - orderBase]
        }
    }

    /// Adds an order made by `order`, `new` or `load`; it becomes the draft.
    func append(_ order: CompiledOrder) -> Slot {
        orders.append(order)
        orderScopes?.append(nil)
        let slot = Slot.created(orderBase + orders.count - 1)
        draftSlot = slot
        return slot
    }

    /// Hands the finished orders to ``orderSink``: every order but the last made, since a new
    /// order becomes the draft and nothing edits an earlier one afterwards (orders do not nest,
    /// and `new` / `load` run only at the top).
    private func handOnFinishedOrders() async {
        guard let sink = orderSink else { return }
        while orders.count > 1 {
            let finished = orders.removeFirst()
            orderBase += 1
            if !(await sink(finished)) {
                stopped = true
                return
            }
        }
    }

    /// Hands every order left to ``orderSink`` (the end of the evaluation).
    func handOnAllOrders() async {
        guard let sink = orderSink else { return }
        while !orders.isEmpty, !stopped {
            let finished = orders.removeFirst()
            orderBase += 1
            if !(await sink(finished)) { stopped = true }
        }
    }

    /// Edits an order in place.
    func modify(_ slot: Slot, _ body: (inout CompiledOrder) throws(Abort) -> Void) throws(Abort) {
        switch slot {
        case .previous:
            if previousDraft != nil { try body(&previousDraft!) }
        case .created(let i):
            lowestEditedOrder = min(lowestEditedOrder, i)
            try body(&orders[i - orderBase])
        }
    }

    // MARK: - Diagnostics

    func report(_ message: LanguageMessage, at range: SourceRange?) {
        keep(LanguageDiagnostic(message, at: range))
    }

    /// Keeps `diagnostic` with the notes of where the evaluation is (recipe uses, loop
    /// iterations, includes), counting errors toward ``maximumErrors``.
    private func keep(_ diagnostic: LanguageDiagnostic) {
        var diagnostic = diagnostic
        reportCount += 1
        diagnostic.notes = frames.reversed().map(\.located)
        guard reported.add(diagnostic) else { return }
        if diagnostic.severity == .error {
            errorCount += 1
            if errorCount >= Self.maximumErrors, !stopped {
                stopped = true
                reported.add(LanguageDiagnostic(.tooManyErrors(Self.maximumErrors), at: diagnostic.range))
                // What was not evaluated is unknown: the validator does not judge these orders.
                for i in orders.indices { orders[i].isJudgeable = false }
                lowestEditedOrder = 0
            }
        }
    }

    /// Reports an error and returns the ``Abort`` to throw.
    func fail(_ message: LanguageMessage, at range: SourceRange?) -> Abort {
        report(message, at: range)
        return Abort()
    }

    /// Adds diagnostics found elsewhere (an included file's syntax errors).
    func absorb(_ found: [LanguageDiagnostic]) {
        for d in found { keep(d) }
    }

    // MARK: - Statements

    /// A block a field statement (`ship < … >`, `certificate < … >`) asked to run, as its last
    /// step; ``perform(_:scope:target:)`` runs it as soon as that statement returns.
    private var scheduledBlocks: [(statements: [Statement], scope: Scope, target: Target)] = []

    /// Runs a field statement's block: called by the (synchronous) field statements as their
    /// last step, it schedules the block, which runs right after the statement returns. So field
    /// statements stay synchronous and cheap, while their blocks may hold what awaits (a `use`
    /// of a recipe with a command).
    func run(_ statements: [Statement], scope: Scope, target: Target) {
        scheduledBlocks.append((statements, scope, target))
    }

    /// Runs statements in order; a statement that fails is reported and the next one runs.
    func perform(_ statements: [Statement], scope: Scope, target: Target) async {
        for statement in statements {
            if stopped { return }
            do {
                try step(at: statement.range)
                try await execute(statement, scope: scope, target: target)
            } catch {
                markRefused(statement, in: target)
            }
            if orders.count > 1, orderSink != nil { await handOnFinishedOrders() }
        }
    }

    /// Marks what a refused statement inside an order leaves unknown, so the validator, which
    /// judges the rest of the order, does not report it again as missing: the field's path, or
    /// the whole order for a statement that is not a field's.
    private func markRefused(_ statement: Statement, in target: Target) {
        guard let slot = target.slot else { return }
        try? modify(slot) { order in
            if case .field(let s) = statement, let field = s.spec {
                order.unknownPaths.insert(field.path.template)
            } else {
                order.isJudgeable = false
            }
        }
    }

    private func execute(_ statement: Statement, scope: Scope, target: Target) async throws(Abort) {
        switch statement {
        case .field(let s):
            defer { scheduledBlocks.removeAll() }
            try field(s, scope: scope, target: target)
            while !scheduledBlocks.isEmpty {
                let block = scheduledBlocks.removeFirst()
                await perform(block.statements, scope: block.scope, target: block.target)
            }
        case .order(let s): try await order(s, scope: scope, target: target)
        case .binding(let s): try bind(s, scope: scope)
        case .recipe(let s): scope.recipes[s.name] = Recipe(declaration: s, scope: scope)
        case .use(let s): try await use(s, scope: scope, target: target)
        case .include(let s): try await include(s, scope: scope, target: target)
        case .loop(let s): try await loop(s, scope: scope, target: target)
        case .command(let s): try await command(s, scope: scope, target: target)
        }
    }

    func blockScope(_ block: Block, _ scope: Scope) -> Scope {
        block.declaresNames ? Scope(parent: scope) : scope
    }

    /// The order a statement at `target` edits.
    func slot(for target: Target, keyword: String, at range: SourceRange) throws(Abort) -> Slot {
        if let slot = target.slot ?? draftSlot { return slot }
        throw fail(.noOrder(keyword), at: range)
    }

    private func order(_ s: OrderStatement, scope: Scope, target: Target) async throws(Abort) {
        guard target.slot == nil else {
            throw fail(.nestedOrder, at: s.keywordRange)
        }
        let name = try text(of: s.product, scope: scope, for: "order")
        guard let product = Product(name: name) else {
            throw fail(.unknownProduct(name), at: s.product.range)
        }
        var compiled = CompiledOrder(product: product, orderRange: s.keywordRange)
        compiled.frames = frames
        let slot = append(compiled)
        if let block = s.block {
            let inner = blockScope(block, scope)
            if orderScopes != nil, case .created(let i) = slot { orderScopes![i - orderBase] = inner }
            await perform(block.statements, scope: inner, target: Target(slot: slot, level: .order))
            checkDeclaredName(slot)
        }
    }


    private func bind(_ s: LetStatement, scope: Scope) throws(Abort) {
        // A `--param` binding wins over the script's top-level default.
        if scope === globals, fixedNames.contains(s.name) { return }
        do {
            scope.values[s.name] = try evaluate(s.value, scope: scope)
        } catch {
            scope.values[s.name] = .poison
            throw error
        }
    }

    // MARK: - Recipes

    private func use(_ s: UseStatement, scope: Scope, target: Target) async throws(Abort) {
        guard let recipe = scope.recipe(s.name) else {
            throw fail(.unknownRecipe(s.name, known: scope.visibleRecipes), at: s.nameRange)
        }
        if recipeStack.contains(s.name) {
            let cycle = (recipeStack.drop { $0 != s.name } + [s.name]).joined(separator: " → ")
            throw fail(.recipeCycle(s.name, cycle: cycle), at: s.nameRange)
        }
        if recipeStack.count >= Self.maximumRecipeDepth {
            throw fail(.recipesTooDeep(Self.maximumRecipeDepth, first: recipeStack[0], last: s.name), at: s.nameRange)
        }
        let declaration = recipe.declaration
        let parameters = declaration.parameters ?? []
        let callScope = Scope(parent: recipe.scope)
        var given: Set<String> = []
        var positional = 0
        for argument in s.arguments ?? [] {
            let name: String
            if let label = argument.label {
                guard parameters.contains(where: { $0.name == label }) else {
                    throw fail(.unknownParameter(label, of: s.name, parameters: parameters.map(\.name), signature: recipe.info.signature),
                               at: argument.labelRange ?? argument.range)
                }
                name = label
            } else {
                guard positional < parameters.count else {
                    if parameters.isEmpty {
                        throw fail(.recipeTakesNoArguments(s.name), at: argument.range)
                    }
                    throw fail(.tooManyRecipeArguments(s.name, count: parameters.count, signature: recipe.info.signature),
                               at: argument.range)
                }
                name = parameters[positional].name
                positional += 1
            }
            guard !given.contains(name) else {
                throw fail(.argumentTwice(name, signature: recipe.info.signature), at: argument.range)
            }
            given.insert(name)
            callScope.values[name] = try evaluate(argument.value, scope: scope)
        }
        let missing = parameters.filter { !given.contains($0.name) && $0.defaultValue == nil }.map(\.name)
        if !missing.isEmpty {
            throw fail(.missingRecipeArguments(missing, of: s.name, signature: recipe.info.signature), at: s.nameRange)
        }
        for parameter in parameters where !given.contains(parameter.name) {
            if let value = parameter.defaultValue {
                callScope.values[parameter.name] = try evaluate(value, scope: callScope)
            }
        }
        frames.append(.recipe(name: s.name, use: s.nameRange))
        recipeStack.append(s.name)
        await perform(declaration.body.statements, scope: callScope, target: target)
        recipeStack.removeLast()
        frames.removeLast()
    }

    // MARK: - Includes and files

    private func include(_ s: IncludeStatement, scope: Scope, target: Target) async throws(Abort) {
        let path = try text(of: s.path, scope: scope, for: "include")
        let from = s.keywordRange.source
        let url = from.resolve(path: path)
        let name = from.displayName(forPath: path)
        try checkCycle(url: url, name: name, at: s.keywordRange, verb: "include")
        let parsed = try parsedFile(url: url, name: name, at: s.path.range)
        try await evaluateFile(parsed, url: url, name: name, frame: .file(name: name, how: "included", at: s.keywordRange), scope: scope, target: target)
    }

    /// Evaluates a file brought in by `include` or `load` in `frame`: its syntax errors are
    /// reported there and stop the evaluation; otherwise its statements run in `scope`.
    func evaluateFile(_ parsed: ParsedFile, url: URL, name: String, frame: EvaluationFrame, scope: Scope, target: Target) async throws(Abort) {
        frames.append(frame)
        defer { frames.removeLast() }
        if parsed.result.hasErrors {
            absorb(parsed.result.diagnostics)
            throw Abort()
        }
        includeStack.append((url.path, name))
        holdCommands(ifAnyIsWrongIn: parsed.result.statements)
        await perform(parsed.result.statements, scope: scope, target: target)
        includeStack.removeLast()
    }

    func checkCycle(url: URL, name: String, at range: SourceRange, verb: String) throws(Abort) {
        if let index = includeStack.firstIndex(where: { $0.key == url.path }) {
            let cycle = includeStack[index...].map(\.name) + [name]
            throw fail(.fileCycle(verb, cycle: cycle), at: range)
        }
        if includeStack.count >= Self.maximumIncludeDepth {
            throw fail(.includesTooDeep(Self.maximumIncludeDepth), at: range)
        }
    }

    func parsedFile(url: URL, name: String, at range: SourceRange) throws(Abort) -> ParsedFile {
        if let cached = parseCache[url.path] { return cached }
        let text = try readFile(url: url, name: name, at: range)
        let source = Source(name: name, text: text, url: url)
        let parsed = ParsedFile(source: source, result: Parser.parse(source))
        parseCache[url.path] = parsed
        return parsed
    }

    /// A file's text, cached for the evaluation.
    func readFile(url: URL, name: String, at range: SourceRange) throws(Abort) -> String {
        if let cached = fileCache[url.path] { return cached }
        if let text = fileOverlay[url.path] {
            fileCache[url.path] = text
            return text
        }
        let bytes: [UInt8]
        do {
            // Bounded, regular files only: `include "/dev/zero"` or a FIFO is refused, not read.
            bytes = try SourceReader.readFile(atPath: url.path, shownAs: name)
        } catch {
            unreadFiles.insert(url.path)
            throw fail(.unreadableFile(error, named: true), at: range)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            unreadFiles.insert(url.path)
            throw fail(.notUTF8(name), at: range)
        }
        fileCache[url.path] = text
        return text
    }

    // MARK: - Loops

    private func loop(_ s: ForStatement, scope: Scope, target: Target) async throws(Abort) {
        switch s.sequence {
        case .values(let expression):
            let value = try evaluate(expression, scope: scope)
            guard case .list(let items) = value else {
                throw fail(.forNotList(expression.range.text, typeName: value.typeName), at: expression.range)
            }
            for (index, item) in items.enumerated() {
                if stopped { return }
                try step(at: s.keywordRange)
                let iterationScope = Scope(parent: scope)
                iterationScope.values[s.variable] = item
                var shown = "…"
                if case .text(let t, _) = item { shown = t }
                frames.append(.item(variable: s.variable, index: index + 1, value: shown))
                await perform(s.body.statements, scope: iterationScope, target: target)
                frames.removeLast()
            }
        case .csv(_, let pathExpression):
            let path = try text(of: pathExpression, scope: scope, for: "csv")
            let table = try csvTable(path: path, from: s.keywordRange.source, at: pathExpression.range)
            for (index, record) in table.rows.enumerated() {
                if stopped { return }
                try step(at: s.keywordRange)
                let iterationScope = Scope(parent: scope)
                iterationScope.values[s.variable] = .row(CSVRow(columns: table.columns, fields: record.fields, line: record.line))
                frames.append(.csvRow(file: table.columns.fileName, row: index + 1, line: record.line,
                                      range: SourceRange(source: table.source, start: record.start, end: record.end)))
                await perform(s.body.statements, scope: iterationScope, target: target)
                frames.removeLast()
            }
        }
    }

    private func csvTable(path: String, from source: Source, at range: SourceRange) throws(Abort) -> CSVTable {
        let url = source.resolve(path: path)
        if let cached = csvCache[url.path] { return cached }
        let name = source.displayName(forPath: path)
        let text = try readFile(url: url, name: name, at: range)
        let csv = Source(name: name, text: text, url: url)
        let bytes = csv.bytes
        var header: CSVReader.Record?
        // Each record's width checked as it is read, and the record dropped.
        var widths: [(fields: Int, span: RowSpan)] = []
        let problems = CSVReader.read(bytes) { record in
            guard let first = header else {
                header = record
                return
            }
            let span = RowSpan(line: record.line, start: record.start, end: record.end)
            if record.fields.count != first.fields.count { widths.append((record.fields.count, span)) }
        }
        var failed = false
        for problem in problems {
            report(problem.message, at: SourceRange(source: csv, start: problem.start, end: problem.end))
            failed = true
        }
        guard let header else {
            throw fail(.csvEmpty(name), at: range)
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var seen: Set<String> = []
        for (i, column) in names.enumerated() {
            let where_ = SourceRange(source: csv, start: header.start, end: header.end)
            if column.isEmpty {
                report(.csvUnnamedColumn(i + 1), at: where_)
                failed = true
            } else if !seen.insert(column).inserted {
                report(.csvColumnTwice(column), at: where_)
                failed = true
            }
        }
        for row in widths {
            report(.csvRowWidth(fields: row.fields, columns: names.count),
                   at: SourceRange(source: csv, start: row.span.start, end: row.span.end))
            failed = true
        }
        if failed { throw Abort() }
        let table = CSVTable(columns: CSVColumns(names: names, fileName: name), source: csv, bytes: bytes)
        csvCache[url.path] = table
        return table
    }

    // MARK: - Values

    func evaluate(_ e: ValueExpression, scope: Scope) throws(Abort) -> Value {
        switch e.kind {
        case .word(let t): return .text(t, .word)
        case .number(let t): return .text(t, .number)
        case .date(let t): return .text(t, .date)
        case .string(let parts, _): return .text(try interpolate(parts, scope: scope), .string)
        case .file(let path): return .text(try fileContent(path: path, at: e.range), .file)
        case .fileString(let parts): return .text(try fileContent(path: try interpolate(parts, scope: scope), at: e.range), .file)
        case .variable(let name, let column): return try variable(name, column: column, at: e.range, scope: scope)
        case .list(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try evaluate(item, scope: scope)) }
            try checkSize(of: values, at: e.range)
            return .list(values)
        }
    }

    private func fileContent(path: String, at range: SourceRange) throws(Abort) -> String {
        let url = range.source.resolve(path: path)
        return try readFile(url: url, name: range.source.displayName(forPath: path), at: range)
    }

    func interpolate(_ parts: [StringPart], scope: Scope) throws(Abort) -> String {
        if parts.count == 1, case .text(let t) = parts[0] { return t }
        var out = ""
        for part in parts {
            switch part {
            case .text(let t):
                out += t
            case .interpolation(let name, let column, let range):
                let value = try variable(name, column: column, at: range, scope: scope)
                guard case .text(let t, _) = value else {
                    throw fail(.interpolatedNonText(name, typeName: value.typeName), at: range)
                }
                out += t
                try checkLength(of: out, at: range)
            }
        }
        return out
    }

    func variable(_ name: String, column: String?, at range: SourceRange, scope: Scope) throws(Abort) -> Value {
        guard let value = scope.lookup(name) else {
            throw fail(.unknownVariable(name, visible: scope.visibleNames), at: range)
        }
        if case .poison = value { throw Abort() }
        if let column {
            guard case .row(let row) = value else {
                throw fail(.columnOfNonRow(name, typeName: value.typeName, column: column), at: range)
            }
            guard let index = row.columns.position(of: column), index < row.fields.count else {
                throw fail(.unknownColumn(column, file: row.columns.fileName, columns: row.columns.names), at: range)
            }
            return .text(row.fields[index], .string)
        }
        if case .row(let row) = value {
            throw fail(.rowWithoutColumn(name, columns: row.columns.names), at: range)
        }
        return value
    }

    /// The text of a value that must be a single value.
    func text(_ value: Value, at range: SourceRange, for keyword: String) throws(Abort) -> String {
        switch value {
        case .text(let t, _): return t
        case .poison: throw Abort()
        case .list: throw fail(.listForSingleValue(keyword), at: range)
        case .row(let row):
            throw fail(.rowForSingleValue(keyword, columns: row.columns.names), at: range)
        }
    }

    func text(of expression: ValueExpression, scope: Scope, for keyword: String) throws(Abort) -> String {
        try text(evaluate(expression, scope: scope), at: expression.range, for: keyword)
    }
}
