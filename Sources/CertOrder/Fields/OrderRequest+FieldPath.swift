import Foundation

/// A payload path taken apart: its template (`custom_fields[].value`) and its indices (`[0]`).
struct ResolvedFieldPath: Hashable, Sendable {
    var template: String
    var indices: [Int]
    /// The path written back with its indices: `custom_fields[0].value`.
    var text: String {
        var out = ""
        var next = 0
        for ch in template {
            out.append(ch)
            if ch == "[", next < indices.count {
                out += String(indices[next])
                next += 1
            }
        }
        return out
    }
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
    /// (`city`, `signature_hash`). Missing parent objects are created. A whole list takes
    /// comma-separated items and replaces the list (`""` empties it); a list index may be exactly
    /// the list's length to append. Other validity forms are left alone: `set` edits one field.
    ///
    /// - Throws: ``FieldPathError`` for an unknown path (with a did-you-mean), an object path, an
    ///   index past the end, or a value that does not fit; the request is then unchanged.
    public mutating func set(path: String, value: String) throws(FieldPathError) {
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
    public mutating func unset(path: String) throws(FieldPathError) {
        let resolved = try Self.resolve(path: path, forUnset: true)
        try remove(resolved, given: path)
    }

    /// The text of a field's value by payload path, as `set` would take it back (lists
    /// comma-separated); `nil` when absent or when the path names an object or is unknown.
    public func value(at path: String) -> String? {
        guard let resolved = try? Self.resolve(path: path) else { return nil }
        let i = resolved.indices
        switch resolved.template {
        case "certificate.signature_hash": return certificate.signatureHash
        case "certificate.csr": return certificate.csr
        case "certificate.server_platform.id": return certificate.serverPlatform.map { String($0.id) }
        case "certificate.organization_units": return certificate.organizationUnits?.joined(separator: ", ")
        case "certificate.organization_units[]": return Self.element(certificate.organizationUnits, i[0])
        case "cs_provisioning_method": return provisioningMethod
        case "validity_years": return validityYears.map(String.init)
        case "comments": return comments
        case "skip_approval": return skipApproval.map { $0 ? "true" : "false" }
        case "organization.id": return organization.map { String($0.id) }
        case "container.id": return container.map { String($0.id) }
        case "auto_renew": return autoRenew.map(String.init)
        case "custom_renewal_message": return renewalMessage
        case "custom_fields[].metadata_id": return Self.element(customFields, i[0]).map { String($0.metadataID) }
        case "custom_fields[].value": return Self.element(customFields, i[0])?.value
        case "payment_method": return paymentMethod
        case "order_validity.years": return orderValidity?.years.map(String.init)
        case "order_validity.days": return orderValidity?.days.map(String.init)
        case "custom_expiration_date": return customExpirationDate
        case "renewal_of_order_id": return renewalOfOrderID.map(String.init)
        case "additional_emails": return additionalEmails?.joined(separator: ", ")
        case "additional_emails[]": return Self.element(additionalEmails, i[0])
        case "alternative_order_id": return alternativeOrderID
        default:
            if resolved.template.hasPrefix("ship_info.") {
                return shipInfo?[field: String(resolved.template.dropFirst("ship_info.".count))]
            }
            return nil
        }
    }

    /// The payload path `path` names, written in full (`city` → `ship_info.city`,
    /// `organization` → `organization.id`, `Custom_Fields[0].Value` → `custom_fields[0].value`);
    /// `nil` when it names no field `set` (or, with `forUnset`, `unset`) accepts.
    public static func canonicalPath(for path: String, forUnset: Bool = false) -> String? {
        (try? resolve(path: path, forUnset: forUnset))?.text
    }

    // MARK: - Paths

    /// Templates whose object path stands for its only member.
    private static let objectShorthands: [String: String] = [
        "certificate.server_platform": "certificate.server_platform.id",
        "organization": "organization.id",
        "container": "container.id",
    ]

    /// Templates `unset` accepts beyond the settable ones.
    private static let removableObjects: Set<String> = [
        "certificate", "certificate.server_platform", "organization", "container", "ship_info",
        "custom_fields", "custom_fields[]", "order_validity",
    ]

    static func resolve(path: String, forUnset: Bool = false) throws(FieldPathError) -> ResolvedFieldPath {
        let trimmed = path.trimmingCharacters(in: .whitespaces).lowercased()
        guard let parsed = parse(trimmed) else {
            throw FieldPathError(.unknownPath, path: path,
                                 "'\(path)' is not a payload path; write it as ship_info.city or custom_fields[0].value")
        }
        if forUnset, removableObjects.contains(parsed.template) { return parsed }
        if let member = objectShorthands[parsed.template] {
            return ResolvedFieldPath(template: member, indices: parsed.indices)
        }
        if parsed.template.hasSuffix("[]"), let list = FieldCatalog.field(atPath: String(parsed.template.dropLast(2))),
           list.type == .list, list.elementType != .object {
            return parsed
        }
        if let field = FieldCatalog.field(atPath: parsed.template) {
            if field.type == .object { throw objectError(path, field) }
            return parsed
        }
        if parsed.indices.isEmpty, let field = FieldCatalog.field(named: parsed.template), !field.path.contains("[]") {
            if let member = objectShorthands[field.path] { return ResolvedFieldPath(template: member, indices: []) }
            if field.type == .object {
                if forUnset, removableObjects.contains(field.path) { return ResolvedFieldPath(template: field.path, indices: []) }
                throw objectError(path, field)
            }
            return ResolvedFieldPath(template: field.path, indices: [])
        }
        if parsed.template == "custom_fields[]" {
            throw FieldPathError(.notAssignable, path: path,
                                 "'\(path)' is a custom field entry; set its metadata_id or value: \(path).value")
        }
        throw FieldPathError(.unknownPath, path: path,
                             unknownField(path, trimmed))
    }

    static func unknownField(_ path: String, _ key: String) -> String {
        let suggestion = FieldCatalog.didYouMean(key)
        return suggestion.isEmpty ? "unknown field '\(path)'; 'explain' and Tab after 'set' list them" : "unknown field '\(path)'." + suggestion
    }

    private static func objectError(_ path: String, _ field: FieldInfo) -> FieldPathError {
        let members = FieldCatalog.fields
            .filter { $0.type != .object && $0.path.hasPrefix(field.path + ".") }
            .map(\.path)
        return FieldPathError(.notAssignable, path: path,
                              "'\(path)' is the object \(field.path); set one of its fields: " + members.joined(separator: ", "))
    }

    /// Splits `a.b[3].c` into the template `a.b[].c` and the indices `[3]`; `nil` when malformed.
    private static func parse(_ path: String) -> ResolvedFieldPath? {
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
        return ResolvedFieldPath(template: template, indices: indices)
    }

    private static func element<T>(_ list: [T]?, _ index: Int) -> T? {
        guard let list, index >= 0, index < list.count else { return nil }
        return list[index]
    }

    // MARK: - Assigning

    private mutating func assign(_ p: ResolvedFieldPath, given path: String, value: String) throws(FieldPathError) {
        let field = FieldCatalog.field(atPath: p.template)
        func int() throws(FieldPathError) -> Int {
            guard let n = FieldValueParser.integer(value) else {
                throw FieldPathError(.invalidValue, path: path, "\(p.text) must be an integer; got '\(value)'")
            }
            return n
        }
        /// An allowed value in its documented spelling; any other text is kept for the validator
        /// to report (the payload carries strings).
        func choice() -> String {
            FieldValueParser.enumerated(value, allowed: field?.allowedValues ?? []) ?? value
        }
        switch p.template {
        case "certificate.signature_hash": certificate.signatureHash = choice()
        case "certificate.csr": certificate.csr = value
        case "certificate.server_platform.id":
            guard let id = FieldValueParser.platform(value) else {
                throw FieldPathError(.invalidValue, path: path,
                                     "\(p.text) must be an integer platform id or 'other' (-1); got '\(value)'")
            }
            certificate.serverPlatform = IDReference(id: id)
        case "certificate.organization_units": certificate.organizationUnits = FieldValueParser.list(value)
        case "certificate.organization_units[]":
            try Self.setElement(&certificate.organizationUnits, p, path, value)
        case "cs_provisioning_method": provisioningMethod = choice()
        case "validity_years": validityYears = try int()
        case "comments": comments = value
        case "skip_approval":
            guard let b = FieldValueParser.boolean(value) else {
                throw FieldPathError(.invalidValue, path: path, "\(p.text) must be true or false; got '\(value)'")
            }
            skipApproval = b
        case "organization.id": organization = IDReference(id: try int())
        case "container.id": container = IDReference(id: try int())
        case "auto_renew": autoRenew = try int()
        case "custom_renewal_message": renewalMessage = value
        case "custom_fields":
            guard value.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw FieldPathError(.notAssignable, path: path,
                                     "custom_fields holds {metadata_id, value} entries; set custom_fields[N].metadata_id and custom_fields[N].value, or '' to empty the list")
            }
            customFields = []
        case "custom_fields[].metadata_id":
            let id = try int()
            try Self.editEntry(&customFields, p, path) { $0.metadataID = id }
        case "custom_fields[].value":
            try Self.editEntry(&customFields, p, path) { $0.value = value }
        case "payment_method": paymentMethod = choice()
        case "order_validity.years":
            let n = try int()
            orderValidity = OrderValidity(years: n, days: orderValidity?.days)
        case "order_validity.days":
            let n = try int()
            orderValidity = OrderValidity(years: orderValidity?.years, days: n)
        case "custom_expiration_date": customExpirationDate = value
        case "renewal_of_order_id": renewalOfOrderID = try int()
        case "additional_emails": additionalEmails = FieldValueParser.list(value)
        case "additional_emails[]": try Self.setElement(&additionalEmails, p, path, value)
        case "alternative_order_id": alternativeOrderID = value
        case "ship_info.method":
            var ship = shipInfo ?? ShipInfo()
            ship.method = choice()
            shipInfo = ship
        default:
            if p.template.hasPrefix("ship_info."), field != nil {
                var ship = shipInfo ?? ShipInfo()
                ship[field: String(p.template.dropFirst("ship_info.".count))] = value
                shipInfo = ship
                return
            }
            throw FieldPathError(.unknownPath, path: path,
                                 Self.unknownField(path, p.template))
        }
    }

