/// One approval request of a placed order, as the Services API lists it in `requests`.
public struct JournalRequest: Codable, Sendable, Equatable, Hashable {
    /// The request id.
    public var id: Int
    /// The request status, as the API spells it (for example `pending`, `approved`).
    public var status: String

    /// Creates a request record.
    public init(id: Int, status: String) {
        self.id = id
        self.status = status
    }
}
