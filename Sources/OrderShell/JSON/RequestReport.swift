import CertCentral

/// `requests --json`: one request of the account (schema: `Docs/schemas/requests.schema.json`).
package struct RequestReport: Encodable {
    package var id: Int
    package var status: String?
    package var type: String?
    package var orderID: Int?
    package var date: String?
    package var comments: String?

    enum CodingKeys: String, CodingKey { case id, status, type, orderID = "order_id", date, comments }

    package init(_ request: RequestInfo) {
        id = request.id
        status = request.status?.rawValue
        type = request.type
        orderID = request.order?.id
        date = request.date
        comments = request.comments
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(status, forKey: .status)
        try container.encode(type, forKey: .type)
        try container.encode(orderID, forKey: .orderID)
        try container.encode(date, forKey: .date)
        try container.encode(comments, forKey: .comments)
    }
}
