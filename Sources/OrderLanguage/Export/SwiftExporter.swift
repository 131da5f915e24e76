import CertOrder

/// Writes an order as Swift code using the CertOrder DSL (`export swift`):
///
/// ```swift
/// import CertOrder
///
/// let order = Order(.codeSigningEV) {
///     Certificate {
///         Hash(.sha256)
///     }
///     Organization(123456)
///     Validity(years: 1)
/// }
/// ```
///
/// Every field is written with its DSL component. What the DSL has no component for (a partial
/// `ship_info`, `order_validity.years`, several validity forms at once, a value the API does not
/// allow, an empty `custom_fields`) is assigned to `order.request` after the order, so the code
/// always builds the same payload.
public enum SwiftExporter {
    /// The Swift source (ending with a line break): the order's components in payload order, a
    /// block's in the catalogue's order.
    public static func code(for request: OrderRequest, product: Product, variableName name: String = "order") -> String {
        let r = request
        var body: [String] = []
        var after: [String] = []
        let i1 = "    ", i2 = "        "
        var wroteValidity = false
        for field in FieldCatalog.payloadOrder {
            guard let statement = field.statement, statement.block == .order else { continue }
            switch statement.special {
            case .block(.certificate):
                let cert = FieldCatalog.statements(in: .certificate).compactMap {
                    component(for: $0, of: r, indent: i2 + i1, variable: name, after: &after)
                }
                if !cert.isEmpty {
                    body.append("Certificate {")
                    body += cert.map { i1 + $0 }
                    body.append("}")
                }
            case .block(.contact):
                if let contacts = r.organization?.contacts { verifiedContacts(contacts, of: r, variable: name, body: &body, after: &after) }
            case .block:
                if let ship = r.shipInfo { shipping(ship, variable: name, body: &body, after: &after) }
            case .validity, .orderValidity, .expirationDate:
                if !wroteValidity { validity(r, variable: name, body: &body, after: &after) }
                wroteValidity = true
            case .customField:
                guard let fields = r.customFields else { continue }
                if fields.isEmpty { after.append("\(name).request.\(field.swiftProperty ?? "customFields") = []") }
                for entry in fields { body.append("CustomField(\(entry.metadataID), \(literal(entry.value)))") }
            case nil:
                if let line = component(for: field, of: r, indent: i2, variable: name, after: &after) { body.append(line) }
            case .renewWithin, .declaredName:
                break // statements of the language, no payload field: payloadOrder holds no such row
            }
        }

        var out = "import CertOrder\n\n"
        out += "\(after.isEmpty ? "let" : "var") \(name) = Order(\(caseName(product)))"
        if body.isEmpty {
            out += " {}\n"
        } else {
            out += " {\n" + body.map { i1 + $0 + "\n" }.joined() + "}\n"
        }
        out += after.map { $0 + "\n" }.joined()
        return out
    }

    /// The DSL component that writes one ordinary field (`Comments("…")`), `nil` when the field
    /// is absent; a value no component takes (a choice the API does not allow, a field without a
    /// component) is assigned to `order.request` after the order instead.
    static func component(for field: Field, of request: OrderRequest, indent: String, variable: String,
                          after: inout [String]) -> String? {
        guard let statement = field.statement, statement.special == nil,
              let value = field.access.get(request, []) else { return nil }
        let assignment = "\(variable).request.\(field.swiftProperty ?? field.path.template)"
        guard let component = statement.component else {
            switch value {
            case .integer(let n): after.append("\(assignment) = \(n)")
            case .flag(let b): after.append("\(assignment) = \(b)")
            case .list(let items): after.append("\(assignment) = [\(items.map { literal($0) }.joined(separator: ", "))]")
            case .text(let s): after.append("\(assignment) = \(literal(s))")
            case .present: break
            }
            return nil
        }
        switch (field.kind, value) {
        case (.choice(let choices), .text(let v)):
            if let choice = choices.first(where: { $0.value == v }) { return "\(component)(.\(choice.swiftCase))" }
            after.append("\(assignment) = \(literal(v))")
            return nil
        case (.integer, .integer(let n)):
            if let word = field.name(of: n) { return "\(component).\(word)" }
            return "\(component)(\(n))"
        case (.flag, .flag(let b)):
            return b ? "\(component)()" : "\(component)(false)"
        case (.list, .list(let items)):
            return items.isEmpty ? "\(component)([])" : "\(component)(\(items.map { literal($0) }.joined(separator: ", ")))"
        case (.string(.pem), .text(let v)):
            return "\(component)(\(literal(v, indent: indent)))"
        case (_, .text(let v)):
            return "\(component)(\(literal(v)))"
        default:
            return nil
        }
    }

