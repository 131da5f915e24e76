/// An approval request's status as CertCentral reports it (`GET /request/{id}`, an order's `requests`).
///
/// An open set, as the API's is (see ``OpenStatus``): the values CertOrder knows are named below.
public struct RequestStatus: OpenStatus {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
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
}
