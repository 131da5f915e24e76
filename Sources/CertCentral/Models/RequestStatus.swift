/// An approval request's status as CertCentral reports it (`GET /request/{id}`, an order's `requests`).
///
/// An open set, as the API's is: the values CertOrder knows are named below, and any other
/// value CertCentral sends is kept as it came (``isKnown`` is false), never a decoding failure.
/// Compared and stored as its ``rawValue``; a string literal is one (`status == "issued"`).
public struct RequestStatus: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        rawValue = value
    }

    /// `submitted`: Submitted, waiting for the first of two approvals.
    public static let submitted = RequestStatus("submitted")
    /// `pending`: Waiting for approval.
    public static let pending = RequestStatus("pending")
    /// `approved`: Approved.
    public static let approved = RequestStatus("approved")
    /// `rejected`: Rejected.
    public static let rejected = RequestStatus("rejected")

    /// The values CertOrder knows, in the order of their life.
    public static let known: [RequestStatus] = [.submitted, .pending, .approved, .rejected]

    /// Whether this is one of ``known``.
    public var isKnown: Bool { Self.known.contains(self) }

    /// The raw value, as the API spells it.
    public var description: String { rawValue }
}