    /// `Ship(to: Address(…), method: …)` when the address is complete and the method allowed;
    /// otherwise the `ship_info` is assigned as it is.
    private static func shipping(_ ship: OrderRequest.ShipInfo, variable name: String, body: inout [String], after: inout [String]) {
        let i1 = "    ", i2 = "        "
        if let recipient = ship.name, let addr1 = ship.addr1, let city = ship.city, let state = ship.state,
           let zip = ship.zip, let country = ship.country, let method = ship.method.flatMap(ShippingMethod.init(rawValue:)) {
            var address = ["name: \(literal(recipient))", "addr1: \(literal(addr1))"]
            if let addr2 = ship.addr2 { address.append("addr2: \(literal(addr2))") }
            address += ["city: \(literal(city))", "state: \(literal(state))", "zip: \(literal(zip))", "country: \(literal(country))"]
            body.append("Ship(")
            body.append(i1 + "to: Address(")
            body += address.enumerated().map { i2 + $0.element + ($0.offset < address.count - 1 ? "," : "") }
            body.append(i1 + "),")
            body.append(i1 + "method: .\(method)")
            body.append(")")
        } else {
            var request = OrderRequest()
            request.shipInfo = ship
            let fields = FieldCatalog.statements(in: .ship).compactMap { field in
                field.access.get(request, []).map { "\(field.path.key): \(literal(field.text(of: $0)))" }
            }
            after.append("\(name).request.shipInfo = OrderRequest.ShipInfo(\(fields.joined(separator: ", ")))")
        }
    }

    /// `Organization(N) { VerifiedContact(…) }` when every contact is a complete verified
    /// contact (the `Organization(N)` line written before gains the block); otherwise the
    /// contacts are assigned as they are.
    private static func verifiedContacts(_ contacts: [OrderRequest.Contact], of r: OrderRequest, variable name: String,
                                         body: inout [String], after: inout [String]) {
        let i1 = "    "
        let complete: [[String]] = contacts.compactMap { c in
            guard c.contactType == OrderRequest.Contact.verifiedContactType, let first = c.firstName, let last = c.lastName,
                  let email = c.email, let title = c.jobTitle, let phone = c.telephone else { return nil }
            return ["firstName: \(literal(first))", "lastName: \(literal(last))", "email: \(literal(email))",
                    "jobTitle: \(literal(title))", "telephone: \(literal(phone))"]
        }
        if let id = r.organization?.id, !contacts.isEmpty, complete.count == contacts.count,
           let line = body.lastIndex(of: "Organization(\(id))") {
            var block = ["Organization(\(id)) {"]
            for arguments in complete {
                block.append(i1 + "VerifiedContact(")
                block += arguments.enumerated().map { i1 + i1 + $0.element + ($0.offset < arguments.count - 1 ? "," : "") }
                block.append(i1 + ")")
            }
            block.append("}")
            body.replaceSubrange(line...line, with: block)
            return
        }
        let entries = contacts.map { c in
            let members = OrderRequest.Contact.fieldNames.compactMap { key in
                c[field: key].map { (swiftName(key), $0) }
            }
            let arguments = (c.contactType == nil ? ["contactType: nil"] : [])
                + members.map { "\($0.0): \(literal($0.1))" }
            return "OrderRequest.Contact(\(arguments.joined(separator: ", ")))"
        }
        after.append("\(name).request.organization?.contacts = [\(entries.joined(separator: ", "))]")
    }

    /// `first_name` → `firstName`.
    private static func swiftName(_ key: String) -> String {
        let parts = key.split(separator: "_")
        return parts.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.capitalized }.joined()
    }

    /// Validity: one form has a component; anything else is assigned.
    private static func validity(_ r: OrderRequest, variable name: String, body: inout [String], after: inout [String]) {
        let forms = (r.validityYears != nil ? 1 : 0) + (r.orderValidity != nil ? 1 : 0) + (r.customExpirationDate != nil ? 1 : 0)
        if forms == 1, let years = r.validityYears {
            body.append("Validity(years: \(years))")
        } else if forms == 1, let ov = r.orderValidity, ov.years == nil, let days = ov.days {
            body.append("Validity(days: \(days))")
        } else if forms == 1, let date = r.customExpirationDate {
            body.append("Validity(until: \(literal(date)))")
        } else {
            if let years = r.validityYears { after.append("\(name).request.validityYears = \(years)") }
            if let ov = r.orderValidity {
                after.append("\(name).request.orderValidity = OrderRequest.OrderValidity(years: \(ov.years.map(String.init) ?? "nil"), days: \(ov.days.map(String.init) ?? "nil"))")
            }
            if let date = r.customExpirationDate { after.append("\(name).request.customExpirationDate = \(literal(date))") }
        }
    }

    /// The Swift code of a compiled order.
    public static func code(for order: CompiledOrder, variableName: String = "order") -> String {
        code(for: order.request, product: order.product, variableName: variableName)
    }

    // MARK: - Names

    static func caseName(_ product: Product) -> String {
        switch product {
        case .codeSigning: return ".codeSigning"
        case .codeSigningEV: return ".codeSigningEV"
        }
    }

    // MARK: - Literals

    /// A Swift string literal. Text with line breaks (a CSR) is written as a multi-line literal
    /// indented by `indent` when it holds nothing that would need escaping.
    static func literal(_ text: String, indent: String? = nil) -> String {
        if let indent, text.contains("\n"), !text.contains("\\"), !text.contains("\"\"\""), !text.contains("\r"),
           !text.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || $0.value == 0x7F }) {
            var out = "\"\"\"\n"
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                out += line.isEmpty ? "\n" : indent + line + "\n"
            }
            return out + indent + "\"\"\""
        }
        return "\"" + ScriptSyntax.escape(text, interpolation: false) + "\""
    }
}
