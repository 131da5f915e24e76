/// Why ``OrderRequest/set(path:value:)`` or ``OrderRequest/unset(path:)`` refused: the path or
/// value at fault and a message that says what to do.
public struct FieldPathError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// No field has that path (the message carries a did-you-mean).
        case unknownPath
        /// The path names an object or a whole list that cannot take the value; name a member.
        case notAssignable
        /// The value does not fit the field's type or allowed values.
        case invalidValue
        /// A list index past the end (`set` may append at exactly the end).
        case indexOutOfRange
    }

    public var kind: Kind
    /// The path as given.
    public var path: String
    /// What is wrong and what to do.
    public var message: String

    public init(_ kind: Kind, path: String, _ message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    /// Whether the value is at fault (rather than the path).
    public var isValueError: Bool { kind == .invalidValue }

    public var description: String { message }
}
