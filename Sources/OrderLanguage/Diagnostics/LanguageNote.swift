/// A line of context under a diagnostic: where the recipe was used, which CSV row the order came
/// from, which `include` brought the file in. A note with a ``range`` is drawn as the compiler
/// draws one, with its own location line, source line and caret, so the place it names can be
/// seen (and an editor can link to it) rather than only read as text.
public struct LanguageNote: Hashable, Sendable, CustomStringConvertible {
    /// What the note says (`in recipe 'ev_token' used here`).
    public var message: String
    /// The place it is about; `nil` for a note about no place (`and 2 more times …`).
    public var range: SourceRange?

    public init(_ message: String, at range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }

    /// `file:line:col: note: message`, or `note: message` without a place.
    public var description: String {
        let head = range.map { "\($0.source.name):\($0.location): " } ?? ""
        return "\(head)note: \(message)"
    }
}

/// `{"message", "file", "line", "column"}`, the place's keys only when it has one (see
/// ``LanguageDiagnostic``'s JSON form).
extension LanguageNote: Encodable {
    private enum CodingKeys: String, CodingKey {
        case message, file, line, column
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(message, forKey: .message)
        guard let range else { return }
        let start = range.location
        try container.encode(range.source.name, forKey: .file)
        try container.encode(start.line, forKey: .line)
        try container.encode(start.column, forKey: .column)
    }
}
