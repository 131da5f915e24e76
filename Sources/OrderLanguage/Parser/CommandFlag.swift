/// `--name` after a command, or `--name VALUE` for a flag whose spec takes a value.
package struct CommandFlag: Hashable, Sendable {
    package var name: String
    package var range: SourceRange
    /// The value of a flag that takes one (`--endpoint us`); `nil` otherwise, or when missing.
    package var value: ValueExpression?

    package init(name: String, range: SourceRange, value: ValueExpression? = nil) {
        self.name = name
        self.range = range
        self.value = value
    }
}
