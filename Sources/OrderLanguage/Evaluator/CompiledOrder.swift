import CertOrder

/// Where a payload field was set: the statement's keyword and the value that gave it.
public struct FieldOrigin: Hashable, Sendable {
    /// The keyword of the statement (`validity`, `set`, `ship`).
    public var statement: SourceRange
    /// The value token; `nil` when the statement has none (`skip_approval`, a block).
    public var value: SourceRange?

    public init(statement: SourceRange, value: SourceRange?) {
        self.statement = statement
        self.value = value
    }
}

/// Where an order was made, for notes under its diagnostics.
enum EvaluationFrame: Hashable, Sendable {
    /// Inside a recipe, used at a place.
    case recipe(name: String, use: SourceRange)
    /// In a `for ... in csv` loop, at a row; `range` is the row in the CSV file.
    case csvRow(file: String, row: Int, line: Int, range: SourceRange)
    /// In a `for ... in [list]` loop, at an item.
    case item(variable: String, index: Int, value: String)
    /// In a file an `include` (or a `load` of a script) brought in, at that statement;
    /// `how` is `included` or `loaded`.
    case file(name: String, how: String, at: SourceRange)

    /// The note as one line of text, with the place spelled in it: for labels such as the batch
    /// summary's, where no source line is drawn.
    var note: String {
        switch self {
        case .recipe(let name, let use): return "in recipe '\(name)' used at \(use)"
        case .csvRow(let file, let row, let line, _): return "in row \(row) of \(file) (line \(line))"
        case .item(let variable, let index, let value): return "in iteration \(index) of the loop (\(variable) = \(value))"
        case .file(let name, let how, let at): return "in '\(name)' \(how) at \(at)"
        }
    }

    /// The note as a diagnostic shows it: the place as its range (drawn with its own source
    /// line and caret), so the text need not spell it.
    var located: LanguageNote {
        switch self {
        case .recipe(let name, let use): return LanguageNote("in recipe '\(name)' used here", at: use)
        case .csvRow(let file, let row, _, let range): return LanguageNote("in row \(row) of \(file)", at: range)
        case .item: return LanguageNote(note)
        case .file(let name, let how, let at): return LanguageNote("in '\(name)' \(how) here", at: at)
        }
    }

    /// Whether the frame is a file's inclusion, which says where the text came from rather than
    /// which order (a batch's label leaves it out).
    var isFile: Bool {
        if case .file = self { return true }
        return false
    }
}

/// One order a script made: the product, the request body, where the `order` keyword is and,
/// for each payload path, the statement that set it.
public struct CompiledOrder: Hashable, Sendable {
    /// The product ordered; it picks the endpoint.
    public var product: Product
    /// The request body.
    public var request: OrderRequest
    /// The `order` keyword (or the `new` / `load` command) that started it.
    public var orderRange: SourceRange
    /// Payload path (`ship_info.method`, `custom_fields[0].value`, `certificate.organization_units[1]`)
    /// → where it was set. Objects a block created (`ship_info`) are recorded too.
    public var origins: [String: FieldOrigin]
    /// The recipe uses and loop iterations the order was made in, innermost last.
    var frames: [EvaluationFrame]
    /// The payload paths whose statement was refused (`payment bitcoin`): unknown, not absent,
    /// so the validator's findings about them (a "missing" error) are not reported; the
    /// refusal already says what is wrong there.
    public var unknownPaths: Set<String> = []
    /// Whether the validator can judge the order: false when a statement that is not a field's
    /// (a `use` of a missing recipe, a command) failed inside it, so any field may be unknown.
    public var isJudgeable = true
    /// The order's renewal window in days (`renew_within 30 days`), for `plan` and `apply`;
    /// `nil` when the order does not say. No payload field: it is never sent.
    package var renewWithin: Int?
    /// The name a `name` statement declared (also written to `alternative_order_id`), so that an
    /// `alternative_order_id` with another value is found at the end of the order.
    package var declaredName: String?
    /// Where that name was written (its value).
    package var declaredNameRange: SourceRange?

    public init(product: Product, request: OrderRequest = OrderRequest(), orderRange: SourceRange,
                origins: [String: FieldOrigin] = [:]) {
        self.product = product
        self.request = request
        self.orderRange = orderRange
        self.origins = origins
        self.frames = []
    }

    /// Notes that say where the order was made (`in row 3 of developers.csv (line 4)`), innermost
    /// first, as one line of text each; the files that included it are left out.
    public var notes: [String] { frames.reversed().filter { !$0.isFile }.map(\.note) }

    /// The notes a diagnostic about the order carries, innermost first, each with its place.
    public var locatedNotes: [LanguageNote] { frames.reversed().map(\.located) }

    /// The order as the DSL's value.
    public var order: Order { Order(product, request: request) }

    /// The source range a validator diagnostic about `path` points at: for a bad value, the value
    /// token of the statement that set the field; otherwise that statement's keyword. A field that
    /// was never set points at the enclosing block that was (`ship` for `ship_info.zip`), or at the
    /// `order` keyword.
    public func range(for path: String, kind: Diagnostic.Kind = .missing) -> SourceRange {
        if let origin = origins[path] {
            let pointsAtValue = kind == .invalidValue || kind == .invalidCSR || kind == .advice
            return (pointsAtValue ? origin.value : nil) ?? origin.statement
        }
        var parent = path
        while let cut = parent.lastIndex(where: { $0 == "." || $0 == "[" }) {
            parent = String(parent[..<cut])
            if let origin = origins[parent] {
                // An element of a list points at the value that added it.
                if kind != .missing, let value = origin.value { return value }
                return origin.statement
            }
        }
        return orderRange
    }

    /// A validator diagnostic of this order placed at its source.
    public func locate(_ diagnostic: Diagnostic) -> LanguageDiagnostic {
        LanguageDiagnostic(diagnostic, at: range(for: diagnostic.path, kind: diagnostic.kind), notes: locatedNotes)
    }

    /// Every validator diagnostic of the order, placed at its source; none about an unknown
    /// path (``unknownPaths``), and none at all when the order is not judgeable.
    public func validate(with validator: Validator = Validator()) -> [LanguageDiagnostic] {
        judged(validator.validate(request, product: product)).map(locate)
    }

    /// The validator's diagnostics of the order that are about what is known of it.
    public func judged(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard isJudgeable else { return [] }
        guard !unknownPaths.isEmpty else { return diagnostics }
        return diagnostics.filter { !isUnknown($0.path) }
    }

    /// Whether `path` is an unknown path or lies under one.
    func isUnknown(_ path: String) -> Bool {
        unknownPaths.contains { path == $0 || path.hasPrefix($0 + ".") || path.hasPrefix($0 + "[") }
    }

    // MARK: - Recording origins (evaluator)

    mutating func record(_ path: String, _ statement: SourceRange, _ value: SourceRange?) {
        origins[path] = FieldOrigin(statement: statement, value: value)
    }

    /// Forgets the origins of `path` and everything under it.
    mutating func forget(_ path: String) {
        guard !origins.isEmpty else { return }
        let dotted = path + ".", indexed = path + "["
        for key in origins.keys where key == path || key.hasPrefix(dotted) || key.hasPrefix(indexed) {
            origins[key] = nil
        }
    }
}
