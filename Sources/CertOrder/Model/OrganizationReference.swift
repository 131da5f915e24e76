extension OrderRequest {
    /// `organization`: the organization the order is placed for, `{"id": N}`, and the contacts
    /// the order names for it (`contacts`, the verified contacts of a code signing order).
    ///
    /// Since December 2022 a code signing order needs a verified contact; CertCentral adds the
    /// API key's owner only when that user has a job title and a telephone, so an order may name
    /// its own (``Contact``).
    public struct OrganizationReference: Codable, Hashable, Sendable {
        public var id: Int
        public var contacts: [Contact]?

        public init(id: Int, contacts: [Contact]? = nil) {
            self.id = id
            self.contacts = contacts
        }

        /// The payload keys, in the documented order.
        package enum CodingKeys: String, CodingKey, CaseIterable {
            case id
            case contacts
        }

        /// The organization's field names, in the documented order.
        public static let fieldNames: [String] = CodingKeys.allCases.map(\.rawValue)

        /// Whether the order names a verified contact of its own (then CertCentral does not fall
        /// back on the API key's owner).
        public var hasVerifiedContact: Bool {
            (contacts ?? []).contains { $0.contactType == Contact.verifiedContactType }
        }
    }

    /// One entry of `organization.contacts`: a person CertCentral verifies for the order.
    /// Every member is optional so that a draft can hold an incomplete contact; ``Validator``
    /// says what is missing.
    public struct Contact: Codable, Hashable, Sendable {
        public var contactType: String?
        public var firstName: String?
        public var lastName: String?
        public var email: String?
        public var jobTitle: String?
        public var telephone: String?

        /// The one contact type an order names: `verified_contact`.
        public static let verifiedContactType = "verified_contact"

        public init(contactType: String? = Contact.verifiedContactType, firstName: String? = nil, lastName: String? = nil,
                    email: String? = nil, jobTitle: String? = nil, telephone: String? = nil) {
            self.contactType = contactType
            self.firstName = firstName
            self.lastName = lastName
            self.email = email
            self.jobTitle = jobTitle
            self.telephone = telephone
        }

        /// The payload keys, in the documented order.
        package enum CodingKeys: String, CodingKey, CaseIterable {
            case contactType = "contact_type"
            case firstName = "first_name"
            case lastName = "last_name"
            case email
            case jobTitle = "job_title"
            case telephone
        }

        /// The contact's field names, in the documented order.
        public static let fieldNames: [String] = CodingKeys.allCases.map(\.rawValue)

        /// Reads or writes a member by its payload name; `nil` for an unknown name.
        public subscript(field name: String) -> String? {
            get {
                switch name {
                case "contact_type": return contactType
                case "first_name": return firstName
                case "last_name": return lastName
                case "email": return email
                case "job_title": return jobTitle
                case "telephone": return telephone
                default: return nil
                }
            }
            set {
                switch name {
                case "contact_type": contactType = newValue
                case "first_name": firstName = newValue
                case "last_name": lastName = newValue
                case "email": email = newValue
                case "job_title": jobTitle = newValue
                case "telephone": telephone = newValue
                default: break
                }
            }
        }
    }
}
