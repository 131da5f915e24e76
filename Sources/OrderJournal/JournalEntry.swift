import CertOrder
import Foundation
import GRDB

/// One send in the journal: its intent (written before the request) and its outcome (written
/// after the answer), plus the order status of later `status` refreshes.
///
/// Rows live in the `journal_entry` table: a GRDB `Codable` record whose columns are the coding
/// keys in snake_case (`alternativeOrderID` in `alternative_order_id`); dates are stored as whole
/// milliseconds since 1970 (UTC) and `requests` as JSON text with sorted keys.
public struct JournalEntry: Codable, Sendable, Equatable, Identifiable {
    /// The entry number, increasing with every intent recorded in this journal.
    public var id: Int64
    /// When the intent was recorded (millisecond precision).
    public var createdAt: Date
    /// When the entry last changed (millisecond precision).
    public var updatedAt: Date
    /// Where the order went: `sandbox`, `us`, `eu` or a base URL without credentials.
    public var endpoint: String
    /// The product (stored by its API name, for example `code_signing`).
    public var product: Product
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
    /// For an entry read from a PostgreSQL journal: whether it is `sending` under another live
    /// process's lease (``isInFlightElsewhere``), which a process id alone cannot tell across
    /// machines. Nil for the SQLite journal, where the process id is checked. Not a column and
    /// not part of the JSON (it is not among the coding keys).
    package var ownerInFlightElsewhere: Bool? = nil

    /// Creates an entry. Entries are normally made by ``OrderJournal/recordIntent(endpoint:product:payload:canonicalPayload:alternativeOrderID:batch:label:rejectingDuplicatesWithin:)``
    /// and read back from the journal; this initializer serves tests and previews.
    public init(
        id: Int64,
        createdAt: Date,
        updatedAt: Date,
        endpoint: String,
        product: Product,
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

extension JournalEntry {
    /// The coding keys, spelled as the JSON of `certorder orders --json` shows them; the journal's
    /// columns are their snake_case forms (``columnName``).
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, createdAt, updatedAt, endpoint, product, payload, payloadDigest, alternativeOrderID, state
        case httpStatus, orderID, orderStatus, requests, certificateID, errorCode, errorMessage, batch, label, ownerPID

        /// The key's column in `journal_entry`: snake_case, an acronym as one word
        /// (`alternativeOrderID` → `alternative_order_id`, `ownerPID` → `owner_pid`).
        var columnName: String {
            var name = ""
            var previous: Character?
            for character in rawValue {
                if character.isUppercase, let previous, previous.isLowercase { name += "_" }
                name += character.lowercased()
                previous = character
            }
            return name
        }

        /// The key of a column (nil for a column the record does not know).
        init?(columnName: String) {
            guard let key = Self.byColumn[columnName] else { return nil }
            self = key
        }

        private static let byColumn = Dictionary(uniqueKeysWithValues: allCases.map { ($0.columnName, $0) })
    }

    /// The columns of `journal_entry` the queries filter and sort on, named by their coding keys.
    public enum Columns {
        public static let id = column(.id)
        public static let createdAt = column(.createdAt)
        public static let updatedAt = column(.updatedAt)
        public static let endpoint = column(.endpoint)
        public static let payloadDigest = column(.payloadDigest)
        public static let alternativeOrderID = column(.alternativeOrderID)
        public static let state = column(.state)
        public static let batch = column(.batch)

        private static func column(_ key: CodingKeys) -> Column { Column(key.columnName) }
    }
}

extension JournalEntry: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "journal_entry"

    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.custom { key in
        CodingKeys(stringValue: key.stringValue)?.columnName ?? key.stringValue
    }

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.custom { column -> any CodingKey in
        if let key = CodingKeys(columnName: column) { return key }
        return AnyCodingKey(column)
    }

    /// Dates as whole milliseconds since 1970 (``JournalTimestamp``): rounded, not truncated, so
    /// an entry read back equals the entry written.
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .custom { date in JournalTimestamp.milliseconds(date) }
    }

    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .custom { value in Int64.fromDatabaseValue(value).map(JournalTimestamp.date(milliseconds:)) }
    }

    /// `requests` as stored: a JSON array of `{"id":…,"status":…}` objects with sorted keys.
    public static func databaseJSONEncoder(for column: String) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    public static func databaseJSONDecoder(for column: String) -> JSONDecoder {
        JSONDecoder()
    }
}

/// A column the record does not know, as a coding key (GRDB then leaves it out).
private struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
