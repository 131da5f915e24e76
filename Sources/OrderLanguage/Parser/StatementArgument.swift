/// An argument of a field statement, a command or a `use`: a value, after a comma or not, with
/// a `name:` label for named recipe arguments.
package struct StatementArgument: Hashable, Sendable {
    package var label: String?
    package var labelRange: SourceRange?
    package var value: ValueExpression
    /// Whether a comma separates it from the argument before (`unit A, B`).
    package var afterComma: Bool

    package init(label: String? = nil, labelRange: SourceRange? = nil, value: ValueExpression, afterComma: Bool = false) {
        self.label = label
        self.labelRange = labelRange
        self.value = value
        self.afterComma = afterComma
    }

    /// The range of the label and value.
    package var range: SourceRange { labelRange.map { $0.through(value.range) } ?? value.range }
}
