import CertOrder

/// Writes an order as an `.order` script (`export order`, `save FILE`), in the canonical form
/// `fmt` prints. Compiling the script gives back the same payload, byte for byte, for any
/// request.
///
/// Each field is written with its statement; what no statement expresses on its own (several
/// validity forms at once, `order_validity` with both years and days, an empty list, a value the
/// statement would refuse such as an unknown payment method) is written with `set PATH VALUE`
/// inside the order.
public enum ScriptExporter {
    /// The script of one order (ending with a line break): the order's statements in payload
    /// order, a block's statements in the catalogue's order, then its renewal window when it
    /// has one (`renew_within`, which no payload carries).
    public static func script(for request: OrderRequest, product: Product, renewWithin: Int? = nil) -> String {
        var lines: [String] = ["order \(product.rawValue) <"]
        let pad = "  ", pad2 = "    "
        var wroteValidity = false
        for field in FieldCatalog.payloadOrder {
            guard let statement = field.statement, statement.block == .order else { continue }
            switch statement.special {
            case .block(.contact):
                lines += contacts(request).map { pad + $0 }
            case .block(let level):
                guard field.access.get(request, []) != nil else { continue }
                let inner = FieldCatalog.statements(in: level).compactMap { line(for: $0, of: request, indent: pad2) }
                if !inner.isEmpty {
                    lines.append(pad + statement.name + " <")
                    lines += inner.map { pad2 + $0 }
                    lines.append(pad + ">")
                } else if field.access.get(OrderRequest(), []) == nil {
                    // An empty block still says an optional object is there (`ship < >`); an
                    // object every request has (`certificate`) needs none.
                    lines.append(pad + statement.name + " < >")
                }
            case .validity, .orderValidity, .expirationDate:
                // The forms are written together, where the first of them is.
                if !wroteValidity { lines += validity(request).map { pad + $0 } }
                wroteValidity = true
            case .customField:
                guard let fields = request.customFields else { continue }
                if fields.isEmpty { lines.append(pad + "set \(field.path) \"\"") }
                for entry in fields {
                    lines.append(pad + "\(statement.name) \(entry.metadataID) " + ScriptSyntax.quote(entry.value))
                }
            case nil:
                if let line = line(for: field, of: request, indent: pad) { lines.append(pad + line) }
            case .renewWithin, .declaredName:
                break // statements of the language, no payload field: payloadOrder holds no such row
            }
        }
        // The order's statements that are no payload field, after its fields: what the compiled
        // order says beyond its payload (the name is its alternative_order_id, written above).
        for field in FieldCatalog.statements(in: .order) where field.role == .statement {
            guard let statement = field.statement, statement.special == .renewWithin, let days = renewWithin else { continue }
            lines.append(pad + "\(statement.name) \(days) \(statement.units.first ?? "days")")
        }
        if lines.count == 1 { return "order \(product.rawValue) < >\n" }
        lines.append(">")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The statement that writes one ordinary field, `nil` when it is absent. What the statement
    /// would refuse but the payload may carry (an unknown choice, an empty list, a malformed
    /// date) is written `set PATH VALUE`.
    static func line(for field: Field, of request: OrderRequest, indent: String, indices: [Int] = []) -> String? {
        guard let statement = field.statement, statement.special == nil,
              let value = field.access.get(request, indices) else { return nil }
        let name = statement.name
        switch (field.kind, value) {
        case (.choice, .text(let v)):
            if field.allowedValues.contains(v) { return name + " " + v.lowercased() }
            return "set \(field.path) " + ScriptSyntax.quote(v)
        case (.integer, .integer(let n)):
            return name + " " + (field.name(of: n) ?? String(n))
        case (.flag, .flag(let b)):
            return b ? name : name + " false"
        case (.list, .list(let items)):
            if items.isEmpty { return "set \(field.path) \"\"" }
            return name + " " + items.map(ScriptSyntax.value).joined(separator: ", ")
        case (.date, .text(let v)):
            if FieldValueParser.date(v) != nil { return name + " " + v }
            return "set \(field.path) " + ScriptSyntax.quote(v)
        case (.string(let style), .text(let v)):
            switch style {
            case .word: return name + " " + ScriptSyntax.value(v)
            case .quoted, .prose: return name + " " + ScriptSyntax.quote(v)
            case .pem:
                return name + " " + (v.contains("\n") ? ScriptSyntax.blockString([.text(v)], indent: indent + "  ") : ScriptSyntax.quote(v))
            }
        default:
            return "set \(field.path) " + ScriptSyntax.quote(field.text(of: value))
        }
    }

    /// The `contact < >` blocks, one per entry of `organization.contacts`. The block makes a
    /// verified contact; another type (or none) is written with `set`/`unset` after it, an empty
    /// list with `set organization.contacts ""`.
    private static func contacts(_ r: OrderRequest) -> [String] {
        guard let contacts = r.organization?.contacts else { return [] }
        if contacts.isEmpty { return ["set \(FieldPath.organizationContacts) \"\""] }
        var out: [String] = []
        let members = FieldCatalog.statements(in: .contact)
        for (i, contact) in contacts.enumerated() {
            let inner = members.compactMap { line(for: $0, of: r, indent: "    ", indices: [i]) }
            if inner.isEmpty {
                out.append("contact < >")
            } else {
                out.append("contact <")
                out += inner.map { "  " + $0 }
                out.append(">")
            }
            let type = FieldPath.contactType.filled(with: [i])
            switch contact.contactType {
            case OrderRequest.Contact.verifiedContactType?: break
            case let other?: out.append("set \(type) " + ScriptSyntax.quote(other))
            case nil: out.append("unset \(type)")
            }
        }
        return out
    }

    /// The script of a compiled order.
    public static func script(for order: CompiledOrder) -> String {
        script(for: order.request, product: order.product, renewWithin: order.renewWithin)
    }

    /// The scripts of several orders, separated by blank lines.
    public static func script(for orders: [CompiledOrder]) -> String {
        orders.map(script(for:)).joined(separator: "\n")
    }

    /// The validity statements: the first form with its statement (which replaces any other),
    /// further forms with `set`.
    private static func validity(_ r: OrderRequest) -> [String] {
        var out: [String] = []
        func add(statement: String, set: String) {
            out.append(out.isEmpty ? statement : set)
        }
        if let years = r.validityYears {
            add(statement: "validity \(years)", set: "set validity_years \(years)")
        }
        if let ov = r.orderValidity {
            switch (ov.years, ov.days) {
            case (let years?, let days?):
                add(statement: "order_validity \(years) years", set: "set order_validity.years \(years)")
                out.append("set order_validity.days \(days)")
            case (let years?, nil):
                add(statement: "order_validity \(years) years", set: "set order_validity.years \(years)")
            case (nil, let days?):
                add(statement: "validity \(days) days", set: "set order_validity.days \(days)")
            case (nil, nil):
                out.append("set order_validity.years 1")
                out.append("unset order_validity.years")
            }
        }
        if let date = r.customExpirationDate {
            if FieldValueParser.date(date) != nil {
                add(statement: "validity until \(date)", set: "set custom_expiration_date \(date)")
            } else {
                out.append("set custom_expiration_date " + ScriptSyntax.quote(date))
            }
        }
        return out
    }
}
