/// Every field of the order body, as the API reference describes it and the order language writes
/// it. One table serves `explain FIELD`, completion, ``OrderRequest/set(path:value:)`` and the
/// language's evaluator.
public enum FieldCatalog {
    /// Every field, in payload order; objects before their members.
    public static let fields: [FieldInfo] = [
        FieldInfo(
            path: "certificate", statement: "certificate", type: .object, isRequired: true,
            summary: "Certificate details: the signature hash, the server platform, the organization units and the CSR. Written as a block, 'certificate < hash sha256; platform 52 >'; a second block edits the same certificate."),
        FieldInfo(
            path: "certificate.organization_units", statement: "unit", aliases: ["organization_units"], block: "certificate", usage: "unit A, B",
            type: .list, elementType: .string,
            summary: "Departments in your organization associated with the certificate. Each 'unit A, B' appends. DigiCert has been removing OU from certificates, so a unit may not appear in the issued certificate."),
        FieldInfo(
            path: "certificate.server_platform", type: .object,
            summary: "Server platform type, {\"id\": N}. Default: -1 (other)."),
        FieldInfo(
            path: "certificate.server_platform.id", statement: "platform", aliases: ["server_platform"], block: "certificate", usage: "platform N | other",
            type: .int, isRequired: true,
            summary: "Server platform ID (see Glossary – Server platforms); 'platform other' is -1, the default. With client_app provisioning it names the token model; platform 55 (Sun Java) requires a CSR."),
        FieldInfo(
            path: "certificate.signature_hash", statement: "hash", aliases: ["signature_hash"], block: "certificate",
            type: .string, allowedValues: ["sha256"], isRequired: true,
            summary: "Hash algorithm used to sign the certificate. Allowed values: sha256."),
        FieldInfo(
            path: "certificate.csr", statement: "csr", block: "certificate", type: .string,
            summary: "Certificate signing request (CSR), PEM text; 'csr @request.csr' reads a file. Not required for EV code signing certificates; required when cs_provisioning_method is email and for server platform 55 (Sun Java). The key must be RSA 3072 bits or more, or ECC P-256 or larger. The API does not fill the request from the CSR: give every relevant field."),
        FieldInfo(
            path: "cs_provisioning_method", statement: "provisioning", aliases: ["cs_provisioning_method"],
            type: .string, allowedValues: ProvisioningMethod.allCases.map(\.rawValue), isEVOnly: true,
            summary: "How the certificate's key is provisioned: ship_token (DigiCert ships a hardware token to ship_info or the account's address), client_app (your own supported token; the server platform names its model) or email (your own HSM; a CSR is required). The reference lists it as required for EV orders; when omitted the account's default is used."),
        FieldInfo(
            path: "validity_years", statement: "validity", aliases: ["validity_years"], usage: "validity N [years]",
            type: .int, allowedValues: ["1", "2", "3"], isRequired: true,
            summary: "Number of years the order is valid: 1, 2 or 3. Exactly one of validity_years, order_validity and custom_expiration_date is required. Certificates are issued for at most 459 days, so 2 and 3 year orders are covered by reissues."),
        FieldInfo(
            path: "comments", statement: "comments", type: .string,
            summary: "A message for the approver of the order."),
        FieldInfo(
            path: "skip_approval", statement: "skip_approval", usage: "skip_approval [true|false]", type: .bool,
            summary: "Skip the account's internal approval step and submit the order for validation at once; bare 'skip_approval' means true. Organization validation, EV verified-contact approval and HSM attestation still happen. Default: false."),
        FieldInfo(
            path: "organization", type: .object, isRequired: true,
            summary: "Organization to associate with the order, {\"id\": N}."),
        FieldInfo(
            path: "organization.id", statement: "organization", type: .int, isRequired: true,
            summary: "Organization ID; the organization must be validated for code signing (EV: ev_cs). 'orgs' lists yours."),
        FieldInfo(
            path: "container", type: .object,
            summary: "The container the order is placed under, {\"id\": N}, if needed."),
        FieldInfo(
            path: "container.id", statement: "container", type: .int, isRequired: true,
            summary: "Container ID. 'containers' lists yours."),
        FieldInfo(
            path: "ship_info", statement: "ship", aliases: ["ship_info"], type: .object, isEVOnly: true,
            summary: "For EV code signing with ship_token provisioning: the shipping address of the hardware token. Written as a block, 'ship < name ...; method standard >'; without it the account's address is used."),
        FieldInfo(
            path: "ship_info.name", statement: "name", block: "ship", type: .string, isRequired: true, isEVOnly: true,
            summary: "Name of the recipient."),
        FieldInfo(
            path: "ship_info.addr1", statement: "addr1", block: "ship", type: .string, isRequired: true, isEVOnly: true,
            summary: "Shipping address for the token."),
        FieldInfo(
            path: "ship_info.addr2", statement: "addr2", block: "ship", type: .string, isEVOnly: true,
            summary: "Second line of the shipping address."),
        FieldInfo(
            path: "ship_info.city", statement: "city", block: "ship", type: .string, isRequired: true, isEVOnly: true,
            summary: "Shipping city."),
        FieldInfo(
            path: "ship_info.state", statement: "state", block: "ship", type: .string, isRequired: true, isEVOnly: true,
            summary: "Shipping state."),
        FieldInfo(
            path: "ship_info.zip", statement: "zip", block: "ship", type: .string, isRequired: true, isEVOnly: true,
            summary: "Shipping postal code, a string: 'zip 02134' keeps its leading zero."),
        FieldInfo(
            path: "ship_info.country", statement: "country", block: "ship", type: .string, isRequired: true, isEVOnly: true,
            summary: "Shipping country, an ISO 3166 two-letter code such as us."),
        FieldInfo(
            path: "ship_info.method", statement: "method", block: "ship",
            type: .string, allowedValues: ShippingMethod.allCases.map(\.rawValue), isRequired: true, isEVOnly: true,
            summary: "Shipping priority for the token: STANDARD or EXPEDITED (incurs added cost). Read case-insensitively; the payload carries the upper-case spelling."),
        FieldInfo(
            path: "auto_renew", statement: "auto_renew", type: .int,
            summary: "Number of times the certificate should renew automatically."),
        FieldInfo(
            path: "custom_renewal_message", statement: "renewal_message", aliases: ["custom_renewal_message"], type: .string,
            summary: "A message included in the renewal notice emails."),
        FieldInfo(
            path: "custom_fields", statement: "custom_field", aliases: ["custom_fields"], usage: "custom_field ID VALUE",
            type: .list, elementType: .object,
            summary: "Account-specific custom fields, each {metadata_id, value}; 'custom_field ID \"value\"' appends one. Whether they are required depends on your account's custom field settings ('GET /account/metadata')."),
        FieldInfo(
            path: "custom_fields[].metadata_id", type: .int, isRequired: true,
            summary: "Custom field ID."),
        FieldInfo(
            path: "custom_fields[].value", type: .string, isRequired: true,
            summary: "Value for the custom field; its validation depends on the field's data type (text, int, email_address, email_list)."),
        FieldInfo(
            path: "payment_method", statement: "payment", aliases: ["payment_method"],
            type: .string, allowedValues: PaymentMethod.allCases.map(\.rawValue),
            summary: "The payment method to use: balance, card or profile. Default: balance."),
        FieldInfo(
            path: "order_validity", type: .object,
            summary: "The order's length as {\"years\": N} or {\"days\": N}, the newer form of validity_years."),
        FieldInfo(
            path: "order_validity.years", statement: "order_validity", usage: "order_validity N years", type: .int, allowedValues: ["1", "2", "3"],
            summary: "The order's length in years ('order_validity N years'); one of the validity forms."),
        FieldInfo(
            path: "order_validity.days", statement: "validity", usage: "validity N days", type: .int,
            summary: "The order's length in days, 1 to 459 ('validity N days'); one of the validity forms."),
        FieldInfo(
            path: "custom_expiration_date", statement: "validity", aliases: ["custom_expiration_date"], usage: "validity until YYYY-MM-DD", type: .date,
            summary: "A custom expiration date, YYYY-MM-DD, within 459 days ('validity until 2027-05-31'); one of the validity forms."),
        FieldInfo(
            path: "renewal_of_order_id", statement: "renewal_of", aliases: ["renewal_of_order_id"], type: .int,
            summary: "If the order is a renewal, the previous order's ID."),
        FieldInfo(
            path: "additional_emails", statement: "emails", aliases: ["additional_emails"], usage: "emails a@example.com, b@example.com", type: .list, elementType: .string,
            summary: "Additional email addresses to receive certificate notification emails (issuance, duplicate certificate, renewals). Each 'emails a@x, b@y' appends."),
        FieldInfo(
            path: "alternative_order_id", statement: "alternative_order_id", type: .string,
            summary: "Your own id for the order, 1 to 64 characters; 'GET /order/alternate/{id}' finds the order by it."),
    ]

