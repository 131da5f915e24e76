/// The syntax tree the ``Parser`` builds: statements and blocks, each with its source range.
///
/// The tree keeps what `fmt` needs to print a script back (keywords as written, commas, named
/// arguments, string parts); the evaluator never reads the source again.
///
/// ``ValueExpression``, ``StatementArgument``, ``CommandFlag`` and ``CommandStatement`` have files
/// of their own.

/// `< ... >`: statements between angle brackets.
package struct Block: Hashable, Sendable {
    package var statements: [Statement]
    /// The `<`.
    package var open: SourceRange
    /// The `>`.
    package var close: SourceRange
    /// Whether a statement of the block binds a name (`let`, `recipe`, `include`), so evaluating
    /// it needs a scope of its own.
    package var declaresNames: Bool
}

/// A statement setting payload fields: `hash sha256`, `unit A, B`, `ship < ... >`.
package struct FieldStatement: Hashable, Sendable {
    /// The keyword as written.
    package var keyword: String
    package var keywordRange: SourceRange
    package var arguments: [StatementArgument]
    package var block: Block?
    package var range: SourceRange
    /// What the keyword names, resolved when parsed; `nil` for an unknown keyword (reported by
    /// the evaluator, which knows the block it is in).
    var spec: FieldStatementSpec?
}

/// `order PRODUCT [< ... >]`.
package struct OrderStatement: Hashable, Sendable {
    package var keyword: String
    package var keywordRange: SourceRange
    package var product: ValueExpression
    package var block: Block?
    package var range: SourceRange
}

/// `let NAME = VALUE`.
package struct LetStatement: Hashable, Sendable {
    package var keywordRange: SourceRange
    package var name: String
    package var nameRange: SourceRange
    package var value: ValueExpression
    package var range: SourceRange
}

/// A recipe parameter: `name` or `name = default`.
package struct Parameter: Hashable, Sendable {
    package var name: String
    package var range: SourceRange
    package var defaultValue: ValueExpression?
}

/// `recipe NAME[(PARAMS)] < ... >`.
package struct RecipeDeclaration: Hashable, Sendable {
    package var keywordRange: SourceRange
    package var name: String
    package var nameRange: SourceRange
    /// `nil` when written without parentheses.
    package var parameters: [Parameter]?
    package var body: Block
    package var range: SourceRange
}

/// `use NAME[(ARGS)]`.
package struct UseStatement: Hashable, Sendable {
    package var keywordRange: SourceRange
    package var name: String
    package var nameRange: SourceRange
    /// `nil` when written without parentheses.
    package var arguments: [StatementArgument]?
    package var range: SourceRange
}

/// `include PATH`.
package struct IncludeStatement: Hashable, Sendable {
    package var keywordRange: SourceRange
    package var path: ValueExpression
    package var range: SourceRange
}

/// `for NAME in [list] < ... >`, `for NAME in $list < ... >`, `for NAME in csv PATH < ... >`.
package struct ForStatement: Hashable, Sendable {
    package enum Sequence: Hashable, Sendable {
        /// A `[list]` or a variable holding one.
        case values(ValueExpression)
        /// `csv PATH`, with the range of the `csv` keyword.
        case csv(keywordRange: SourceRange, path: ValueExpression)
    }

    package var keywordRange: SourceRange
    package var variable: String
    package var variableRange: SourceRange
    package var sequence: Sequence
    package var body: Block
    package var range: SourceRange
}
/// One statement of a script.
package indirect enum Statement: Hashable, Sendable {
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
    package var range: SourceRange { syntax.range }

    /// The statement's block, if it has one.
    package var block: Block? {
        switch self {
        case .field(let s): return s.block
        case .order(let s): return s.block
        case .recipe(let s): return s.body
        case .loop(let s): return s.body
        default: return nil
        }
    }

    /// The range of the statement's first word.
    package var keywordRange: SourceRange { syntax.keywordRange }
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
