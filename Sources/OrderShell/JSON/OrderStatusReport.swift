import CertCentral

/// `status ORDER_ID --json`: the order as CertCentral reports it, in the fields the text form
/// shows (schema: `Docs/schemas/status.schema.json`).
package struct OrderStatusReport: Encodable {
    package var orderID: Int
    package var status: String?
    package var product: String?
    package var certificateID: Int?
    package var alternativeOrderID: String?
    package var requests: [RequestState]

    /// One request of the order: its id and status.
    package struct RequestState: Encodable {
        package var id: Int
        package var status: String?
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", status, product, certificateID = "certificate_id", alternativeOrderID = "alternative_order_id", requests
    }

    package init(_ info: OrderInfo) {
        orderID = info.id
        status = info.status?.rawValue
        product = info.product?.nameID
        certificateID = info.certificateID
        alternativeOrderID = info.alternativeOrderID
        requests = info.requests.map { RequestState(id: $0.id, status: $0.status?.rawValue) }
    }

    package func encode(to encoder: any Encoder) throws {
        // Absent values are null, not missing: a consumer reads every key of every report.
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(orderID, forKey: .orderID)
        try container.encode(status, forKey: .status)
        try container.encode(product, forKey: .product)
        try container.encode(certificateID, forKey: .certificateID)
        try container.encode(alternativeOrderID, forKey: .alternativeOrderID)
        try container.encode(requests, forKey: .requests)
    }
}
