/// One field of the order body: everything the language, the shell, help, completion, the `show`
/// tree and the exporters need to know of it, in one value (one row of ``FieldCatalog``).
///
/// A row says where the field lives in the payload (``path``), how its value is read, checked,
/// completed and written (``kind``), how to read and write it on an ``OrderRequest``
/// (``access``), and, when the order language has a statement for it, that statement
/// (``statement``). Everything else is derived from the rows: `set`/`unset`/`value(at:)`, the
/// parser's statement lookup, the evaluator's generic path, `explain`, `help`, completion, the
/// draft tree and the script and Swift exporters.
///
/// A class, not a struct: the parser hands the row to every statement it resolves, and the
/// evaluator reads it once per statement of every order of a batch; one reference is cheaper to
/// pass than a copy of some twenty strings.
package final class Field: Sendable {
    /// The payload path, with `[]` standing for a list index: `ship_info.method`,
    /// `custom_fields[].value`.
    package let path: FieldPath
    /// How values are parsed, checked, completed and written.
    package let kind: Kind
    /// Typed get, set and remove on ``OrderRequest``.
    package let access: Access
    /// The order-language statement that writes the field; `nil` when only `set PATH` reaches it.
    package let statement: Statement?
    /// Whether the API requires the field (within its enclosing object, when the object is given).
    package let isRequired: Bool
    /// Whether the field is used only by EV code signing orders (an asterisk in the reference).
    package let isEVOnly: Bool
    /// What the API reference says of the field, in one paragraph (`explain`).
    package let summary: String
    /// How `explain` says a script writes the field when the bare statement name does not say it
    /// all (`validity N days`); its first word names the statement.
    package let usage: String?
    /// Whether the `show` tree quotes the value (prose such as comments).
    package let quotedInTree: Bool
    /// The Swift spelling of the field on ``OrderRequest`` (`certificate.signatureHash`), for
    /// what `export swift` must assign because no DSL component writes it.
    package let swiftProperty: String?
    /// Whether the row is a field of the payload or a statement of the language only.
    package let role: Role

    package init(_ path: FieldPath, _ kind: Kind, _ access: Access, statement: Statement? = nil,
                required isRequired: Bool = false, evOnly isEVOnly: Bool = false, usage: String? = nil,
                quotedInTree: Bool = false, swift swiftProperty: String? = nil, role: Role = .payload, summary: String) {
        self.path = path
        self.role = role
        self.kind = kind
        self.access = access
        self.statement = statement
        self.isRequired = isRequired
        self.isEVOnly = isEVOnly
        self.summary = summary
        self.usage = usage
        self.quotedInTree = quotedInTree
        self.swiftProperty = swiftProperty
        switch kind {
        case .choice(let choices): allowedValues = choices.map(\.value)
        case .integer(let range?, _): allowedValues = range.map(String.init)
        default: allowedValues = []
        }
        idOf = path.key == "id" ? path.parent : nil
    }

    /// The values the payload allows, in its spelling (`EXPEDITED`, `1`); empty when any value
    /// of the kind goes.
    package let allowedValues: [String]

    /// For the `id` of a `{"id": N}` object (`organization.id`), the object: writing the id
    /// writes the object.
    package let idOf: FieldPath?

    /// A non-payload statement's row: a statement of an order that is no field of the request
    /// body (``Role/statement``). Its ``path`` is the statement's name, a key no payload has, so
    /// the row is known by it like any other; it has no access (nothing of ``OrderRequest`` is
    /// read or written through it: its ``Statement/special`` code says what it does).
    package convenience init(statement: Statement, _ kind: Kind, summary: String) {
        self.init(FieldPath(statement.name), kind, Access(get: { _, _ in nil }, set: nil, remove: nil),
                  statement: statement, role: .statement, summary: summary)
    }

    /// What a catalogue row is.
    ///
    /// Everything that speaks the language (the parser's lookup, `help`, completion in the shell
    /// and the language server, hover, the TextMate grammar) reads every row; everything that
    /// speaks the payload (`set`/`unset`/`value(at:)`, payload order, the `show` tree, the
    /// payload exporters) reads the ``payload`` rows only (``FieldCatalog/payloadOrder``).
    package enum Role: Hashable, Sendable {
        /// A field of the request body, at ``Field/path``.
        case payload
        /// A statement of an order that is no field of the payload: it tells certorder something
        /// about the order (`renew_within 30 days`, the renewal window of `plan`), or writes
        /// another row's field under its own rules (`name`, the declared order's
        /// `alternative_order_id`). The script exporter and `fmt` keep it; payload exporters
        /// ignore it.
        case statement
    }

    /// Where a statement is written: in an order (or at the top, for the draft), in
    /// `certificate < >`, in `ship < >`, or in `contact < >` (one verified contact).
    package enum Block: String, Hashable, Sendable, CaseIterable {
        case order, certificate, ship, contact
    }

    /// How a field's value is read, checked, completed and written.
    package indirect enum Kind: Sendable {
        /// A whole number; `range` lists the allowed values (`validity_years`: 1...3); `named`
        /// are words that stand for numbers (`platform other` is -1).
        case integer(range: ClosedRange<Int>? = nil, named: [String: Int] = [:])
        /// Text, presented as ``TextStyle`` says.
        case string(TextStyle = .word)
        /// One of the allowed values, each with its own help; read case-insensitively and
        /// stored in the payload's spelling.
        case choice([Choice])
        /// A list; the language appends (`unit A, B`), `set PATH "a, b"` replaces.
        case list(of: Kind)
        /// `true` or `false`; the bare statement means `true` (`skip_approval`).
        case flag
        /// A calendar date, `YYYY-MM-DD`.
        case date
        /// An object of other fields.
        case object
    }

    /// How text is written in a script and shown.
    package enum TextStyle: Sendable {
        /// A word, quoted in a script only when it must be (`city Richmond`).
        case word
        /// Free text, always quoted in a script (`alternative_order_id "build-42"`).
        case quoted
        /// A message, always quoted, in a script and in the `show` tree (`comments "..."`).
        case prose
        /// PEM text: a block string in a script, its key in the `show` tree (`csr`).
        case pem
    }

    /// One allowed value of a ``Kind/choice(_:)`` field.
    package struct Choice: Sendable {
        /// The value in the payload's spelling (`EXPEDITED`).
        package var value: String
        /// The Swift case of the DSL's enum (`expedited`), for `export swift`.
        package var swiftCase: String
        /// What choosing it means.
        package var help: String

        package init(_ value: String, swiftCase: String, help: String = "") {
            self.value = value
            self.swiftCase = swiftCase
            self.help = help
        }

        /// The choices of a DSL enum, in its case order.
        package static func cases<E: CaseIterable & RawRepresentable>(of type: E.Type, help: [String: String] = [:]) -> [Choice]
        where E.RawValue == String {
            type.allCases.map { Choice($0.rawValue, swiftCase: String(describing: $0), help: help[$0.rawValue] ?? "") }
        }
    }

    /// A value read from or written to a field, typed as its ``Kind``.
    package enum Value: Hashable, Sendable {
        case integer(Int)
        case text(String)
        case flag(Bool)
        case list([String])
        /// An object that is there (its members are separate fields).
        case present
    }

    /// Why an ``Access`` refused.
    package enum AccessError: Error, Hashable, Sendable {
        /// A list index past the end; the list has `count` entries.
        case indexOutOfRange(count: Int)
        /// The field does not take the value that way; the text says what to do.
        case notAssignable(String)
    }

    /// Reads, writes and removes a field on an ``OrderRequest``. The indices are those of the
    /// path's `[]` (`custom_fields[2].value` passes `[2]`); most fields have none.
    package struct Access: Sendable {
        package var get: @Sendable (OrderRequest, [Int]) -> Value?
        /// `nil` when the field cannot be set on its own (an object).
        package var set: (@Sendable (inout OrderRequest, [Int], Value) throws(AccessError) -> Void)?
        /// `nil` when the field cannot be absent on its own (`custom_fields[].value`).
        package var remove: (@Sendable (inout OrderRequest, [Int]) -> Void)?

        package init(get: @escaping @Sendable (OrderRequest, [Int]) -> Value?,
                    set: (@Sendable (inout OrderRequest, [Int], Value) throws(AccessError) -> Void)?,
                    remove: (@Sendable (inout OrderRequest, [Int]) -> Void)?) {
            self.get = get
            self.set = set
            self.remove = remove
        }
    }

    /// The order-language statement that writes a field.
    /// A class for the reason ``Field`` is one.
    package final class Statement: Sendable {
        /// The statement's own name (`hash`).
        package let name: String
        /// Other names that answer for it, usually the API's field name (`cs_provisioning_method` for `provisioning`).
        package let aliases: [String]
        /// The block it is written in.
        package let block: Block
        /// How `help` writes it: `platform N | other`.
        package let usage: String
        /// One line for `help`.
        package let help: String
        /// A complete example for `help TOPIC`.
        package let example: String
        /// How messages write it: `platform 52`.
        package let sample: String
        /// What a refused value should have been, for messages: `an integer organization id`.
        package let valueDescription: String?
        /// The DSL component that writes it in `export swift` (`Comments`); `nil` for none.
        package let component: String?
        /// Statements the evaluator handles with code of its own; `nil` for the generic path.
        package let special: Special?
        /// Values completion offers after the statement when its kind does not say them.
        package let completions: [String]?
        /// The unit words a number of the statement is counted in, the first the canonical one
        /// (`renew_within 30 days`: `days`, `day`); completion offers them after the number.
        package let units: [String]

        package init(_ name: String, aliases: [String] = [], in block: Block = .order, usage: String, help: String,
                    example: String, sample: String? = nil, value valueDescription: String? = nil,
                    component: String? = nil, special: Special? = nil, completions: [String]? = nil, units: [String] = []) {
            self.name = name
            self.aliases = aliases
            self.block = block
            self.usage = usage
            self.help = help
            self.example = example
            self.sample = sample ?? example
            self.valueDescription = valueDescription
            self.component = component
            self.special = special
            self.completions = completions
            self.units = units
        }

        /// The name and the aliases.
        package var names: [String] { [name] + aliases }
    }

    /// The statements whose form is not `statement VALUE`.
    package enum Special: Hashable, Sendable {
        /// `certificate < ... >`, `ship < ... >`, `contact < ... >`: a block of the named
        /// block's statements (`contact` appends one verified contact).
        case block(Block)
        /// `validity N [years|days]`, `validity until DATE`.
        case validity
        /// `order_validity N years|days`.
        case orderValidity
        /// `custom_expiration_date DATE`: a validity form, replacing the others.
        case expirationDate
        /// `custom_field ID VALUE`: appends an entry.
        case customField
        /// `renew_within N days`: the order's renewal window for `plan` and `apply` (a
        /// ``Role/statement`` row; no payload field).
        case renewWithin
        /// `name "release-2026"`: the declared order's name, written to `alternative_order_id`
        /// under ``DeclaredName``'s rules (a ``Role/statement`` row).
        case declaredName
    }
}

