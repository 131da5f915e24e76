import CertOrder
import Foundation

/// `GET /request/{id}`: an approval request.
public struct RequestInfo: Codable, Hashable, Sendable {
    public var id: Int
    /// `submitted`, `pending`, `approved` or `rejected` (an unknown one is kept).
    public var status: RequestStatus?
    public var date: String?
    public var type: String?
    public var dateProcessed: String?
    /// The order the request is for (a short form).
    public var order: OrderInfo?
    public var comments: String?
    public var processorComment: String?

    public init(id: Int, status: RequestStatus? = nil, date: String? = nil, type: String? = nil, dateProcessed: String? = nil,
                order: OrderInfo? = nil, comments: String? = nil, processorComment: String? = nil) {
        self.id = id
        self.status = status
        self.date = date
        self.type = type
        self.dateProcessed = dateProcessed
        self.order = order
        self.comments = comments
        self.processorComment = processorComment
    }

    enum CodingKeys: String, SnakeCaseKey { case id, status, date, type, dateProcessed, order, comments, processorComment }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.requiredInt(.id, else: "a request needs an id")
        status = c.lenientString(.status).map(RequestStatus.init(rawValue:))
        date = c.lenientString(.date)
        type = c.lenientString(.type)
        dateProcessed = c.lenientString(.dateProcessed)
        order = c.lenient(OrderInfo.self, .order)
        comments = c.lenientString(.comments)
        processorComment = c.lenientString(.processorComment)
    }
}

/// The decision sent with `PUT /request/{id}/status`.
public enum RequestDecision: String, Sendable, Hashable, CaseIterable {
    case approved
    case rejected
}

/// An organization of the account (`GET /organization`).
public struct Organization: Codable, Hashable, Sendable {
    public var id: Int
    public var name: String?
    public var displayName: String?
    public var status: String?
    public var isActive: Bool?
    public var city: String?
    public var state: String?
    public var country: String?
    public var container: Reference?

    public init(id: Int, name: String? = nil, displayName: String? = nil, status: String? = nil, isActive: Bool? = nil,
                city: String? = nil, state: String? = nil, country: String? = nil, container: Reference? = nil) {
        self.id = id
        self.name = name
        self.displayName = displayName
        self.status = status
        self.isActive = isActive
        self.city = city
        self.state = state
        self.country = country
        self.container = container
    }

    enum CodingKeys: String, SnakeCaseKey { case id, name, displayName, status, isActive, city, state, country, container }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.requiredInt(.id, else: "an organization needs an id")
        name = c.lenientString(.name)
        displayName = c.lenientString(.displayName)
        status = c.lenientString(.status)
        isActive = c.lenientBool(.isActive)
        city = c.lenientString(.city)
        state = c.lenientString(.state)
        country = c.lenientString(.country)
        container = c.lenient(Reference.self, .container)
    }
}

/// One validation of an organization (`GET /organization/{id}/validation`): code signing orders
/// need `cs`, EV code signing orders `ev_cs`.
public struct OrganizationValidation: Codable, Hashable, Sendable {
    /// `ov`, `ev`, `cs`, `ev_cs`, …
    public var type: String
    public var name: String?
    public var description: String?
    public var validatedUntil: String?
    public var status: String?

    public init(type: String, name: String? = nil, description: String? = nil, validatedUntil: String? = nil, status: String? = nil) {
        self.type = type
        self.name = name
        self.description = description
        self.validatedUntil = validatedUntil
        self.status = status
    }

    /// The validation type that orders of `product` need: `cs` or `ev_cs`.
    public static func requiredType(for product: Product) -> String {
        AccountRequirements.organizationValidation(for: product)
    }

    enum CodingKeys: String, SnakeCaseKey { case type, name, description, validatedUntil, status }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.requiredString(.type, else: "a validation needs a type")
        name = c.lenientString(.name)
        description = c.lenientString(.description)
        validatedUntil = c.lenientString(.validatedUntil)
        status = c.lenientString(.status)
    }
}

/// A container (division) of the account (`GET /container`, `GET /container/{id}`).
public struct Container: Codable, Hashable, Sendable {
    public var id: Int
    public var name: String?
    public var description: String?
    public var parentID: Int?
    public var isActive: Bool?

    public init(id: Int, name: String? = nil, description: String? = nil, parentID: Int? = nil, isActive: Bool? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.parentID = parentID
        self.isActive = isActive
    }

