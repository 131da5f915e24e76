import Foundation
import GRDB

/// One send in the journal: its intent (written before the request) and its outcome (written
/// after the answer), plus the order status of later `status` refreshes.
///
/// Rows live in the `journal_entry` table with snake_case columns; dates are stored as whole
/// milliseconds since 1970 (UTC) and `requests` as JSON text.
public struct JournalEntry: Codable, Sendable, Equatable, Identifiable {
    /// The entry number, increasing with every intent recorded in this journal.
    public var id: Int64
    /// When the intent was recorded (millisecond precision).
    public var createdAt: Date
    /// When the entry last changed (millisecond precision).
    public var updatedAt: Date
    /// Where the order went: `sandbox`, `us`, `eu` or a base URL without credentials.
    public var endpoint: String
    /// The product name id, for example `code_signing`.
    public var product: String
    /// The exact bytes that were sent.
    public var payload: Data
    /// Hex SHA-256 of the canonical payload: the duplicate guard's key.
    public var payloadDigest: String
    /// The `alternative_order_id` the payload carries.
    public var alternativeOrderID: String
    /// Where the send stands.
    public var state: JournalState
    /// The HTTP status of the answer, when one came.
    public var httpStatus: Int?
    /// The DigiCert order id, once placed.
    public var orderID: Int?
    /// The order status the API last reported (for example `pending`, `issued`).
    public var orderStatus: String?
    /// The order's approval requests with their statuses.
    public var requests: [JournalRequest]
    /// The certificate id, once the API reports one.
    public var certificateID: Int?
    /// The API's error code, for a refused send.
    public var errorCode: String?
    /// What went wrong, for a refused, failed or unknown send.
    public var errorMessage: String?
    /// The batch or run this send belongs to.
    public var batch: String?
    /// A human label, for example `file.order:12`.
    public var label: String?
    /// The process that recorded the intent, used to find `sending` entries nobody owns.
    public var ownerPID: Int32?

    /// Creates an entry. Entries are normally made by ``OrderJournal/recordIntent(endpoint:product:payload:canonicalPayload:alternativeOrderID:batch:label:rejectingDuplicatesWithin:)``
    /// and read back from the journal; this initializer serves tests and previews.
    public init(
        id: Int64,
        createdAt: Date,
        updatedAt: Date,
        endpoint: String,
        product: String,
        payload: Data,
        payloadDigest: String,
        alternativeOrderID: String,
        state: JournalState,
        httpStatus: Int? = nil,
        orderID: Int? = nil,
        orderStatus: String? = nil,
        requests: [JournalRequest] = [],
        certificateID: Int? = nil,
        errorCode: String? = nil,
        errorMessage: String? = nil,
        batch: String? = nil,
        label: String? = nil,
        ownerPID: Int32? = nil
    ) {
        self.id = id
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.endpoint = endpoint
        self.product = product
        self.payload = payload
        self.payloadDigest = payloadDigest
        self.alternativeOrderID = alternativeOrderID
        self.state = state
        self.httpStatus = httpStatus
        self.orderID = orderID
        self.orderStatus = orderStatus
        self.requests = requests
        self.certificateID = certificateID
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.batch = batch
        self.label = label
        self.ownerPID = ownerPID
    }

    /// Applies an outcome: the new state and the fields the outcome carries. Fields an outcome
    /// does not carry are cleared, so an entry never shows a stale error next to a placed order.
    mutating func apply(_ outcome: JournalOutcome, at date: Date) {
        state = outcome.state
        updatedAt = date
        switch outcome {
        case .placed(let httpStatus, let orderID, let requests, let certificateID):
            self.httpStatus = httpStatus
            self.orderID = orderID
            self.requests = requests
            self.certificateID = certificateID
            errorCode = nil
            errorMessage = nil
        case .refused(let httpStatus, let errorCode, let errorMessage):
            self.httpStatus = httpStatus
            self.errorCode = errorCode
            self.errorMessage = errorMessage
        case .failed(let errorMessage):
            httpStatus = nil
            errorCode = nil
            self.errorMessage = errorMessage
        case .unknown(let httpStatus, let errorMessage):
            self.httpStatus = httpStatus
            errorCode = nil
            self.errorMessage = errorMessage
        }
    }
}

