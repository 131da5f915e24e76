import CertOrder
import Foundation
import OrderJournal

/// A journal entry as `orders --json` and `orders show N --json` print it: snake_case keys (the
/// journal's own column names), times in ISO 8601, the payload sent as a JSON object (schema:
/// `Docs/schemas/journal-entry.schema.json`; `orders --json` is an array of them).
package struct JournalEntryReport: Encodable {
    let entry: JournalEntry

    package init(_ entry: JournalEntry) { self.entry = entry }

    enum CodingKeys: String, CodingKey {
        case id, createdAt = "created_at", updatedAt = "updated_at", endpoint, product, payload, payloadDigest = "payload_digest"
        case alternativeOrderID = "alternative_order_id", state, httpStatus = "http_status", orderID = "order_id"
        case orderStatus = "order_status", requests, certificateID = "certificate_id", errorCode = "error_code"
        case errorMessage = "error_message", batch, label, ownerPID = "owner_pid"
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(entry.id, forKey: .id)
        try container.encode(entry.createdAt, forKey: .createdAt)
        try container.encode(entry.updatedAt, forKey: .updatedAt)
        try container.encode(entry.endpoint, forKey: .endpoint)
        try container.encode(entry.product.nameID, forKey: .product)
        try container.encode(JSONValue(parsing: entry.payload), forKey: .payload)
        try container.encode(entry.payloadDigest, forKey: .payloadDigest)
        try container.encode(entry.alternativeOrderID, forKey: .alternativeOrderID)
        try container.encode(entry.state.rawValue, forKey: .state)
        try container.encode(entry.httpStatus, forKey: .httpStatus)
        try container.encode(entry.orderID, forKey: .orderID)
        try container.encode(entry.orderStatus, forKey: .orderStatus)
        try container.encode(entry.requests, forKey: .requests)
        try container.encode(entry.certificateID, forKey: .certificateID)
        try container.encode(entry.errorCode, forKey: .errorCode)
        try container.encode(entry.errorMessage, forKey: .errorMessage)
        try container.encode(entry.batch, forKey: .batch)
        try container.encode(entry.label, forKey: .label)
        try container.encode(entry.ownerPID, forKey: .ownerPID)
    }
}
