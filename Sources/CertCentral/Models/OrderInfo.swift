import CertOrder
import Foundation

/// An order as `GET /order/certificate/{id}` (and, shorter, `GET /order/certificate`) describes it.
///
/// Decoding is lenient: only `id` is required; members that are missing or of an unexpected type
/// are `nil`.
public struct OrderInfo: Codable, Hashable, Sendable {
    public var id: Int
    /// `needs_approval`, `pending`, `processing`, `waiting_pickup`, `reissue_pending`, `issued`,
    /// `rejected`, `canceled`, `expired`, `revoked`, … (an unknown one is kept).
    public var status: OrderStatus?
    public var certificate: CertificateInfo?
    public var product: ProductReference?
    public var organization: Reference?
    public var container: Reference?
    public var requests: [RequestSummary]
    public var dateCreated: String?
    public var dateIssued: String?
    public var validityYears: Int?
    public var provisioningMethod: String?
    public var shipInfo: OrderRequest.ShipInfo?
    public var customFields: [CustomFieldEntry]
    public var paymentMethod: String?
    public var comments: String?
    public var alternativeOrderID: String?
    public var isRenewal: Bool?
    /// Whether a later order renews this one.
    public var isRenewed: Bool?
    /// On a renewal, the order it renews (as the sandbox and the decoding clients read it).
    public var renewedOrderID: Int?
    /// For `ship_token` and `client_app`: the code that installs the certificate on the token.
    public var hardwareInitCode: String?

    public init(id: Int, status: OrderStatus? = nil, certificate: CertificateInfo? = nil, product: ProductReference? = nil,
                organization: Reference? = nil, container: Reference? = nil, requests: [RequestSummary] = [],
                dateCreated: String? = nil, dateIssued: String? = nil, validityYears: Int? = nil,
                provisioningMethod: String? = nil, shipInfo: OrderRequest.ShipInfo? = nil,
                customFields: [CustomFieldEntry] = [], paymentMethod: String? = nil, comments: String? = nil,
                alternativeOrderID: String? = nil, isRenewal: Bool? = nil) {
        self.id = id
        self.status = status
        self.certificate = certificate
        self.product = product
        self.organization = organization
        self.container = container
        self.requests = requests
        self.dateCreated = dateCreated
        self.dateIssued = dateIssued
        self.validityYears = validityYears
        self.provisioningMethod = provisioningMethod
        self.shipInfo = shipInfo
        self.customFields = customFields
        self.paymentMethod = paymentMethod
        self.comments = comments
        self.alternativeOrderID = alternativeOrderID
        self.isRenewal = isRenewal
    }

    /// The certificate id, once the request is approved.
    public var certificateID: Int? { certificate?.id }

    /// Whether the certificate has been issued.
    public var isIssued: Bool { status == .issued }

    enum CodingKeys: String, SnakeCaseKey {
        case id, status, certificate, product, organization, container, requests, dateCreated, dateIssued, validityYears
        case shipInfo, customFields, paymentMethod, comments, alternativeOrderID, isRenewal
        case isRenewed, renewedOrderID, hardwareInitCode
        case provisioningMethod = "csProvisioningMethod"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.requiredInt(.id, else: "an order needs an id")
        status = c.lenientString(.status).map(OrderStatus.init(rawValue:))
        certificate = c.lenient(CertificateInfo.self, .certificate)
        product = c.lenient(ProductReference.self, .product)
        organization = c.lenient(Reference.self, .organization)
        container = c.lenient(Reference.self, .container)
        requests = c.lenientArray(RequestSummary.self, .requests)
        dateCreated = c.lenientString(.dateCreated)
        dateIssued = c.lenientString(.dateIssued)
        validityYears = c.lenientInt(.validityYears)
        provisioningMethod = c.lenientString(.provisioningMethod)
        shipInfo = c.lenient(OrderRequest.ShipInfo.self, .shipInfo)
        customFields = c.lenientArray(CustomFieldEntry.self, .customFields)
        paymentMethod = c.lenientString(.paymentMethod)
        comments = c.lenientString(.comments)
        alternativeOrderID = c.lenientString(.alternativeOrderID)
        isRenewal = c.lenientBool(.isRenewal)
        isRenewed = c.lenientBool(.isRenewed)
        renewedOrderID = c.lenientInt(.renewedOrderID)
        hardwareInitCode = c.lenientString(.hardwareInitCode)
    }
}

