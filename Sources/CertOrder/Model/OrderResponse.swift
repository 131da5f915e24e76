/// The `201 Created` body of an order: the order id, its requests and, when the request was
/// approved at once, the certificate id.
public struct OrderResponse: Codable, Hashable, Sendable {
    public var id: Int
    public var requests: [Request]
    public var certificateID: Int?
    /// Only present when the order created a new organization.
    public var organization: OrderRequest.IDReference?

    public init(id: Int, requests: [Request], certificateID: Int? = nil, organization: OrderRequest.IDReference? = nil) {
        self.id = id
        self.requests = requests
        self.certificateID = certificateID
        self.organization = organization
    }

    /// One approval request of an order.
    public struct Request: Codable, Hashable, Sendable {
        public var id: Int
        /// `pending` (one-step approval), `submitted` (two-step), `approved` or `rejected`.
        public var status: String

        public init(id: Int, status: String) {
            self.id = id
            self.status = status
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, requests
        case certificateID = "certificate_id"
        case organization
    }
}
