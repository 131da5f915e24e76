import OrderJournal

/// `reconcile --json`: what reconciling the sends of unknown outcome on one endpoint found, and
/// the unknown sends left on other endpoints (schema: `Docs/schemas/reconcile.schema.json`).
package struct ReconcileReport: Encodable {
    package var endpoint: String
    package var results: [Result]
    /// Sends of unknown outcome on other endpoints: reconciled there, with `--endpoint`.
    package var elsewhere: [Elsewhere]

    /// One send that was of unknown outcome: its state now (`placed`, `failed`, or still
    /// `unknown`) and what reconciling said.
    package struct Result: Encodable {
        package var journalID: Int64
        package var alternativeOrderID: String
        package var state: String
        package var orderID: Int?
        package var note: String

        enum CodingKeys: String, CodingKey {
            case journalID = "journal_id", alternativeOrderID = "alternative_order_id", state, orderID = "order_id", note
        }

        package init(before: JournalEntry, after: JournalEntry?, note: String) {
            journalID = before.id
            alternativeOrderID = before.alternativeOrderID
            state = (after ?? before).state.rawValue
            orderID = after?.orderID
            self.note = note
        }

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(journalID, forKey: .journalID)
            try container.encode(alternativeOrderID, forKey: .alternativeOrderID)
            try container.encode(state, forKey: .state)
            try container.encode(orderID, forKey: .orderID)
            try container.encode(note, forKey: .note)
        }
    }

    package struct Elsewhere: Encodable {
        package var endpoint: String
        package var journalIDs: [Int64]
        enum CodingKeys: String, CodingKey { case endpoint, journalIDs = "journal_ids" }
    }
}
