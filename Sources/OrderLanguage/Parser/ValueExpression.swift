/// A value as written: a word, number, date, string, `@file`, `$variable` or `[list]`.
package struct ValueExpression: Hashable, Sendable {
    package enum Kind: Hashable, Sendable {
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

    package var kind: Kind
    package var range: SourceRange

    package init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}