/// `{"id": N, "name": "..."}`: an organization or a container as an order names it.
public struct Reference: Codable, Hashable, Sendable {
    public var id: Int
    public var name: String?

    public init(id: Int, name: String? = nil) {
        self.id = id
        self.name = name
    }

    enum CodingKeys: String, SnakeCaseKey { case id, name }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.requiredInt(.id, else: "no id")
        name = c.lenientString(.name)
    }
}

/// `product` of an order: `{"name_id": "code_signing_ev", "name": "...", "type": "..."}`.
public struct ProductReference: Codable, Hashable, Sendable {
    public var nameID: String?
    public var name: String?
    public var type: String?

    public init(nameID: String?, name: String? = nil, type: String? = nil) {
        self.nameID = nameID
        self.name = name
        self.type = type
    }

    /// The product, when it is one CertOrder knows.
    public var product: Product? { nameID.flatMap(Product.init(rawValue:)) }

    enum CodingKeys: String, SnakeCaseKey { case nameID, name, type }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        nameID = c.lenientString(.nameID)
        name = c.lenientString(.name)
        type = c.lenientString(.type)
    }
}

/// `certificate` of an order.
public struct CertificateInfo: Codable, Hashable, Sendable {
    /// Present once the request is approved.
    public var id: Int?
    public var commonName: String?
    public var organizationUnits: [String]
    public var serverPlatformID: Int?
    public var signatureHash: String?
    public var validFrom: String?
    public var validTill: String?
    /// Days from the server's today to the certificate's last day (CertCentral's own count, so a
    /// client's clock does not matter).
    public var daysRemaining: Int?

    public init(id: Int? = nil, commonName: String? = nil, organizationUnits: [String] = [], serverPlatformID: Int? = nil,
                signatureHash: String? = nil, validFrom: String? = nil, validTill: String? = nil, daysRemaining: Int? = nil) {
        self.id = id
        self.commonName = commonName
        self.organizationUnits = organizationUnits
        self.serverPlatformID = serverPlatformID
        self.signatureHash = signatureHash
        self.validFrom = validFrom
        self.validTill = validTill
        self.daysRemaining = daysRemaining
    }

    enum CodingKeys: String, SnakeCaseKey { case id, commonName, validFrom, validTill, daysRemaining }

    /// The members an order's certificate shares with the request's, under the request model's
    /// keys: one spelling of each for the body sent and the answer read.
    private typealias SharedKeys = OrderRequest.CertificateDetails.CodingKeys

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let shared = try decoder.container(keyedBy: SharedKeys.self)
        id = c.lenientInt(.id)
        commonName = c.lenientString(.commonName)
        organizationUnits = shared.lenientArray(String.self, .organizationUnits)
        serverPlatformID = shared.lenient(Reference.self, .serverPlatform)?.id
        signatureHash = shared.lenientString(.signatureHash)
        validFrom = c.lenientString(.validFrom)
        validTill = c.lenientString(.validTill)
        daysRemaining = c.lenientInt(.daysRemaining)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        var shared = encoder.container(keyedBy: SharedKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encodeIfPresent(commonName, forKey: .commonName)
        if !organizationUnits.isEmpty { try shared.encode(organizationUnits, forKey: .organizationUnits) }
        try shared.encodeIfPresent(serverPlatformID.map { Reference(id: $0) }, forKey: .serverPlatform)
        try shared.encodeIfPresent(signatureHash, forKey: .signatureHash)
        try c.encodeIfPresent(validFrom, forKey: .validFrom)
        try c.encodeIfPresent(validTill, forKey: .validTill)
        try c.encodeIfPresent(daysRemaining, forKey: .daysRemaining)
    }
}

