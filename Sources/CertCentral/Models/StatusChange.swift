/// One entry of `GET /order/certificate/status-changes`: an order whose status changed in the
/// window asked for, with its status now.
public struct StatusChange: Decodable, Hashable, Sendable {
    public var orderID: Int
    public var certificateID: Int?
    public var status: OrderStatus?

    public init(orderID: Int, certificateID: Int? = nil, status: OrderStatus? = nil) {
        self.orderID = orderID
        self.certificateID = certificateID
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id"
        case certificateID = "certificate_id"
        case status
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        orderID = try c.requiredInt(.orderID, else: "a status change needs an order_id")
        certificateID = c.lenientInt(.certificateID)
        status = c.lenientString(.status).map(OrderStatus.init(rawValue:))
    }
}
