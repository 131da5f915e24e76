/// One finding of the ``Validator``: how bad, where in the payload, what is wrong and what to do.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Comparable {
        case warning, error

        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    /// What kind of problem it is; with ``path`` it gives the API-style code.
    public enum Kind: String, Hashable, Sendable {
        /// A required field is absent.
        case missing = "missing_field"
        /// A value outside what the field allows.
        case invalidValue = "invalid_value"
        /// Fields that cannot go together (two validity forms).
        case conflict = "conflicting_fields"
        /// A CSR that does not parse or whose key is too weak.
        case invalidCSR = "csr_invalid"
        /// Advice: the order is valid but may not do what was meant.
        case advice = "advice"
    }

    /// Which kind of finding it is, stable across rewordings (`order.validity.range`).
    public var id: DiagnosticID
    public var severity: Severity
    public var kind: Kind
    /// The payload path at fault, e.g. `ship_info.method`, `custom_fields[0].value`.
    public var path: String
    /// What is wrong and what to do, in one sentence.
    public var message: String

    /// A finding about the field at `path`, worded and identified by `message`.
    public init(_ message: ValidationMessage, path: String) {
        self.id = message.id.id
        self.severity = message.severity
        self.kind = message.kind
        self.path = path
        self.message = message.text
    }

    /// A finding about the field at `path`.
    package init(_ message: ValidationMessage, at path: FieldPath) {
        self.init(message, path: path.template)
    }

    /// A finding worded at its call site; its ID is ``ValidationMessageID/other``. Prefer a
    /// ``ValidationMessage``: this initialiser stays so code that predates the message table
    /// keeps building.
    public init(_ severity: Severity, _ kind: Kind, path: String, _ message: String) {
        self.id = ValidationMessageID.other.id
        self.severity = severity
        self.kind = kind
        self.path = path
        self.message = message
    }

    /// The error code the API uses for such a problem, e.g. `invalid_value:validity_years`.
    public var apiCode: String {
        switch kind {
        case .invalidCSR: return "csr_invalid_cannot_parse"
        default: return "\(kind.rawValue):\(path)"
        }
    }

    public var isError: Bool { severity == .error }

    /// `path: severity: message`.
    public var description: String { "\(path): \(severity.rawValue): \(message)" }
}

extension Array where Element == Diagnostic {
    /// The errors only.
    public var errors: [Diagnostic] { filter(\.isError) }
    /// The warnings only.
    public var warnings: [Diagnostic] { filter { !$0.isError } }
}