/// One entry of an order's `requests`.
public struct RequestSummary: Codable, Hashable, Sendable {
    public var id: Int
    /// `submitted`, `pending`, `approved` or `rejected` (an unknown one is kept).
    public var status: RequestStatus?
    public var date: String?
    public var type: String?
    public var comments: String?

    public init(id: Int, status: RequestStatus? = nil, date: String? = nil, type: String? = nil, comments: String? = nil) {
        self.id = id
        self.status = status
        self.date = date
        self.type = type
        self.comments = comments
    }

    enum CodingKeys: String, SnakeCaseKey { case id, status, date, type, comments }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.requiredInt(.id, else: "no id")
        status = c.lenientString(.status).map(RequestStatus.init(rawValue:))
        date = c.lenientString(.date)
        type = c.lenientString(.type)
        comments = c.lenientString(.comments)
    }
}

/// One entry of an order's `custom_fields`.
public struct CustomFieldEntry: Codable, Hashable, Sendable {
    public var metadataID: Int
    public var label: String?
    public var value: String?

    public init(metadataID: Int, label: String? = nil, value: String? = nil) {
        self.metadataID = metadataID
        self.label = label
        self.value = value
    }

    enum CodingKeys: String, SnakeCaseKey { case metadataID, label, value }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        metadataID = try c.requiredInt(.metadataID, else: "no metadata_id")
        label = c.lenientString(.label)
        value = c.lenientString(.value)
    }
}

/// `GET /order/certificate`: a page of orders.
public struct OrderList: Codable, Hashable, Sendable {
    public var orders: [OrderInfo]
    public var page: Page

    public init(orders: [OrderInfo], page: Page) {
        self.orders = orders
        self.page = page
    }

    enum CodingKeys: String, SnakeCaseKey { case orders, page }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        orders = c.lenientArray(OrderInfo.self, .orders)
        page = c.lenient(Page.self, .page) ?? Page(total: orders.count, limit: orders.count, offset: 0)
    }
}

/// `page` of a list: how many in all, and which slice this is.
public struct Page: Codable, Hashable, Sendable {
    public var total: Int
    public var limit: Int
    public var offset: Int

    public init(total: Int, limit: Int, offset: Int) {
        self.total = total
        self.limit = limit
        self.offset = offset
    }

    enum CodingKeys: String, SnakeCaseKey { case total, limit, offset }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        total = c.lenientInt(.total) ?? 0
        limit = c.lenientInt(.limit) ?? 0
        offset = c.lenientInt(.offset) ?? 0
    }
}

/// Filters of `GET /order/certificate`, sent as `filters[name]=value`.
public struct OrderFilters: Hashable, Sendable {
    /// `filters[product_name_id]`, e.g. `code_signing`.
    public var productNameID: String?
    /// `filters[status]`, e.g. `issued`.
    public var status: OrderStatus?
    /// `filters[container_id]`.
    public var containerID: Int?
    /// `filters[search]`.
    public var search: String?
    /// Any other filter, by its name inside the brackets.
    public var other: [String: String]

    public init(product: Product? = nil, status: OrderStatus? = nil, containerID: Int? = nil, search: String? = nil, other: [String: String] = [:]) {
        productNameID = product?.nameID
        self.status = status
        self.containerID = containerID
        self.search = search
        self.other = other
    }

    /// The query items, in a stable order.
    public var queryItems: [URLQueryItem] {
        var items: [URLQueryItem] = []
        if let productNameID { items.append(.init(name: "filters[product_name_id]", value: productNameID)) }
        if let status { items.append(.init(name: "filters[status]", value: status.rawValue)) }
        if let containerID { items.append(.init(name: "filters[container_id]", value: String(containerID))) }
        if let search { items.append(.init(name: "filters[search]", value: search)) }
        for key in other.keys.sorted() { items.append(.init(name: "filters[\(key)]", value: other[key])) }
        return items
    }
}