    private static let byPath: [String: FieldInfo] = {
        var map: [String: FieldInfo] = [:]
        for field in fields { map[field.path] = field }
        return map
    }()

    private static let byName: [String: FieldInfo] = {
        var map: [String: FieldInfo] = [:]
        for field in fields {
            for name in [field.statement].compactMap({ $0 }) + field.aliases where map[name] == nil {
                map[name] = field
            }
        }
        return map
    }()

    /// Every name a field answers to (paths, statements and aliases), sorted, for completion and
    /// did-you-mean.
    public static let allNames: [String] = Array(Set(fields.flatMap(\.names))).sorted()

    /// The payload paths that `set` accepts (leaf fields and lists), in payload order.
    public static let settablePaths: [String] = fields.filter { $0.type != .object }.map(\.path)

    /// The field a name stands for: a payload path (`ship_info.method`, `custom_fields[2].value`),
    /// a statement (`method`) or an alias (`signature_hash`), case-insensitively; `nil` when none.
    public static func field(named name: String) -> FieldInfo? {
        let key = template(of: name.lowercased())
        return byPath[key] ?? byName[key]
    }

    /// The field at a payload path (indices written `[N]` or `[]`).
    public static func field(atPath path: String) -> FieldInfo? {
        byPath[template(of: path)]
    }

    /// ` Did you mean 'x'?` for an unknown field name, or the empty string.
    public static func didYouMean(_ name: String) -> String {
        Suggestion.didYouMean(name, in: allNames)
    }

    /// A path with every `[N]` written `[]`: `custom_fields[0].value` → `custom_fields[].value`.
    public static func template(of path: String) -> String {
        guard path.contains("[") else { return path }
        var out = ""
        var inIndex = false
        for ch in path {
            if ch == "[" { inIndex = true; out.append("[") } else if ch == "]" { inIndex = false; out.append("]") } else if !inIndex { out.append(ch) }
        }
        return out
    }
}
