/// An argument of a field statement, a command or a `use`: a value, after a comma or not, with
/// a `name:` label for named recipe arguments.
public struct StatementArgument: Hashable, Sendable {
    public var label: String?
    public var labelRange: SourceRange?
    public var value: ValueExpression
    /// Whether a comma separates it from the argument before (`unit A, B`).
    public var afterComma: Bool

    public init(label: String? = nil, labelRange: SourceRange? = nil, value: ValueExpression, afterComma: Bool = false) {
        self.label = label
        self.labelRange = labelRange
        self.value = value
        self.afterComma = afterComma
    }

    /// The range of the label and value.
    public var range: SourceRange { labelRange.map { $0.through(value.range) } ?? value.range }
}
