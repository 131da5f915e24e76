/// A value as written: a word, number, date, string, `@file`, `$variable` or `[list]`.
public struct ValueExpression: Hashable, Sendable {
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
        case list([ValueExpression])
    }

    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}
