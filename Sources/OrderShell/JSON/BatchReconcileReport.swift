import OrderJournal

/// `reconcile --batch FILE… --json`: what the runs of a batch placed on the account, order by
/// order, and whether its latest run is complete (schema: `Docs/schemas/reconcile-batch.schema.json`).
package struct BatchReconcileReport: Encodable {
    package var endpoint: String
    /// The batch's identity: its runs are `<batch>-1`, `<batch>-2`, …
    package var batch: String
    package var orders: [Order]
    /// How many orders of the batch were found on the account (in any run).
    package var placed: Int
    /// The latest run found (`<batch>-1` when none placed anything).
    package var latestRun: String
    /// Orders of the latest run that were not placed: a `send` of the same scripts sends those.
    package var notPlacedInLatestRun: Int

    package init(endpoint: String, batch: String, orders: [Order]) {
        self.endpoint = endpoint
        self.batch = batch
        self.orders = orders
        placed = orders.filter { $0.state == "placed" }.count
        let latest = orders.last?.run ?? batch + "-1"
        latestRun = latest
        notPlacedInLatestRun = orders.filter { $0.run == latest && $0.state != "placed" }.count
    }

    /// One order of one run: where the batch's scripts declare it, its alternative id, and
    /// whether an order with that id is on the account.
    package struct Order: Encodable {
        package var run: String
        /// Its place in the batch, from 1.
        package var index: Int
        package var file: String
        package var line: Int
        /// The order's last note (`# note` in its block), if any.
        package var note: String?
        package var alternativeOrderID: String
        /// `placed` (found on the account and recorded in the journal) or `not_placed`.
        package var state: String
        package var orderID: Int?
        package var journalID: Int64?

        package init(run: String, index: Int, file: String, line: Int, note: String?, alternativeOrderID: String, entry: JournalEntry?) {
            self.run = run
            self.index = index
            self.file = file
            self.line = line
            self.note = note
            self.alternativeOrderID = alternativeOrderID
            state = entry == nil ? "not_placed" : "placed"
            orderID = entry?.orderID
            journalID = entry?.id
        }

        enum CodingKeys: String, CodingKey {
            case run, index, file, line, note, alternativeOrderID = "alternative_order_id", state, orderID = "order_id", journalID = "journal_id"
        }

        package func encode(to encoder: any Encoder) throws {
            // Absent values are written as null: every key is always there.
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(run, forKey: .run)
            try container.encode(index, forKey: .index)
            try container.encode(file, forKey: .file)
            try container.encode(line, forKey: .line)
            try container.encode(note, forKey: .note)
            try container.encode(alternativeOrderID, forKey: .alternativeOrderID)
            try container.encode(state, forKey: .state)
            try container.encode(orderID, forKey: .orderID)
            try container.encode(journalID, forKey: .journalID)
        }
    }

    enum CodingKeys: String, CodingKey {
        case endpoint, batch, orders, placed, latestRun = "latest_run", notPlacedInLatestRun = "not_placed_in_latest_run"
    }
}
