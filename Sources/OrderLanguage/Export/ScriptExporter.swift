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
    /// The script of one order (ending with a line break).
    public static func script(for request: OrderRequest, product: Product) -> String {
        var lines: [String] = ["order \(product.rawValue) <"]
        let r = request
        let pad = "  ", pad2 = "    "

        // certificate
        var cert: [String] = []
        let c = r.certificate
        if let hash = c.signatureHash { cert.append(enumerated("hash", "certificate.signature_hash", hash, FieldStatements.hashValues)) }
        if let platform = c.serverPlatform { cert.append(platform.id == -1 ? "platform other" : "platform \(platform.id)") }
        if let units = c.organizationUnits {
            cert.append(units.isEmpty ? "set certificate.organization_units \"\"" : "unit " + units.map(ScriptSyntax.value).joined(separator: ", "))
        }
        if let csr = c.csr {
            cert.append("csr " + (csr.contains("\n") ? ScriptSyntax.blockString([.text(csr)], indent: pad2 + "  ") : ScriptSyntax.quote(csr)))
        }
        if !cert.isEmpty {
            lines.append(pad + "certificate <")
            lines += cert.map { pad2 + $0 }
            lines.append(pad + ">")
        }

        if let v = r.provisioningMethod { lines.append(pad + enumerated("provisioning", "cs_provisioning_method", v, FieldStatements.provisioningValues)) }
        lines += validity(r).map { pad + $0 }
        if let v = r.comments { lines.append(pad + "comments " + ScriptSyntax.quote(v)) }
        if let v = r.skipApproval { lines.append(pad + (v ? "skip_approval" : "skip_approval false")) }
        if let v = r.organization { lines.append(pad + "organization \(v.id)") }
        if let v = r.container { lines.append(pad + "container \(v.id)") }
        if let ship = r.shipInfo {
            var fields: [String] = []
            for name in OrderRequest.ShipInfo.fieldNames {
                guard let value = ship[field: name] else { continue }
                if name == "method" {
                    fields.append(enumerated("method", "ship_info.method", value, FieldStatements.shippingValues))
                } else {
                    fields.append(name + " " + ScriptSyntax.value(value))
                }
            }
            if fields.isEmpty {
                lines.append(pad + "ship < >")
            } else {
                lines.append(pad + "ship <")
                lines += fields.map { pad2 + $0 }
                lines.append(pad + ">")
            }
        }
        if let v = r.autoRenew { lines.append(pad + "auto_renew \(v)") }
        if let v = r.renewalMessage { lines.append(pad + "renewal_message " + ScriptSyntax.quote(v)) }
        if let fields = r.customFields {
            if fields.isEmpty { lines.append(pad + "set custom_fields \"\"") }
            for field in fields {
                lines.append(pad + "custom_field \(field.metadataID) " + ScriptSyntax.quote(field.value))
            }
        }
        if let v = r.paymentMethod { lines.append(pad + enumerated("payment", "payment_method", v, FieldStatements.paymentValues)) }
        if let v = r.renewalOfOrderID { lines.append(pad + "renewal_of \(v)") }
        if let emails = r.additionalEmails {
            lines.append(pad + (emails.isEmpty ? "set additional_emails \"\"" : "emails " + emails.map(ScriptSyntax.value).joined(separator: ", ")))
        }
        if let v = r.alternativeOrderID { lines.append(pad + "alternative_order_id " + ScriptSyntax.quote(v)) }
        if lines.count == 1 { return "order \(product.rawValue) < >\n" }
        lines.append(">")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The script of a compiled order.
    public static func script(for order: CompiledOrder) -> String {
        script(for: order.request, product: order.product)
    }

    /// The scripts of several orders, separated by blank lines.
    public static func script(for orders: [CompiledOrder]) -> String {
        orders.map(script(for:)).joined(separator: "\n")
    }

    /// `statement value` for an allowed value (lowercase); `set PATH "value"` for any other, which
    /// the statement would refuse but the payload may carry.
    private static func enumerated(_ statement: String, _ path: String, _ value: String, _ allowed: [String]) -> String {
        if allowed.contains(value) { return statement + " " + value.lowercased() }
        return "set \(path) " + ScriptSyntax.quote(value)
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