// MARK: - SQLite mapping

extension JournalEntry: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "journal_entry"

    /// The columns of `journal_entry` (internal: other modules go through `OrderJournal`).
    enum StoredColumns {
        static let id = Column("id")
        static let createdAt = Column("created_at")
        static let updatedAt = Column("updated_at")
        static let endpoint = Column("endpoint")
        static let product = Column("product")
        static let payload = Column("payload")
        static let payloadDigest = Column("payload_digest")
        static let alternativeOrderID = Column("alternative_order_id")
        static let state = Column("state")
        static let httpStatus = Column("http_status")
        static let orderID = Column("order_id")
        static let orderStatus = Column("order_status")
        static let requests = Column("requests")
        static let certificateID = Column("certificate_id")
        static let errorCode = Column("error_code")
        static let errorMessage = Column("error_message")
        static let batch = Column("batch")
        static let label = Column("label")
        static let ownerPID = Column("owner_pid")
    }

    public init(row: Row) throws {
        typealias C = StoredColumns
        id = try row.decode(forColumn: C.id)
        createdAt = JournalTimestamp.date(milliseconds: try row.decode(forColumn: C.createdAt))
        updatedAt = JournalTimestamp.date(milliseconds: try row.decode(forColumn: C.updatedAt))
        endpoint = try row.decode(forColumn: C.endpoint)
        product = try row.decode(forColumn: C.product)
        payload = try row.decode(forColumn: C.payload)
        payloadDigest = try row.decode(forColumn: C.payloadDigest)
        alternativeOrderID = try row.decode(forColumn: C.alternativeOrderID)
        state = try row.decode(forColumn: C.state)
        httpStatus = try row.decode(forColumn: C.httpStatus)
        orderID = try row.decode(forColumn: C.orderID)
        orderStatus = try row.decode(forColumn: C.orderStatus)
        requests = try Self.decodeRequests(try row.decode(forColumn: C.requests))
        certificateID = try row.decode(forColumn: C.certificateID)
        errorCode = try row.decode(forColumn: C.errorCode)
        errorMessage = try row.decode(forColumn: C.errorMessage)
        batch = try row.decode(forColumn: C.batch)
        label = try row.decode(forColumn: C.label)
        ownerPID = try row.decode(forColumn: C.ownerPID)
    }

    public func encode(to container: inout PersistenceContainer) throws {
        typealias C = StoredColumns
        container[C.id] = id
        container[C.createdAt] = JournalTimestamp.milliseconds(createdAt)
        container[C.updatedAt] = JournalTimestamp.milliseconds(updatedAt)
        container[C.endpoint] = endpoint
        container[C.product] = product
        container[C.payload] = payload
        container[C.payloadDigest] = payloadDigest
        container[C.alternativeOrderID] = alternativeOrderID
        container[C.state] = state
        container[C.httpStatus] = httpStatus
        container[C.orderID] = orderID
        container[C.orderStatus] = orderStatus
        container[C.requests] = try Self.encodeRequests(requests)
        container[C.certificateID] = certificateID
        container[C.errorCode] = errorCode
        container[C.errorMessage] = errorMessage
        container[C.batch] = batch
        container[C.label] = label
        container[C.ownerPID] = ownerPID
    }

    /// `requests` as stored: a JSON array of `{"id":…,"status":…}` objects with sorted keys.
    static func encodeRequests(_ requests: [JournalRequest]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(requests), as: UTF8.self)
    }

    static func decodeRequests(_ text: String) throws -> [JournalRequest] {
        try JSONDecoder().decode([JournalRequest].self, from: Data(text.utf8))
    }
}
