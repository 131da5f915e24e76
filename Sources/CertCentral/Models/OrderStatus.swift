/// An order's status as CertCentral reports it (`GET /order/certificate/{id}`).
///
/// An open set, as the API's is (see ``OpenStatus``): the values CertOrder knows are named below.
public struct OrderStatus: OpenStatus {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `needs_approval`: Waiting for the account's approval of its request.
    public static let needsApproval = OrderStatus("needs_approval")
    /// `pending`: Approved, waiting for DigiCert's validation.
    public static let pending = OrderStatus("pending")
    /// `processing`: DigiCert is issuing it.
    public static let processing = OrderStatus("processing")
    /// `waiting_pickup`: Issued, waiting to be picked up (a token shipped or to be provisioned).
    public static let waitingPickup = OrderStatus("waiting_pickup")
    /// `reissue_pending`: A reissue is under way.
    public static let reissuePending = OrderStatus("reissue_pending")
    /// `issued`: The certificate is issued.
    public static let issued = OrderStatus("issued")
    /// `rejected`: The request was rejected.
    public static let rejected = OrderStatus("rejected")
    /// `canceled`: The order was canceled.
    public static let canceled = OrderStatus("canceled")
    /// `expired`: The certificate expired.
    public static let expired = OrderStatus("expired")
    /// `revoked`: The certificate was revoked.
    public static let revoked = OrderStatus("revoked")

    /// The values CertOrder knows, in the order of their life.
    public static let known: [OrderStatus] = [.needsApproval, .pending, .processing, .waitingPickup, .reissuePending, .issued, .rejected, .canceled, .expired, .revoked]
}
