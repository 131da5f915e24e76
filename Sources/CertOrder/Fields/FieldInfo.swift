/// What the catalog knows of one payload field: where it lives in the body, how the order language
/// writes it, its type and allowed values, and what the API reference says of it.
///
/// Used by `explain FIELD`, by completion, by ``OrderRequest/set(path:value:)`` and by the order
/// language's evaluator.
public struct FieldInfo: Hashable, Sendable {
    /// The JSON type of a field's value.
    public enum ValueType: String, Hashable, Sendable {
        case int, string, bool, date, list, object
    }

    /// The payload path, with `[]` standing for a list index: `ship_info.method`,
    /// `custom_fields[].value`.
    public var path: String
    /// The order language statement that sets the field (`method`), `nil` when only `set PATH`
    /// reaches it.
    public var statement: String?
    /// Other statement names that answer for the same field, usually the API's own field name
    /// (`signature_hash` for `hash`).
    public var aliases: [String]
    /// The block a statement for this field is written in: `certificate`, `ship`, or `nil` for
    /// the order itself.
    public var block: String?
    /// The value's JSON type.
    public var type: ValueType
    /// For a `list`, the type of its elements.
    public var elementType: ValueType?
    /// The values the API allows, in the payload's spelling (`EXPEDITED`, `sha256`); empty when
    /// any value of the type goes.
    public var allowedValues: [String]
    /// Whether the API requires the field (within its enclosing object, when the object is given).
    public var isRequired: Bool
    /// Whether the field is used only by EV code signing orders (an asterisk in the reference).
    public var isEVOnly: Bool
    /// What the reference says of the field, in one paragraph.
    public var summary: String
    /// How a script writes the field when the bare statement does not say it all
    /// (`validity N days`); `nil` when `statement VALUE` does.
    public var usage: String?

    public init(path: String, statement: String? = nil, aliases: [String] = [], block: String? = nil, usage: String? = nil,
                type: ValueType, elementType: ValueType? = nil, allowedValues: [String] = [],
                isRequired: Bool = false, isEVOnly: Bool = false, summary: String) {
        self.path = path
        self.statement = statement
        self.aliases = aliases
        self.block = block
        self.type = type
        self.elementType = elementType
        self.allowedValues = allowedValues
        self.isRequired = isRequired
        self.isEVOnly = isEVOnly
        self.summary = summary
        self.usage = usage
    }

    /// Every name the field answers to: its path, its statement and its aliases.
    public var names: [String] {
        [path] + (statement.map { [$0] } ?? []) + aliases
    }

    /// The type as a reader says it: `string, one of STANDARD, EXPEDITED`, `list of string`.
    public var typeDescription: String {
        var text = type.rawValue
        if type == .list, let element = elementType { text += " of \(element.rawValue)" }
        if type == .date { text += " (YYYY-MM-DD)" }
        if !allowedValues.isEmpty {
            text += ", one of " + allowedValues.joined(separator: ", ")
        }
        return text
    }

    /// The statement as written in a script, with its block: `ship < method ... >`.
    public var statementUsage: String? {
        guard let statement = usage ?? statement else { return nil }
        if let block { return "\(block) < \(statement) ... >" }
        return statement
    }

    /// Several lines for `explain FIELD`: the path, the statement and aliases, the type, the
    /// rules and the reference's description.
    public var explanation: String {
        var lines: [String] = [path]
        if let usage = statementUsage {
            var line = "  statement: \(usage)"
            if !aliases.isEmpty { line += " (also: \(aliases.joined(separator: ", ")))" }
            lines.append(line)
        }
        lines.append("  type: \(typeDescription)")
        var rules: [String] = []
        rules.append(isRequired ? "required" : "optional")
        if isEVOnly { rules.append("EV code signing orders only") }
        lines.append("  " + rules.joined(separator: "; "))
        lines.append("  " + summary)
        return lines.joined(separator: "\n")
    }
}
