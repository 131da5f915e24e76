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
    /// The Swift source (ending with a line break).
    public static func code(for request: OrderRequest, product: Product, variableName name: String = "order") -> String {
        let r = request
        var body: [String] = []
        var after: [String] = []
        let i1 = "    ", i2 = "        "

        // Certificate
        var cert: [String] = []
        let c = r.certificate
        if let hash = c.signatureHash {
            if let algorithm = HashAlgorithm(rawValue: hash) {
                cert.append("Hash(\(caseName(algorithm)))")
            } else {
                after.append("\(name).request.certificate.signatureHash = \(literal(hash))")
            }
        }
        if let platform = c.serverPlatform {
            cert.append(platform.id == -1 ? "Platform.other" : "Platform(\(platform.id))")
        }
        if let units = c.organizationUnits {
            cert.append(units.count == 0 ? "OrganizationUnits([])" : "OrganizationUnits(\(units.map { literal($0) }.joined(separator: ", ")))")
        }
        if let csr = c.csr { cert.append("CSR(\(literal(csr, indent: i2 + i1)))") }
        if !cert.isEmpty {
            body.append("Certificate {")
            body += cert.map { i1 + $0 }
            body.append("}")
        }

        if let v = r.provisioningMethod {
            if let method = ProvisioningMethod(rawValue: v) {
                body.append("Provisioning(\(caseName(method)))")
            } else {
                after.append("\(name).request.provisioningMethod = \(literal(v))")
            }
        }
        // Validity: one form has a component; anything else is assigned.
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
        if let v = r.comments { body.append("Comments(\(literal(v)))") }
        if let v = r.skipApproval { body.append(v ? "SkipApproval()" : "SkipApproval(false)") }
        if let v = r.organization { body.append("Organization(\(v.id))") }
        if let v = r.container { body.append("Container(\(v.id))") }
        if let ship = r.shipInfo {
            if let name = ship.name, let addr1 = ship.addr1, let city = ship.city, let state = ship.state,
               let zip = ship.zip, let country = ship.country, let method = ship.method.flatMap(ShippingMethod.init(rawValue:)) {
                var address = ["name: \(literal(name))", "addr1: \(literal(addr1))"]
                if let addr2 = ship.addr2 { address.append("addr2: \(literal(addr2))") }
                address += ["city: \(literal(city))", "state: \(literal(state))", "zip: \(literal(zip))", "country: \(literal(country))"]
                body.append("Ship(")
                body.append(i1 + "to: Address(")
                body += address.enumerated().map { i2 + $0.element + ($0.offset < address.count - 1 ? "," : "") }
                body.append(i1 + "),")
                body.append(i1 + "method: \(caseName(method))")
                body.append(")")
            } else {
                let fields = OrderRequest.ShipInfo.fieldNames.compactMap { field in
                    ship[field: field].map { "\(field): \(literal($0))" }
                }
                after.append("\(name).request.shipInfo = OrderRequest.ShipInfo(\(fields.joined(separator: ", ")))")
            }
        }
        if let v = r.autoRenew { body.append("AutoRenew(\(v))") }
        if let v = r.renewalMessage { body.append("RenewalMessage(\(literal(v)))") }
        if let fields = r.customFields {
            if fields.isEmpty { after.append("\(name).request.customFields = []") }
            for field in fields { body.append("CustomField(\(field.metadataID), \(literal(field.value)))") }
        }
        if let v = r.paymentMethod {
            if let method = PaymentMethod(rawValue: v) {
                body.append("Payment(\(caseName(method)))")
            } else {
                after.append("\(name).request.paymentMethod = \(literal(v))")
            }
        }
        if let v = r.renewalOfOrderID { body.append("RenewalOf(\(v))") }
        if let emails = r.additionalEmails {
            body.append(emails.isEmpty ? "AdditionalEmails([])" : "AdditionalEmails(\(emails.map { literal($0) }.joined(separator: ", ")))")
        }
        if let v = r.alternativeOrderID { body.append("AlternativeOrderID(\(literal(v)))") }

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

    static func caseName(_ hash: HashAlgorithm) -> String {
        switch hash {
        case .sha256: return ".sha256"
        }
    }

    static func caseName(_ method: ProvisioningMethod) -> String {
        switch method {
        case .shipToken: return ".shipToken"
        case .clientApp: return ".clientApp"
        case .email: return ".email"
        }
    }

    static func caseName(_ method: ShippingMethod) -> String {
        switch method {
        case .standard: return ".standard"
        case .expedited: return ".expedited"
        }
    }

    static func caseName(_ method: PaymentMethod) -> String {
        switch method {
        case .balance: return ".balance"
        case .card: return ".card"
        case .profile: return ".profile"
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
        var out = "\""
        for s in text.unicodeScalars {
            switch s {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if s.value < 0x20 || s.value == 0x7F {
                    out += "\\u{\(String(s.value, radix: 16, uppercase: true))}"
                } else {
                    out.unicodeScalars.append(s)
                }
            }
        }
        return out + "\""
    }
}