extension Array where Element == Field.Choice {
    /// The choices of a DSL enum, in its case order: `.choice(.cases(of: PaymentMethod.self))`.
    package static func cases<E: CaseIterable & RawRepresentable>(of type: E.Type) -> [Field.Choice] where E.RawValue == String {
        Field.Choice.cases(of: type)
    }
}

extension Field: Hashable {
    /// Rows are identified by their path.
    package static func == (a: Field, b: Field) -> Bool { a.path == b.path }
    package func hash(into hasher: inout Hasher) { hasher.combine(path) }
}

extension Field {
    /// The block the field's statement is written in (`nil` without a statement).
    package var block: Block? { statement?.block }

    /// Every name the field answers to: its path, its statement and its aliases.
    package var names: [String] {
        [path.template] + (statement?.names ?? [])
    }

    /// The kind as a reader says it: `string, one of STANDARD, EXPEDITED`, `list of string`.
    package var typeDescription: String {
        var text = Self.typeName(kind)
        if case .date = kind { text += " (YYYY-MM-DD)" }
        if !allowedValues.isEmpty {
            text += ", one of " + allowedValues.joined(separator: ", ")
        }
        return text
    }

    private static func typeName(_ kind: Kind) -> String {
        switch kind {
        case .integer: return "int"
        case .string, .choice: return "string"
        case .flag: return "bool"
        case .date: return "date"
        case .object: return "object"
        case .list(let element): return "list of " + typeName(element)
        }
    }

