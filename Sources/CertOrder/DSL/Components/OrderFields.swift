// The order-level scalar and list components. Each mirrors one statement of the order language.

/// `organization N` → `organization.id`; with contacts, `contact < ... >` →
/// `organization.contacts`:
///
/// ```swift
/// Organization(123456) {
///     VerifiedContact(firstName: "Ada", lastName: "Lovelace", email: "ada@example.com",
///                     jobTitle: "Release Manager", telephone: "+44 20 7946 0000")
/// }
/// ```
public struct Organization: OrderComponent {
    public var id: Int
    /// The verified contacts the order names; empty: none (CertCentral falls back on the API
    /// key's owner).
    public var contacts: [VerifiedContact]

    public init(_ id: Int) {
        self.id = id
        self.contacts = []
    }

    public init(_ id: Int, @VerifiedContactBuilder contacts: () -> [VerifiedContact]) {
        self.id = id
        self.contacts = contacts()
    }

    public func apply(to request: inout OrderRequest) {
        // A later `Organization` keeps the contacts an earlier one named, as the language's
        // `organization N` keeps those of `contact < >`.
        var kept = request.organization?.contacts
        if !contacts.isEmpty { kept = (kept ?? []) + contacts.map(\.contact) }
        request.organization = .init(id: id, contacts: kept)
    }
}

/// `container N` → `container.id`.
public struct Container: OrderComponent {
    public var id: Int
    public init(_ id: Int) { self.id = id }
    public func apply(to request: inout OrderRequest) { request.container = .init(id: id) }
}

/// `provisioning M` → `cs_provisioning_method`.
public struct Provisioning: OrderComponent {
    public var method: ProvisioningMethod
    public init(_ method: ProvisioningMethod) { self.method = method }
    public func apply(to request: inout OrderRequest) { request.provisioningMethod = method.rawValue }
}

/// `auto_renew N` → `auto_renew`.
public struct AutoRenew: OrderComponent {
    public var times: Int
    public init(_ times: Int) { self.times = times }
    public func apply(to request: inout OrderRequest) { request.autoRenew = times }
}

/// `renewal_of N` → `renewal_of_order_id`.
public struct RenewalOf: OrderComponent {
    public var orderID: Int
    public init(_ orderID: Int) { self.orderID = orderID }
    public func apply(to request: inout OrderRequest) { request.renewalOfOrderID = orderID }
}

/// `renewal_message "..."` → `custom_renewal_message`.
public struct RenewalMessage: OrderComponent {
    public var text: String
    public init(_ text: String) { self.text = text }
    public func apply(to request: inout OrderRequest) { request.renewalMessage = text }
}

/// `comments "..."` → `comments`.
public struct Comments: OrderComponent {
    public var text: String
    public init(_ text: String) { self.text = text }
    public func apply(to request: inout OrderRequest) { request.comments = text }
}

/// `skip_approval` / `skip_approval false` → `skip_approval`.
public struct SkipApproval: OrderComponent {
    public var skip: Bool
    public init(_ skip: Bool = true) { self.skip = skip }
    public func apply(to request: inout OrderRequest) { request.skipApproval = skip }
}

/// `emails a@x, b@y` → appends to `additional_emails`.
public struct AdditionalEmails: OrderComponent {
    public var addresses: [String]
    public init(_ addresses: String...) { self.addresses = addresses }
    public init(_ addresses: [String]) { self.addresses = addresses }
    public func apply(to request: inout OrderRequest) {
        request.additionalEmails = (request.additionalEmails ?? []) + addresses
    }
}

/// `custom_field ID "value"` → appends `{metadata_id, value}` to `custom_fields`.
public struct CustomField: OrderComponent {
    public var id: Int
    public var value: String
    public init(_ id: Int, _ value: String) {
        self.id = id
        self.value = value
    }
    public func apply(to request: inout OrderRequest) {
        request.customFields = (request.customFields ?? []) + [.init(metadataID: id, value: value)]
    }
}

/// `payment balance` → `payment_method`.
public struct Payment: OrderComponent {
    public var method: PaymentMethod
    public init(_ method: PaymentMethod) { self.method = method }
    public func apply(to request: inout OrderRequest) { request.paymentMethod = method.rawValue }
}

/// `alternative_order_id "..."` → `alternative_order_id`: your own id for the order.
public struct AlternativeOrderID: OrderComponent {
    public var id: String
    public init(_ id: String) { self.id = id }
    public func apply(to request: inout OrderRequest) { request.alternativeOrderID = id }
}
