/// The syntax tree the ``Parser`` builds: statements and blocks, each with its source range.
///
/// The tree keeps what `fmt` needs to print a script back (keywords as written, commas, named
/// arguments, string parts); the evaluator never reads the source again.

/// A value as written: a word, number, date, string, `@file`, `$variable` or `[list]`.
public struct Expression: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case word(String)
        /// A number keeps its text (`02134`).
        case number(String)
        case date(String)
        /// `"..."` (or `"""` ... `"""` when `isBlock`).
        case string([StringPart], isBlock: Bool)
        /// `@path`: the file's content.
        case file(String)
        /// `@"path ${x}"`: the file's content, its path interpolated.
        case fileString([StringPart])
        /// `$name` or `$name.column`.
        case variable(name: String, column: String?)
        /// `[a, b, c]`.
        case list([Expression])
    }

    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// An argument of a field statement, a command or a `use`: a value, after a comma or not, with
/// a `name:` label for named recipe arguments.
public struct Argument: Hashable, Sendable {
    public var label: String?
    public var labelRange: SourceRange?
    public var value: Expression
    /// Whether a comma separates it from the argument before (`unit A, B`).
    public var afterComma: Bool

    public init(label: String? = nil, labelRange: SourceRange? = nil, value: Expression, afterComma: Bool = false) {
        self.label = label
        self.labelRange = labelRange
        self.value = value
        self.afterComma = afterComma
    }

    /// The range of the label and value.
    public var range: SourceRange { labelRange.map { $0.through(value.range) } ?? value.range }
}

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
    public var arguments: [Argument]
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
    public var product: Expression
    public var block: Block?
    public var range: SourceRange
}

/// `let NAME = VALUE`.
public struct LetStatement: Hashable, Sendable {
    public var keywordRange: SourceRange
    public var name: String
    public var nameRange: SourceRange
    public var value: Expression
    public var range: SourceRange
}

/// A recipe parameter: `name` or `name = default`.
public struct Parameter: Hashable, Sendable {
    public var name: String
    public var range: SourceRange
    public var defaultValue: Expression?
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
    public var arguments: [Argument]?
    public var range: SourceRange
}

/// `include PATH`.
public struct IncludeStatement: Hashable, Sendable {
    public var keywordRange: SourceRange
    public var path: Expression
    public var range: SourceRange
}

/// `for NAME in [list] < ... >`, `for NAME in $list < ... >`, `for NAME in csv PATH < ... >`.
public struct ForStatement: Hashable, Sendable {
    public enum Sequence: Hashable, Sendable {
        /// A `[list]` or a variable holding one.
        case values(Expression)
        /// `csv PATH`, with the range of the `csv` keyword.
        case csv(keywordRange: SourceRange, path: Expression)
    }

    public var keywordRange: SourceRange
    public var variable: String
    public var variableRange: SourceRange
    public var sequence: Sequence
    public var body: Block
    public var range: SourceRange
}

/// `--name` after a command, or `--name VALUE` for a flag whose spec takes a value.
public struct Flag: Hashable, Sendable {
    public var name: String
    public var range: SourceRange
    /// The value of a flag that takes one (`--endpoint us`); `nil` otherwise, or when missing.
    public var value: Expression?

    public init(name: String, range: SourceRange, value: Expression? = nil) {
        self.name = name
        self.range = range
        self.value = value
    }
}

/// A command of the shell (`json`, `set PATH VALUE`, `export swift`, `send --force`): its name,
/// its arguments with their ranges, and its flags.
public struct Command: Hashable, Sendable {
    /// The command's name, lowercased.
    public var name: String
    /// The name as written.
    public var keyword: String
    public var nameRange: SourceRange
    public var arguments: [Argument]
    public var flags: [Flag]
    public var range: SourceRange

    /// The command's kind; `nil` only for a tree built by hand with a name that is not one.
    public var command: CommandName? { CommandName(rawValue: name) }

    /// The commands of the language, in the order `help` lists them (see ``CommandName``).
    public static let names: [String] = CommandName.allCases.map(\.rawValue)
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
    case command(Command)

    /// The whole statement, from its keyword to its last token.
    public var range: SourceRange {
        switch self {
        case .field(let s): return s.range
        case .order(let s): return s.range
        case .binding(let s): return s.range
        case .recipe(let s): return s.range
        case .use(let s): return s.range
        case .include(let s): return s.range
        case .loop(let s): return s.range
        case .command(let s): return s.range
        }
    }

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
    public var keywordRange: SourceRange {
        switch self {
        case .field(let s): return s.keywordRange
        case .order(let s): return s.keywordRange
        case .binding(let s): return s.keywordRange
        case .recipe(let s): return s.keywordRange
        case .use(let s): return s.keywordRange
        case .include(let s): return s.keywordRange
        case .loop(let s): return s.keywordRange
        case .command(let s): return s.nameRange
        }
    }
}
