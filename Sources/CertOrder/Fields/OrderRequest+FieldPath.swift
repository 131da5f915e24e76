import Foundation

/// A payload path taken apart: its template (`custom_fields[].value`) and its indices (`[0]`).
struct ResolvedFieldPath: Sendable {
    var template: String
    var indices: [Int]
    /// The field the path names (for a list entry, the list).
    var field: Field
    /// For an entry of a list (`additional_emails[1]`), the list.
    var list: Field? = nil
    /// The path written back with its indices: `custom_fields[0].value`.
    var text: String { FieldPath(template).filled(with: indices) }
}

extension OrderRequest {
    /// Sets one field by payload path, parsing `value` as the field's type: integers and booleans
    /// (`true`/`false`/`yes`/`no`) must parse; enumerated values are matched case-insensitively
    /// and stored in the API's spelling (`expedited` → `EXPEDITED`, `SHA256` → `sha256`). Like the
    /// model, string fields keep any other text (an unknown enumerated value, a malformed date)
    /// so that ``Validator`` reports it rather than it being lost.
    ///
    /// The path is a payload path (`ship_info.city`, `custom_fields[0].value`,
    /// `certificate.organization_units[1]`) or a statement name or alias the catalog knows
    /// (`city`, `server_platform`). Missing parent objects are created. A whole list takes
    /// comma-separated items and replaces the list (`""` empties it); a list index may be exactly
    /// the list's length to append. Other validity forms are left alone: `set` edits one field.
    ///
    /// - Throws: ``FieldPathError`` for an unknown path (with a did-you-mean), an object path, an
    ///   index past the end, or a value that does not fit; the request is then unchanged.
    package mutating func set(path: String, value: String) throws(FieldPathError) {
        let resolved = try Self.resolve(path: path)
        var copy = self
        try copy.assign(resolved, given: path, value: value)
        self = copy
    }

    /// Removes one field by payload path (or statement name): an optional field becomes absent,
    /// an object loses all its members, a list entry (`custom_fields[0]`) is removed. Removing
    /// what is not there is not an error.
    ///
    /// - Throws: ``FieldPathError`` for an unknown path or a member that cannot be absent on its
    ///   own (`custom_fields[0].value`: unset the entry instead).
    package mutating func unset(path: String) throws(FieldPathError) {
        let resolved = try Self.resolve(path: path, forUnset: true)
        try remove(resolved, given: path)
    }

    /// The text of a field's value by payload path, as `set` would take it back (lists
    /// comma-separated); `nil` when absent or when the path names an object or is unknown.
    package func value(at path: String) -> String? {
        guard let resolved = try? Self.resolve(path: path) else { return nil }
        if let list = resolved.list {
            guard case .list(let items)? = list.access.get(self, []), let index = resolved.indices.first,
                  index >= 0, index < items.count else { return nil }
            return items[index]
        }
        guard let value = resolved.field.access.get(self, resolved.indices), value != .present else { return nil }
        return resolved.field.text(of: value)
    }

    /// The payload path `path` names, written in full (`city` → `ship_info.city`,
    /// `organization` → `organization.id`, `Custom_Fields[0].Value` → `custom_fields[0].value`);
    /// `nil` when it names no field `set` (or, with `forUnset`, `unset`) accepts.
    package static func canonicalPath(for path: String, forUnset: Bool = false) -> String? {
        (try? resolve(path: path, forUnset: forUnset))?.text
    }

    // MARK: - Paths

    /// Whether `unset` takes the object whole.
    private static func isRemovable(_ field: Field) -> Bool {
        guard field.access.remove != nil else { return false }
        switch field.kind {
        case .object, .list(of: .object): return true
        default: return false
        }
    }

    static func resolve(path: String, forUnset: Bool = false) throws(FieldPathError) -> ResolvedFieldPath {
        let trimmed = path.trimmingCharacters(in: .whitespaces).lowercased()
        guard let parsed = parse(trimmed) else {
            throw FieldPathError(.unknownPath, path: path,
                                 "'\(path)' is not a payload path; write it as ship_info.city or custom_fields[0].value")
        }
        // An entry of a list: `additional_emails[1]`, `custom_fields[0]`.
        if parsed.template.hasSuffix("[]"), let list = FieldCatalog.field(atPath: String(parsed.template.dropLast(2))),
           case .list(let element) = list.kind {
            if case .object = element {
                if forUnset { return ResolvedFieldPath(template: parsed.template, indices: parsed.indices, field: list, list: list) }
                let keys = FieldCatalog.members(of: FieldPath(parsed.template)).map(\.path.key)
                let noun = list.path.key.replacingOccurrences(of: "_", with: " ").dropLast(list.path.key.hasSuffix("s") ? 1 : 0)
                throw FieldPathError(.notAssignable, path: path,
                                     "'\(path)' is a \(noun) entry; set its \(keys.joined(separator: " or ")): \(path).\(keys.last ?? "value")")
            }
            return ResolvedFieldPath(template: parsed.template, indices: parsed.indices, field: list, list: list)
        }
        var field = FieldCatalog.field(atPath: parsed.template)
        if field == nil, parsed.indices.isEmpty, let named = FieldCatalog.field(named: parsed.template), !named.path.template.contains("[]") {
            field = named
        }
        guard let field else {
            throw FieldPathError(.unknownPath, path: path, unknownField(path, trimmed))
        }
        if case .object = field.kind {
            if forUnset, isRemovable(field) { return ResolvedFieldPath(template: field.path.template, indices: parsed.indices, field: field) }
            if let member = FieldCatalog.idMember(of: field) {
                return ResolvedFieldPath(template: member.path.template, indices: parsed.indices, field: member)
            }
            throw objectError(path, field)
        }
        return ResolvedFieldPath(template: field.path.template, indices: parsed.indices, field: field)
    }