    private static func setElement(_ list: inout [String]?, _ p: ResolvedFieldPath, _ path: String, _ value: String) throws(FieldPathError) {
        var items = list ?? []
        let index = p.indices[0]
        if index < items.count {
            items[index] = value
        } else if index == items.count {
            items.append(value)
        } else {
            throw outOfRange(p, path, count: items.count)
        }
        list = items
    }

    private static func editEntry(_ list: inout [CustomFieldValue]?, _ p: ResolvedFieldPath, _ path: String,
                                  _ edit: (inout CustomFieldValue) -> Void) throws(FieldPathError) {
        var items = list ?? []
        let index = p.indices[0]
        if index == items.count {
            items.append(CustomFieldValue(metadataID: 0, value: ""))
        } else if index > items.count {
            throw outOfRange(p, path, count: items.count)
        }
        edit(&items[index])
        list = items
    }

    private static func outOfRange(_ p: ResolvedFieldPath, _ path: String, count: Int) -> FieldPathError {
        let list = String(p.template.prefix { $0 != "[" })
        return FieldPathError(.indexOutOfRange, path: path,
                              "\(list) has \(count) entr\(count == 1 ? "y" : "ies"); index \(p.indices[0]) is past the end (use [\(count)] to append)")
    }

    // MARK: - Removing

