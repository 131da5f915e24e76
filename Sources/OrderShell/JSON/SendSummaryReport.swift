import Foundation

/// `send --json`: what became of each order of a send (one order or a batch), and the counts
/// (schema: `Docs/schemas/send.schema.json`). Its own type: the batch summary's text modes
/// belong to the batch's printer, this shape to `--json`.
package struct SendSummaryReport: Encodable {
    package var endpoint: String
    package var total: Int
    /// Outcome → how many (`placed`, `skipped`, `refused`, `failed`, `unknown`, `blocked`,
    /// `not_sent`); only outcomes that happened.
    package var counts: [String: Int]
    package var orders: [Order]

    /// One order of the send.
    package struct Order: Encodable {
        /// 1-based place in the batch.
        package var index: Int
        /// Where the order was made: `file:line`, with its note.
        package var label: String
        /// placed, skipped, refused, failed, unknown or blocked.
        package var outcome: String
        package var journalID: Int64?
        package var orderID: Int?
        package var requests: [Request]
        package var error: String?

        package struct Request: Encodable {
            package var id: Int
            package var status: String
        }

        enum CodingKeys: String, CodingKey {
            case index, label, outcome, journalID = "journal_id", orderID = "order_id", requests, error
        }

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(index, forKey: .index)
            try container.encode(label, forKey: .label)
            try container.encode(outcome, forKey: .outcome)
            try container.encode(journalID, forKey: .journalID)
            try container.encode(orderID, forKey: .orderID)
            try container.encode(requests, forKey: .requests)
            try container.encode(error, forKey: .error)
        }
    }

    /// The report of a send's summary; its orders are the results the summary kept (every one
    /// when `send --json` asks, see ``BatchSummary/keepsEveryResult``).
    package init(_ summary: BatchSummary, endpoint: String) {
        self.endpoint = endpoint
        self.total = summary.total
        var counts = summary.counts
        if summary.total > summary.finished { counts["not_sent"] = summary.total - summary.finished }
        self.counts = counts
        orders = summary.results.map { result in
            var order = Order(index: result.index + 1, label: result.label, outcome: result.outcome.label,
                              journalID: result.outcome.entry?.id, orderID: nil, requests: [], error: nil)
            switch result.outcome {
            case .placed(_, let response):
                order.orderID = response.id
                order.requests = response.requests.map { Order.Request(id: $0.id, status: $0.status) }
            case .refused(_, let error), .failed(_, let error), .unknown(_, let error):
                order.error = error.message
            case .duplicate(let earlier):
                order.orderID = earlier.orderID
            case .blocked(let diagnostics):
                order.error = diagnostics.map(\.message).joined(separator: "\n")
            }
            return order
        }
    }
}