    /// The statement as `explain` writes it, with its block: `ship < method ... >`.
    package var statementUsage: String? {
        guard let written = usage ?? statement?.name else { return nil }
        let block = statement?.block ?? .order
        return block == .order ? written : "\(block.rawValue) < \(written) ... >"
    }

    /// Several lines for `explain FIELD`: the path, the statement and aliases, the type, the
    /// rules and the reference's description.
    package var explanation: String {
        var lines: [String] = [path.template]
        if role == .statement, let statement {
            // No payload path, type or rules of the API to show: the statement and what it does.
            lines.append("  statement: \(statement.usage) (not a payload field)")
            lines.append("  " + summary)
            return lines.joined(separator: "\n")
        }
        if let written = statementUsage {
            var line = "  statement: \(written)"
            // The names the usage does not already start with.
            let first = (usage ?? "").split(separator: " ").first.map(String.init) ?? statement?.name
            let also = (statement?.names ?? []).filter { $0 != first }
            if !also.isEmpty { line += " (also: \(also.joined(separator: ", ")))" }
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

    /// The text of a value as `set` takes it back and the `show` tree and scripts start from:
    /// `52`, `true`, `a, b`.
    package func text(of value: Value) -> String {
        switch value {
        case .integer(let n): return String(n)
        case .text(let s): return s
        case .flag(let b): return b ? "true" : "false"
        case .list(let items): return items.joined(separator: ", ")
        case .present: return ""
        }
    }

    /// The integer `text` stands for: a word the kind names (`other` for -1, any case) or digits;
    /// `nil` otherwise. The one reading of numbers for `set` and for statements.
    package func integer(from text: String) -> Int? {
        if case .integer(_, let named) = kind, !named.isEmpty, let n = named[text.lowercased()] { return n }
        return FieldValueParser.integer(text)
    }

    /// The word that stands for an integer (`other` for -1), if any.
    package func name(of number: Int) -> String? {
        guard case .integer(_, let named) = kind else { return nil }
        return named.first { $0.value == number }?.key
    }
}
