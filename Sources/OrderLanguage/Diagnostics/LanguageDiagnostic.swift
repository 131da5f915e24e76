import CertOrder

/// A finding about a script: a syntax or evaluation error of the language, or a validator
/// diagnostic of a compiled order mapped back to the statement that set the field.
public struct LanguageDiagnostic: Hashable, Sendable, CustomStringConvertible {
    /// Error or warning.
    public var severity: Diagnostic.Severity
    /// What is wrong and what to do.
    public var message: String
    /// The token or statement at fault; `nil` when the finding has no place in a source
    /// (a file that cannot be read).
    public var range: SourceRange?
    /// Context lines printed after the caret: `in recipe 'ev_token' used at batch.order:5:3`.
    public var notes: [String]
    /// For a validator diagnostic, the payload path (`ship_info.method`); `nil` for the language's own.
    public var path: String?
    /// For a validator diagnostic, its kind.
    public var kind: Diagnostic.Kind?

    public init(_ severity: Diagnostic.Severity, _ message: String, at range: SourceRange?,
                notes: [String] = [], path: String? = nil, kind: Diagnostic.Kind? = nil) {
        self.severity = severity
        self.message = message
        self.range = range
        self.notes = notes
        self.path = path
        self.kind = kind
    }

    /// An error of the language at `range`.
    public static func error(_ message: String, at range: SourceRange?) -> LanguageDiagnostic {
        LanguageDiagnostic(.error, message, at: range)
    }

    /// A warning of the language at `range`.
    public static func warning(_ message: String, at range: SourceRange?) -> LanguageDiagnostic {
        LanguageDiagnostic(.warning, message, at: range)
    }

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
