/// `contact < ... >` → one entry of `organization.contacts` with `contact_type`
/// `verified_contact`: the person CertCentral verifies for a code signing order. Written inside
/// ``Organization``.
public struct VerifiedContact: Hashable, Sendable {
    public var firstName: String
    public var lastName: String
    public var email: String
    public var jobTitle: String
    public var telephone: String

    public init(firstName: String, lastName: String, email: String, jobTitle: String, telephone: String) {
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.jobTitle = jobTitle
        self.telephone = telephone
    }

    /// The payload's entry.
    public var contact: OrderRequest.Contact {
        OrderRequest.Contact(contactType: OrderRequest.Contact.verifiedContactType, firstName: firstName, lastName: lastName,
                             email: email, jobTitle: jobTitle, telephone: telephone)
    }
}

/// Builds the contacts of `Organization(N) { }`: only ``VerifiedContact``s.
@resultBuilder
public enum VerifiedContactBuilder {
    public static func buildExpression(_ contact: VerifiedContact) -> [VerifiedContact] { [contact] }
    public static func buildBlock(_ parts: [VerifiedContact]...) -> [VerifiedContact] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [VerifiedContact]?) -> [VerifiedContact] { part ?? [] }
    public static func buildEither(first part: [VerifiedContact]) -> [VerifiedContact] { part }
    public static func buildEither(second part: [VerifiedContact]) -> [VerifiedContact] { part }
    public static func buildArray(_ parts: [[VerifiedContact]]) -> [VerifiedContact] { parts.flatMap { $0 } }
}
