import CertOrder

/// A finding about a script: a syntax or evaluation error of the language, or a validator
/// diagnostic of a compiled order mapped back to the statement that set the field.
///
/// Each has an ``id`` that names its kind for machines (`lang.block.unclosed`,
/// `order.validity.range`): tests key on it and an editor reports it as the diagnostic's
/// ``code``, so rewording a message breaks neither.
public struct LanguageDiagnostic: Hashable, Sendable, CustomStringConvertible {
    /// Which kind of finding it is: a ``LanguageMessageID`` or, for a validator diagnostic, a
    /// ``ValidationMessageID``.
    public var id: DiagnosticID
    /// Error or warning.
    public var severity: Diagnostic.Severity
    /// What is wrong and what to do.
    public var message: String
    /// The token or statement at fault; `nil` when the finding has no place in a source
    /// (a file that cannot be read).
    public var range: SourceRange?
    /// Context printed after the caret, each note with its own place when it has one: the
    /// recipe's use, the CSV row, the `include`.
    public var notes: [LanguageNote]
    /// For a validator diagnostic, the payload path (`ship_info.method`); `nil` for the language's own.
    public var path: String?
    /// For a validator diagnostic, its kind.
    public var kind: Diagnostic.Kind?

    /// A diagnostic of the language at `range`, worded and identified by `message`.
    public init(_ message: LanguageMessage, at range: SourceRange?, notes: [LanguageNote] = []) {
        self.init(message.severity, message.text, at: range, notes: notes, id: message.id.id)
    }

    /// A validator diagnostic placed at `range`; it keeps the validator's ID, path and kind.
    public init(_ diagnostic: Diagnostic, at range: SourceRange?, notes: [LanguageNote] = []) {
        self.init(diagnostic.severity, diagnostic.message, at: range, notes: notes, path: diagnostic.path,
                  kind: diagnostic.kind, id: diagnostic.id)
    }

    /// A diagnostic worded at its call site; without an `id` it is ``LanguageMessageID/other``.
    /// Prefer a ``LanguageMessage``.
    public init(_ severity: Diagnostic.Severity, _ message: String, at range: SourceRange?,
                notes: [LanguageNote] = [], path: String? = nil, kind: Diagnostic.Kind? = nil,
                id: DiagnosticID = LanguageMessageID.other.id) {
        self.id = id
        self.severity = severity
        self.message = message
        self.range = range
        self.notes = notes
        self.path = path
        self.kind = kind
    }

    /// An error worded at its call site, with the ID ``LanguageMessageID/other``: for text that
    /// has no kind of its own (a renderer's test). The language's findings use ``LanguageMessage``.
    public static func error(_ message: String, at range: SourceRange?) -> LanguageDiagnostic {
        LanguageDiagnostic(.error, message, at: range)
    }

    /// A warning worded at its call site, with the ID ``LanguageMessageID/other``.
    public static func warning(_ message: String, at range: SourceRange?) -> LanguageDiagnostic {
        LanguageDiagnostic(.warning, message, at: range)
    }

    /// The ID as an editor shows a diagnostic's code (the Language Server Protocol's
    /// `Diagnostic.code`): `lang.block.unclosed`.
    public var code: String { id.rawValue }

    public var isError: Bool { severity == .error }

    /// Where the diagnostic starts, when it has a place.
    public var location: SourceLocation? { range?.location }

    /// `file:line:col: severity: message`, the first line of the rendered form.
    public var description: String {
        let head = range.map { "\($0.source.name):\($0.location): " } ?? ""
        return "\(head)\(severity.rawValue): \(message)"
    }
}

extension Array where Element == LanguageDiagnostic {
    /// Whether any is an error.
    public var hasErrors: Bool { contains(where: \.isError) }
    /// The errors only.
    public var errors: [LanguageDiagnostic] { filter(\.isError) }
    /// The warnings only.
    public var warnings: [LanguageDiagnostic] { filter { !$0.isError } }
}
