import Foundation

/// The body of `POST /services/v2/order/certificate/{product}`: the one type every face of
/// CertOrder writes into.
///
/// Every field is optional so that any draft, however incomplete or wrong, can be held, shown and
/// validated; ``Validator`` says what is missing. Enumerated fields are kept as the strings the
/// payload carries, so a value the API would refuse is reported, not lost.
/// Properties are declared in the documented key order, which `Encodable` follows.
public struct OrderRequest: Codable, Hashable, Sendable {
    public var certificate: CertificateDetails
    public var provisioningMethod: String?
    public var validityYears: Int?
    public var comments: String?
    public var skipApproval: Bool?
    public var organization: OrganizationReference?
    public var container: IDReference?
    public var shipInfo: ShipInfo?
    public var autoRenew: Int?
    public var renewalMessage: String?
    public var customFields: [CustomFieldValue]?
    public var paymentMethod: String?
    public var orderValidity: OrderValidity?
    public var customExpirationDate: String?
    public var renewalOfOrderID: Int?
    public var additionalEmails: [String]?
    public var alternativeOrderID: String?

    /// An empty draft.
    public init() {
        certificate = CertificateDetails()
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case certificate
        case provisioningMethod = "cs_provisioning_method"
        case validityYears = "validity_years"
        case comments
        case skipApproval = "skip_approval"
        case organization
        case container
        case shipInfo = "ship_info"
        case autoRenew = "auto_renew"
        case renewalMessage = "custom_renewal_message"
        case customFields = "custom_fields"
        case paymentMethod = "payment_method"
        case orderValidity = "order_validity"
        case customExpirationDate = "custom_expiration_date"
        case renewalOfOrderID = "renewal_of_order_id"
        case additionalEmails = "additional_emails"
        case alternativeOrderID = "alternative_order_id"
    }

    /// The payload's top-level field names, in the documented order.
    public static let fieldNames: [String] = CodingKeys.allCases.map(\.rawValue)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        certificate = try c.decodeIfPresent(CertificateDetails.self, forKey: .certificate) ?? CertificateDetails()
        provisioningMethod = try c.decodeIfPresent(String.self, forKey: .provisioningMethod)
        validityYears = try c.decodeIfPresent(Int.self, forKey: .validityYears)
        comments = try c.decodeIfPresent(String.self, forKey: .comments)
        skipApproval = try c.decodeIfPresent(Bool.self, forKey: .skipApproval)
        organization = try c.decodeIfPresent(OrganizationReference.self, forKey: .organization)
        container = try c.decodeIfPresent(IDReference.self, forKey: .container)
        shipInfo = try c.decodeIfPresent(ShipInfo.self, forKey: .shipInfo)
        autoRenew = try c.decodeIfPresent(Int.self, forKey: .autoRenew)
        renewalMessage = try c.decodeIfPresent(String.self, forKey: .renewalMessage)
        customFields = try c.decodeIfPresent([CustomFieldValue].self, forKey: .customFields)
        paymentMethod = try c.decodeIfPresent(String.self, forKey: .paymentMethod)
        orderValidity = try c.decodeIfPresent(OrderValidity.self, forKey: .orderValidity)
        customExpirationDate = try c.decodeIfPresent(String.self, forKey: .customExpirationDate)
        renewalOfOrderID = try c.decodeIfPresent(Int.self, forKey: .renewalOfOrderID)
        additionalEmails = try c.decodeIfPresent([String].self, forKey: .additionalEmails)
        alternativeOrderID = try c.decodeIfPresent(String.self, forKey: .alternativeOrderID)
    }
}

extension OrderRequest {
    /// `certificate`: what the certificate holds.
    public struct CertificateDetails: Codable, Hashable, Sendable {
        public var organizationUnits: [String]?
        public var serverPlatform: IDReference?
        public var signatureHash: String?
        public var csr: String?

        public init(organizationUnits: [String]? = nil, serverPlatform: IDReference? = nil, signatureHash: String? = nil, csr: String? = nil) {
            self.organizationUnits = organizationUnits
            self.serverPlatform = serverPlatform
            self.signatureHash = signatureHash
            self.csr = csr
        }

        /// The certificate's payload keys: also the keys of the certificate CertCentral's order
        /// answers describe, and of the sandbox's, so each is spelled here only.
        package enum CodingKeys: String, CodingKey, CaseIterable {
            case organizationUnits = "organization_units"
            case serverPlatform = "server_platform"
            case signatureHash = "signature_hash"
            case csr
        }

        /// The certificate's field names, in the documented order.
        public static let fieldNames: [String] = CodingKeys.allCases.map(\.rawValue)
    }

    /// `{"id": N}`: how the API refers to an organization, a container or a server platform.
    public struct IDReference: Codable, Hashable, Sendable {
        public var id: Int
        public init(id: Int) { self.id = id }
    }

    /// `ship_info`: where and how a hardware token is shipped.
    public struct ShipInfo: Codable, Hashable, Sendable {
        public var name: String?
        public var addr1: String?
        public var addr2: String?
        public var city: String?
        public var state: String?
        public var zip: String?
        public var country: String?
        public var method: String?

        public init(name: String? = nil, addr1: String? = nil, addr2: String? = nil, city: String? = nil,
                    state: String? = nil, zip: String? = nil, country: String? = nil, method: String? = nil) {
            self.name = name
            self.addr1 = addr1
            self.addr2 = addr2
            self.city = city
            self.state = state
            self.zip = zip
            self.country = country
            self.method = method
        }

        /// The shipping fields, in the documented order.
        public static let fieldNames = ["name", "addr1", "addr2", "city", "state", "zip", "country", "method"]

        /// Reads or writes a field by its payload name; `nil` for an unknown name.
        public subscript(field name: String) -> String? {
            get {
                switch name {
                case "name": return self.name
                case "addr1": return addr1
                case "addr2": return addr2
                case "city": return city
                case "state": return state
                case "zip": return zip
                case "country": return country
                case "method": return method
                default: return nil
                }
            }
            set {
                switch name {
                case "name": self.name = newValue
                case "addr1": addr1 = newValue
                case "addr2": addr2 = newValue
                case "city": city = newValue
                case "state": state = newValue
                case "zip": zip = newValue
                case "country": country = newValue
                case "method": method = newValue
                default: break
                }
            }
        }
    }

    /// One entry of `custom_fields`.
    public struct CustomFieldValue: Codable, Hashable, Sendable {
        public var metadataID: Int
        public var value: String

        public init(metadataID: Int, value: String) {
            self.metadataID = metadataID
            self.value = value
        }

        enum CodingKeys: String, CodingKey {
            case metadataID = "metadata_id"
            case value
        }
    }

    /// `order_validity`: the order's length in years or days (newer form of `validity_years`).
    public struct OrderValidity: Codable, Hashable, Sendable {
        public var years: Int?
        public var days: Int?

        public init(years: Int? = nil, days: Int? = nil) {
            self.years = years
            self.days = days
        }
    }
}
