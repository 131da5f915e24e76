import CertOrder
import Foundation

/// An order the sandbox holds: the payload as received and where it stands.
public struct SandboxOrder: Codable, Hashable, Sendable {
    public var id: Int
    /// The product (in a state file by its API name: `code_signing` or `code_signing_ev`).
    public var product: Product
    /// The body as received.
    public var payload: OrderRequest
    /// `needs_approval`, `pending` (approved, in validation), `issued`, `rejected` or `canceled`
    /// (also `waiting_pickup`, `reissue_pending` when set by hand in a state file).
    public var status: String
    public var requestID: Int
    /// Allocated when the request is approved.
    public var certificateID: Int?
    public var dateCreated: Date
    /// When the order becomes `issued` once approved.
    public var issueAt: Date?
    public var dateIssued: Date?
    public var dateCanceled: Date?
    public var cancelNote: String?
    /// When ``status`` last changed (what `GET /order/certificate/status-changes` looks at).
    public var statusUpdated: Date?
    /// The issued certificate, PEM (the leaf alone), once ``status`` is `issued`.
    public var certificatePEM: String?
    /// The issued certificate's serial number, hexadecimal.
    public var serialNumber: String?
    /// The private key (PEM) the sandbox made and keeps for a `ship_token` or `client_app`
    /// order, standing for the key on the token; `nil` for `email`, whose key is the CSR's.
    public var heldKeyPEM: String?
    /// The order's other certificates: those a reissue replaced and its duplicates, oldest first
    /// (``SandboxCertificate``); `nil` until there is one.
    public var otherCertificates: [SandboxCertificate]?
    /// When the current certificate was issued by a reissue (then ``dateIssued`` stays the
    /// order's first issuance), and its end.
    public var reissuedAt: Date?
    public var reissuedValidTill: Date?
    /// For `ship_token` and `client_app`: the code that installs the certificate on the token,
    /// once issued (``SandboxStore/hardwareInitCode(orderID:certificateID:)``).
    public var hardwareInitCode: String?

    public var alternativeOrderID: String? { payload.alternativeOrderID }
}

/// A certificate of an order other than its current one: one a reissue replaced, or a duplicate
/// (which lives beside the order's certificate with a key of its own).
public struct SandboxCertificate: Codable, Hashable, Sendable {
    public var id: Int
    /// `reissued` (replaced by a reissue) or `duplicate`.
    public var kind: String
    public var pem: String
    public var serialNumber: String
    public var dateIssued: Date
    public var validTill: Date
}

/// An approval request the sandbox holds.
public struct SandboxRequest: Codable, Hashable, Sendable {
    public var id: Int
    public var orderID: Int
    /// `revoke` for a revoke request; `nil` for the order's own request (`new_request`).
    public var type: String?
    /// `submitted`, `pending`, `approved` or `rejected`.
    public var status: String
    public var date: Date
    /// Approvals received so far (two-step needs two).
    public var approvals: Int
    public var comments: String?
    public var processorComment: String?
    public var dateProcessed: Date?
}

/// What a ``SandboxServer`` holds, for tests: the orders, and how many were placed under each
/// alternative order id.
public struct SandboxSnapshot: Sendable, Hashable {
    /// Every order, by ascending id.
    public var orders: [SandboxOrder]
    public var requests: [SandboxRequest]
    /// Order ids per `alternative_order_id`, in the order they were placed.
    public var ordersByAlternativeID: [String: [Int]]
    /// Requests answered under `/services/v2` since start (429 and injected 500 included).
    public var requestCount: Int
    /// Orders placed since start (placed orders loaded from a state file not included).
    public var ordersPlaced: Int
    /// `500`s injected since start.
    public var injectedFailures: Int
    /// Connections dropped after committing an order since start.
    public var droppedConnections: Int
    /// `429`s answered since start.
    public var rateLimited: Int
    /// The `User-Agent` of the latest Services API request.
    public var lastUserAgent: String?

    public var orderCount: Int { orders.count }

    /// The orders placed with `alternative_order_id` `id`.
    public func orders(alternativeID id: String) -> [SandboxOrder] {
        let ids = Set(ordersByAlternativeID[id] ?? [])
        return orders.filter { ids.contains($0.id) }
    }
}

/// The persisted state: orders, requests and the id counters.
struct SandboxState: Codable, Sendable {
    /// The first ids are those of the documented answers: order 112233, request 113, certificate 113.
    static let firstOrderID = 112233
    static let firstRequestID = 113
    static let firstCertificateID = 113

    var version = 1
    var nextOrderID = firstOrderID
    var nextRequestID = firstRequestID
    var nextCertificateID = firstCertificateID
    var orders: [SandboxOrder] = []
    var requests: [SandboxRequest] = []
    /// The sandbox's CA, once made (``SandboxCA``).
    var ca: SandboxCA.Stored?
    /// How far `POST /sandbox/clock` has moved the sandbox's "now" past its clock, in seconds.
    var clockOffset: TimeInterval?
    /// What the orders paid by balance have cost so far (``SandboxSeed/openingBalance`` minus
    /// it is the balance); absent in a state file written before prices existed.
    var spent: Decimal?
}
