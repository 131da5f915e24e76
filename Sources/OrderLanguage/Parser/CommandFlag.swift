/// `--name` after a command, or `--name VALUE` for a flag whose spec takes a value.
public struct CommandFlag: Hashable, Sendable {
    public var name: String
    public var range: SourceRange
    /// The value of a flag that takes one (`--endpoint us`); `nil` otherwise, or when missing.
    public var value: ValueExpression?

    public init(name: String, range: SourceRange, value: ValueExpression? = nil) {
        self.name = name
        self.range = range
        self.value = value
    }
}
