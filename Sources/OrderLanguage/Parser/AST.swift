/// The syntax tree the ``Parser`` builds: statements and blocks, each with its source range.
///
/// The tree keeps what `fmt` needs to print a script back (keywords as written, commas, named
/// arguments, string parts); the evaluator never reads the source again.
///
/// ``ValueExpression``, ``StatementArgument``, ``CommandFlag`` and ``CommandStatement`` have files
/// of their own.

/// `< ... >`: statements between angle brackets.
public struct Block: Hashable, Sendable {
    public var statements: [Statement]
    /// The `<`.
    public var open: SourceRange
    /// The `>`.
    public var close: SourceRange
    /// Whether a statement of the block binds a name (`let`, `recipe`, `include`), so evaluating
    /// it needs a scope of its own.
    public var declaresNames: Bool
}

/// A statement setting payload fields: `hash sha256`, `unit A, B`, `ship < ... >`.
public struct FieldStatement: Hashable, Sendable {
    /// The keyword as written.
    public var keyword: String
    public var keywordRange: SourceRange
    public var arguments: [StatementArgument]
    public var block: Block?
    public var range: SourceRange
    /// What the keyword names, resolved when parsed; `nil` for an unknown keyword (reported by
    /// the evaluator, which knows the block it is in).
    var spec: FieldStatementSpec?
}

/// `order PRODUCT [< ... >]`.
public struct OrderStatement: Hashable, Sendable {
    public var keyword: String
    public var keywordRange: SourceRange
    public var product: ValueExpression
    public var block: Block?
    public var range: SourceRange
}

/// `let NAME = VALUE`.
public struct LetStatement: Hashable, Sendable {
    public var keywordRange: SourceRange
    public var name: String
    public var nameRange: SourceRange
    public var value: ValueExpression
    public var range: SourceRange
}

/// A recipe parameter: `name` or `name = default`.
public struct Parameter: Hashable, Sendable {
    public var name: String
    public var range: SourceRange
    public var defaultValue: ValueExpression?
}

/// `recipe NAME[(PARAMS)] < ... >`.
public struct RecipeDeclaration: Hashable, Sendable {
    public var keywordRange: SourceRange
    public var name: String
    public var nameRange: SourceRange
    /// `nil` when written without parentheses.
    public var parameters: [Parameter]?
    public var body: Block
    public var range: SourceRange
}

/// `use NAME[(ARGS)]`.
public struct UseStatement: Hashable, Sendable {
    public var keywordRange: SourceRange
    public var name: String
    public var nameRange: SourceRange
    /// `nil` when written without parentheses.
    public var arguments: [StatementArgument]?
    public var range: SourceRange
}

/// `include PATH`.
public struct IncludeStatement: Hashable, Sendable {
    public var keywordRange: SourceRange
    public var path: ValueExpression
    public var range: SourceRange
}

/// `for NAME in [list] < ... >`, `for NAME in $list < ... >`, `for NAME in csv PATH < ... >`.
public struct ForStatement: Hashable, Sendable {
    public enum Sequence: Hashable, Sendable {
        /// A `[list]` or a variable holding one.
        case values(ValueExpression)
        /// `csv PATH`, with the range of the `csv` keyword.
        case csv(keywordRange: SourceRange, path: ValueExpression)
    }

    public var keywordRange: SourceRange
    public var variable: String
    public var variableRange: SourceRange
    public var sequence: Sequence
    public var body: Block
    public var range: SourceRange
}
/// One statement of a script.
public indirect enum Statement: Hashable, Sendable {
    case field(FieldStatement)
    case order(OrderStatement)
    case binding(LetStatement)
    case recipe(RecipeDeclaration)
    case use(UseStatement)
    case include(IncludeStatement)
    case loop(ForStatement)
    case command(CommandStatement)

    /// The statement's own node, whichever kind it is.
    private var syntax: any StatementSyntax {
        switch self {
        case .field(let s): return s
        case .order(let s): return s
        case .binding(let s): return s
        case .recipe(let s): return s
        case .use(let s): return s
        case .include(let s): return s
        case .loop(let s): return s
        case .command(let s): return s
        }
    }

    /// The whole statement, from its keyword to its last token.
    public var range: SourceRange { syntax.range }

    /// The statement's block, if it has one.
    public var block: Block? {
        switch self {
        case .field(let s): return s.block
        case .order(let s): return s.block
        case .recipe(let s): return s.body
        case .loop(let s): return s.body
        default: return nil
        }
    }

    /// The range of the statement's first word.
    public var keywordRange: SourceRange { syntax.keywordRange }
}

/// What every kind of statement has: its whole range and its first word's.
protocol StatementSyntax {
    var range: SourceRange { get }
    var keywordRange: SourceRange { get }
}

extension FieldStatement: StatementSyntax {}
extension OrderStatement: StatementSyntax {}
extension LetStatement: StatementSyntax {}
extension RecipeDeclaration: StatementSyntax {}
extension UseStatement: StatementSyntax {}
extension IncludeStatement: StatementSyntax {}
extension ForStatement: StatementSyntax {}

extension CommandStatement: StatementSyntax {
    /// A command's first word is its name.
    var keywordRange: SourceRange { nameRange }
}