    enum CodingKeys: String, SnakeCaseKey { case id, name, description, parentID, isActive }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.requiredInt(.id, else: "a container needs an id")
        name = c.lenientString(.name)
        description = c.lenientString(.description)
        parentID = c.lenientInt(.parentID)
        isActive = c.lenientBool(.isActive)
    }
}

/// An account custom field (`GET /account/metadata`).
public struct CustomFieldMetadata: Codable, Hashable, Sendable {
    public var id: Int
    public var label: String
    public var isRequired: Bool
    public var isActive: Bool
    /// `text`, `int`, `email_address` or `email_list`.
    public var dataType: String

    public init(id: Int, label: String, isRequired: Bool, isActive: Bool = true, dataType: String = "text") {
        self.id = id
        self.label = label
        self.isRequired = isRequired
        self.isActive = isActive
        self.dataType = dataType
    }

    enum CodingKeys: String, SnakeCaseKey { case id, label, isRequired, isActive, dataType }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.requiredInt(.id, else: "a custom field needs an id")
        label = c.lenientString(.label) ?? "custom field \(id)"
        isRequired = c.lenientBool(.isRequired) ?? false
        isActive = c.lenientBool(.isActive) ?? true
        dataType = c.lenientString(.dataType) ?? "text"
    }

    /// The active required fields of `metadata` that `request` does not give (or gives empty),
    /// by ``AccountRequirements/missingCustomFields(_:in:)``.
    public static func missingRequired(in request: OrderRequest, metadata: [CustomFieldMetadata]) -> [CustomFieldMetadata] {
        let required = metadata.filter { $0.isActive && $0.isRequired }
        let missing = Set(AccountRequirements.missingCustomFields(required.map(\.id), in: request))
        return required.filter { missing.contains($0.id) }
    }
}

/// A product's rules (`GET /product/{name_id}`).
public struct ProductInfo: Codable, Hashable, Sendable {
    public var nameID: String
    public var name: String?
    public var type: String?
    public var groupName: String?
    public var allowedValidityYears: [Int]
    public var allowedHashTypes: [String]
    public var defaultHashType: String?
    public var csrRequired: Bool?

    public init(nameID: String, name: String? = nil, type: String? = nil, groupName: String? = nil, allowedValidityYears: [Int] = [],
                allowedHashTypes: [String] = [], defaultHashType: String? = nil, csrRequired: Bool? = nil) {
        self.nameID = nameID
        self.name = name
        self.type = type
        self.groupName = groupName
        self.allowedValidityYears = allowedValidityYears
        self.allowedHashTypes = allowedHashTypes
        self.defaultHashType = defaultHashType
        self.csrRequired = csrRequired
    }

    /// The product's keys; the sandbox writes its products by them.
    package enum CodingKeys: String, SnakeCaseKey { case nameID, name, type, groupName, allowedValidityYears, signatureHashTypes, csrRequired }

    struct HashTypes: Codable, Hashable {
        struct HashType: Codable, Hashable {
            var id: String
            var name: String?
        }
        var allowedHashTypes: [HashType]
        var defaultHashTypeID: String?

        enum CodingKeys: String, SnakeCaseKey { case allowedHashTypes, defaultHashTypeID }

        init(allowed: [String], default defaultID: String?) {
            allowedHashTypes = allowed.map { HashType(id: $0, name: nil) }
            defaultHashTypeID = defaultID
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            allowedHashTypes = c.lenientArray(HashType.self, .allowedHashTypes)
            defaultHashTypeID = c.lenientString(.defaultHashTypeID)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        nameID = try c.requiredString(.nameID, else: "a product needs a name_id")
        name = c.lenientString(.name)
        type = c.lenientString(.type)
        groupName = c.lenientString(.groupName)
        allowedValidityYears = c.lenientInts(.allowedValidityYears)
        let hashes = c.lenient(HashTypes.self, .signatureHashTypes)
        allowedHashTypes = hashes?.allowedHashTypes.map(\.id) ?? []
        defaultHashType = hashes?.defaultHashTypeID
        csrRequired = c.lenientBool(.csrRequired)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(nameID, forKey: .nameID)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encodeIfPresent(type, forKey: .type)
        try c.encodeIfPresent(groupName, forKey: .groupName)
        try c.encode(allowedValidityYears, forKey: .allowedValidityYears)
        try c.encode(HashTypes(allowed: allowedHashTypes, default: defaultHashType), forKey: .signatureHashTypes)
        try c.encodeIfPresent(csrRequired, forKey: .csrRequired)
    }
}
