/// `> FILE` or `>> FILE` after a command that prints data (`json > order.json`,
/// `orders --json >> sent.json`): what the command prints goes to FILE instead of stdout.
///
/// `>` closes a block everywhere else, so the parser takes it as a redirection only right after
/// a command's words and before a value on the same line; inside a block, a `>` with no value
/// after it still closes the block (`for d in [a, b] < show >`).
package struct OutputRedirection: Hashable, Sendable {
    /// `>>`: appended to FILE rather than replacing it.
    package var appends: Bool
    /// The `>` or `>>`.
    package var operatorRange: SourceRange
    /// FILE: a word, a string or a variable.
    package var target: ValueExpression

    package init(appends: Bool, operatorRange: SourceRange, target: ValueExpression) {
        self.appends = appends
        self.operatorRange = operatorRange
        self.target = target
    }

    /// `>` or `>>`.
    package var operatorText: String { appends ? ">>" : ">" }

    /// From the operator to the end of FILE.
    package var range: SourceRange { operatorRange.through(target.range) }
}