    private mutating func remove(_ p: ResolvedFieldPath, given path: String) throws(FieldPathError) {
        func removeAt<T>(_ list: inout [T]?) {
            guard var items = list, p.indices[0] < items.count else { return }
            items.remove(at: p.indices[0])
            list = items
        }
        switch p.template {
        case "certificate": certificate = CertificateDetails()
        case "certificate.signature_hash": certificate.signatureHash = nil
        case "certificate.csr": certificate.csr = nil
        case "certificate.server_platform", "certificate.server_platform.id": certificate.serverPlatform = nil
        case "certificate.organization_units": certificate.organizationUnits = nil
        case "certificate.organization_units[]": removeAt(&certificate.organizationUnits)
        case "cs_provisioning_method": provisioningMethod = nil
        case "validity_years": validityYears = nil
        case "comments": comments = nil
        case "skip_approval": skipApproval = nil
        case "organization", "organization.id": organization = nil
        case "container", "container.id": container = nil
        case "ship_info": shipInfo = nil
        case "auto_renew": autoRenew = nil
        case "custom_renewal_message": renewalMessage = nil
        case "custom_fields": customFields = nil
        case "custom_fields[]": removeAt(&customFields)
        case "custom_fields[].metadata_id", "custom_fields[].value":
            throw FieldPathError(.notAssignable, path: path,
                                 "\(p.text) cannot be absent on its own; unset the entry: custom_fields[\(p.indices[0])]")
        case "payment_method": paymentMethod = nil
        case "order_validity": orderValidity = nil
        case "order_validity.years":
            if let ov = orderValidity { orderValidity = OrderValidity(years: nil, days: ov.days) }
        case "order_validity.days":
            if let ov = orderValidity { orderValidity = OrderValidity(years: ov.years, days: nil) }
        case "custom_expiration_date": customExpirationDate = nil
        case "renewal_of_order_id": renewalOfOrderID = nil
        case "additional_emails": additionalEmails = nil
        case "additional_emails[]": removeAt(&additionalEmails)
        case "alternative_order_id": alternativeOrderID = nil
        default:
            if p.template.hasPrefix("ship_info.") {
                if var ship = shipInfo {
                    ship[field: String(p.template.dropFirst("ship_info.".count))] = nil
                    shipInfo = ship
                }
                return
            }
            throw FieldPathError(.unknownPath, path: path,
                                 Self.unknownField(path, p.template))
        }
    }
}
