import CertOrder

/// Where a statement is written: in an order (or at the top, for the draft), in
/// `certificate < >`, or in `ship < >`.
public enum BlockLevel: String, Hashable, Sendable {
    case order, certificate, ship
}

/// What a field statement does.
enum FieldStatementKind: Hashable, Sendable {
    case certificate, hash, platform, unit, csr
    case organization, container
    case validity, orderValidity, expirationDate
    case provisioning, ship, shipField(String), method
    case autoRenew, renewalOf, renewalMessage, comments, skipApproval
    case emails, customField, payment, alternativeOrderID
}

/// One field statement of the language: its canonical name, where it is written, the payload
/// path it sets and how it is used.
struct FieldStatementSpec: Hashable, Sendable {
    var kind: FieldStatementKind
    /// The statement's own name (`hash`); aliases map to the same spec.
    var name: String
    var level: BlockLevel
    /// The payload path it sets (for `explain` and diagnostics).
    var path: String
    /// How it is written, for messages: `hash sha256`.
    var usage: String

    var isBlock: Bool { kind == .certificate || kind == .ship }
}

/// The field statements and their API-name aliases.
enum FieldStatements {
    static let specs: [(names: [String], spec: FieldStatementSpec)] = [
        (["certificate"], .init(kind: .certificate, name: "certificate", level: .order, path: "certificate", usage: "certificate < hash sha256 >")),
        (["hash", "signature_hash"], .init(kind: .hash, name: "hash", level: .certificate, path: "certificate.signature_hash", usage: "hash sha256")),
        (["platform", "server_platform"], .init(kind: .platform, name: "platform", level: .certificate, path: "certificate.server_platform.id", usage: "platform 52")),
        (["unit", "organization_units"], .init(kind: .unit, name: "unit", level: .certificate, path: "certificate.organization_units", usage: "unit Engineering, QA")),
        (["csr"], .init(kind: .csr, name: "csr", level: .certificate, path: "certificate.csr", usage: "csr @request.csr")),
        (["organization"], .init(kind: .organization, name: "organization", level: .order, path: "organization.id", usage: "organization 123456")),
        (["container"], .init(kind: .container, name: "container", level: .order, path: "container.id", usage: "container 654321")),
        (["validity", "validity_years"], .init(kind: .validity, name: "validity", level: .order, path: "validity_years", usage: "validity 1")),
        (["order_validity"], .init(kind: .orderValidity, name: "order_validity", level: .order, path: "order_validity", usage: "order_validity 1 years")),
        (["custom_expiration_date"], .init(kind: .expirationDate, name: "custom_expiration_date", level: .order, path: "custom_expiration_date", usage: "custom_expiration_date 2027-05-31")),
        (["provisioning", "cs_provisioning_method"], .init(kind: .provisioning, name: "provisioning", level: .order, path: "cs_provisioning_method", usage: "provisioning ship_token")),
        (["ship", "ship_info"], .init(kind: .ship, name: "ship", level: .order, path: "ship_info", usage: "ship < name \"Erin Guerra\"; method standard >")),
        (["name"], .init(kind: .shipField("name"), name: "name", level: .ship, path: "ship_info.name", usage: "name \"Erin Guerra\"")),
        (["addr1"], .init(kind: .shipField("addr1"), name: "addr1", level: .ship, path: "ship_info.addr1", usage: "addr1 \"360 Taylor Street\"")),
        (["addr2"], .init(kind: .shipField("addr2"), name: "addr2", level: .ship, path: "ship_info.addr2", usage: "addr2 \"Floor 74\"")),
        (["city"], .init(kind: .shipField("city"), name: "city", level: .ship, path: "ship_info.city", usage: "city Richmond")),
        (["state"], .init(kind: .shipField("state"), name: "state", level: .ship, path: "ship_info.state", usage: "state va")),
        (["zip"], .init(kind: .shipField("zip"), name: "zip", level: .ship, path: "ship_info.zip", usage: "zip \"69662\"")),
        (["country"], .init(kind: .shipField("country"), name: "country", level: .ship, path: "ship_info.country", usage: "country us")),
        (["method"], .init(kind: .method, name: "method", level: .ship, path: "ship_info.method", usage: "method standard")),
        (["auto_renew"], .init(kind: .autoRenew, name: "auto_renew", level: .order, path: "auto_renew", usage: "auto_renew 1")),
        (["renewal_of", "renewal_of_order_id"], .init(kind: .renewalOf, name: "renewal_of", level: .order, path: "renewal_of_order_id", usage: "renewal_of 112233")),
        (["renewal_message", "custom_renewal_message"], .init(kind: .renewalMessage, name: "renewal_message", level: .order, path: "custom_renewal_message", usage: "renewal_message \"Renew this please.\"")),
        (["comments"], .init(kind: .comments, name: "comments", level: .order, path: "comments", usage: "comments \"Message for the approver\"")),
        (["skip_approval"], .init(kind: .skipApproval, name: "skip_approval", level: .order, path: "skip_approval", usage: "skip_approval")),
        (["emails", "additional_emails"], .init(kind: .emails, name: "emails", level: .order, path: "additional_emails", usage: "emails a@example.com, b@example.com")),
        (["custom_field", "custom_fields"], .init(kind: .customField, name: "custom_field", level: .order, path: "custom_fields", usage: "custom_field 12 \"123456\"")),
        (["payment", "payment_method"], .init(kind: .payment, name: "payment", level: .order, path: "payment_method", usage: "payment balance")),
        (["alternative_order_id"], .init(kind: .alternativeOrderID, name: "alternative_order_id", level: .order, path: "alternative_order_id", usage: "alternative_order_id \"build-42\"")),
    ]

    /// Every statement name and alias, lowercased, to its spec.
    static let byName: [String: FieldStatementSpec] = {
        var map: [String: FieldStatementSpec] = [:]
        for entry in specs {
            for name in entry.names { map[name] = entry.spec }
        }
        return map
    }()

    /// The names (with aliases) written at a level, for did-you-mean.
    static func names(at level: BlockLevel) -> [String] {
        specs.filter { $0.spec.level == level }.flatMap(\.names)
    }

    /// Every statement name and alias.
    static let allNames: [String] = specs.flatMap(\.names)

    /// The keywords of the language other than field statements and commands.
    static let declarationKeywords = ["order", "let", "recipe", "use", "include", "for"]

    /// Allowed values of the enumerated statements, as a script writes them (lowercase).
    static let hashValues = HashAlgorithm.allCases.map(\.rawValue)
    static let provisioningValues = ProvisioningMethod.allCases.map(\.rawValue)
    static let shippingValues = ShippingMethod.allCases.map(\.rawValue)
    static let paymentValues = PaymentMethod.allCases.map(\.rawValue)
}

/// Lowercases ASCII letters only (keywords are ASCII), cheaper than `lowercased()`.
@inline(__always)
func asciiLowercased(_ text: String) -> String {
    var needs = false
    for b in text.utf8 where b >= 0x41 && b <= 0x5A { needs = true; break }
    guard needs else { return text }
    return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
}