    static func unknownField(_ path: String, _ key: String) -> String {
        let suggestion = FieldCatalog.didYouMean(key)
        return suggestion.isEmpty ? "unknown field '\(path)'; 'explain' and Tab after 'set' list them" : "unknown field '\(path)'." + suggestion
    }

    private static func objectError(_ path: String, _ field: Field) -> FieldPathError {
        let members = FieldCatalog.payloadOrder
            .filter { if case .object = $0.kind { return false }; return $0.path.isInside(field.path) }
            .map(\.path.template)
        return FieldPathError(.notAssignable, path: path,
                              "'\(path)' is the object \(field.path.template); set one of its fields: " + members.joined(separator: ", "))
    }

    /// Splits `a.b[3].c` into the template `a.b[].c` and the indices `[3]`; `nil` when malformed.
    private static func parse(_ path: String) -> (template: String, indices: [Int])? {
        guard !path.isEmpty else { return nil }
        var template = ""
        var indices: [Int] = []
        var chars = path[...]
        while let ch = chars.first {
            chars = chars.dropFirst()
            if ch == "[" {
                guard let close = chars.firstIndex(of: "]") else { return nil }
                let digits = chars[..<close]
                guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
                      let index = Int(digits) else { return nil }
                indices.append(index)
                template += "[]"
                chars = chars[chars.index(after: close)...]
            } else if ch.isLetter || ch.isNumber || ch == "_" || ch == "." {
                template.append(ch)
            } else {
                return nil
            }
        }
        if template.hasPrefix(".") || template.hasSuffix(".") || template.contains("..") { return nil }
        return (template, indices)
    }

    // MARK: - Assigning

    private mutating func assign(_ p: ResolvedFieldPath, given path: String, value: String) throws(FieldPathError) {
        if let list = p.list {
            // One entry of a list of text: replace it, or append at exactly the end.
            guard let set = list.access.set else { return }
            var items: [String] = []
            if case .list(let current)? = list.access.get(self, []) { items = current }
            let index = p.indices[0]
            if index < items.count {
                items[index] = value
            } else if index == items.count {
                items.append(value)
            } else {
                throw Self.outOfRange(p, path, count: items.count)
            }
            try Self.apply(&self, p, path) { (r: inout OrderRequest) throws(Field.AccessError) in try set(&r, [], .list(items)) }
            return
        }
        let field = p.field
        guard let set = field.access.set else { throw Self.objectError(path, field) }
        let typed = try Self.parse(value, for: field, at: p, given: path)
        try Self.apply(&self, p, path) { (r: inout OrderRequest) throws(Field.AccessError) in try set(&r, p.indices, typed) }
    }

    /// Runs an access, turning its refusal into a ``FieldPathError`` about `path`.
    private static func apply(_ r: inout OrderRequest, _ p: ResolvedFieldPath, _ path: String,
                              _ body: (inout OrderRequest) throws(Field.AccessError) -> Void) throws(FieldPathError) {
        do {
            try body(&r)
        } catch {
            switch error {
            case .indexOutOfRange(let count): throw outOfRange(p, path, count: count)
            case .notAssignable(let message): throw FieldPathError(.notAssignable, path: path, message)
            }
        }
    }

    /// The text of a value read as the field's kind wants it. Like the model, text fields keep
    /// any text (an unknown enumerated value, a malformed date) so that ``Validator`` reports it
    /// rather than it being lost; numbers and booleans must parse.
    private static func parse(_ value: String, for field: Field, at p: ResolvedFieldPath, given path: String) throws(FieldPathError) -> Field.Value {
        switch field.kind {
        case .integer(_, let named):
            if let n = field.integer(from: value) { return .integer(n) }
            let what = named.isEmpty
                ? "an integer"
                : (field.statement?.valueDescription ?? "an integer") + named.values.sorted().map { " (\($0))" }.joined()
            throw FieldPathError(.invalidValue, path: path, "\(p.text) must be \(what); got '\(value)'")
        case .flag:
            guard let b = FieldValueParser.boolean(value) else {
                throw FieldPathError(.invalidValue, path: path, "\(p.text) must be true or false; got '\(value)'")
            }
            return .flag(b)
        case .choice:
            return .text(FieldValueParser.enumerated(value, allowed: field.allowedValues) ?? value)
        case .string, .date:
            return .text(value)
        case .list:
            return .list(FieldValueParser.list(value))
        case .object:
            throw objectError(path, field)
        }
    }

    private static func outOfRange(_ p: ResolvedFieldPath, _ path: String, count: Int) -> FieldPathError {
        let list = String(p.template.prefix { $0 != "[" })
        return FieldPathError(.indexOutOfRange, path: path,
                              "\(list) has \(count) entr\(count == 1 ? "y" : "ies"); index \(p.indices[0]) is past the end (use [\(count)] to append)")
    }

    // MARK: - Removing

    private mutating func remove(_ p: ResolvedFieldPath, given path: String) throws(FieldPathError) {
        if let list = p.list {
            list.access.remove?(&self, p.indices)
            return
        }
        guard let remove = p.field.access.remove else {
            let entry = p.field.path.parent?.filled(with: p.indices) ?? p.field.path.template
            throw FieldPathError(.notAssignable, path: path,
                                 "\(p.text) cannot be absent on its own; unset the entry: \(entry)")
        }
        remove(&self, p.indices)
    }
}
