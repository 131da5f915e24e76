/// Why ``OrderRequest/set(path:value:)`` or ``OrderRequest/unset(path:)`` refused: the path or
/// value at fault and a message that says what to do.
package struct FieldPathError: Error, Hashable, Sendable, CustomStringConvertible {
    package enum Kind: String, Hashable, Sendable {
        /// No field has that path (the message carries a did-you-mean).
        case unknownPath
        /// The path names an object or a whole list that cannot take the value; name a member.
        case notAssignable
        /// The value does not fit the field's type or allowed values.
        case invalidValue
        /// A list index past the end (`set` may append at exactly the end).
        case indexOutOfRange
    }

    package var kind: Kind
    /// The path as given.
    package var path: String
    /// What is wrong and what to do.
    package var message: String

    package init(_ kind: Kind, path: String, _ message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    /// Whether the value is at fault (rather than the path).
    package var isValueError: Bool { kind == .invalidValue }

    package var description: String { message }
}
