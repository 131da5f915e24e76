import AsyncHTTPClient
import CertOrder
import Foundation
import Logging

/// A client of DigiCert's CertCentral Services API for code signing orders.
///
/// ```swift
/// let client = try CertCentralClient(endpoint: .us, apiKey: key)
/// let placed = try await client.placeOrder(order, product: .codeSigningEV)
/// let info = try await client.orderInfo(id: placed.id)
/// ```
///
/// Every request carries `X-DC-DEVKEY`, `Content-Type: application/json` and
/// `User-Agent: certorder/<version>`, passes the ``Pacer`` (the documented rate limits) and goes
/// through one shared, keep-alive ``HTTPClient``. Failures are ``CertCentralError``s. Reads are
/// retried with backoff; an order that may have reached CertCentral is never sent again
/// automatically (see ``RetryPolicy``).
public struct CertCentralClient: Sendable {
    /// The version sent in `User-Agent`.
    public static let version = "0.1.0"

    /// Timeouts, retries and identification.
    public struct Configuration: Sendable {
        /// The longest a request may take, from the start of its connection to the last byte of
        /// the answer: a deadline, however slowly the answer trickles in.
        public var requestTimeout: Duration
        public var retry: RetryPolicy
        /// `User-Agent`: `certorder/<version>` by default.
        public var userAgent: String
        /// The largest answer read.
        public var maxResponseBytes: Int
        /// The longest one call may take with its retries and their waits (not the pacer's):
        /// no retry starts that could not end before it. `nil`: twice ``requestTimeout``, and at
        /// least ``requestTimeout`` + 30 s (so that short timeouts still leave room for retries).
        public var callTimeout: Duration?
        /// How long an order already on its way is still awaited once its task is cancelled
        /// (Ctrl-C): its answer, if it comes, is recorded; after it the order is given up as of
        /// unknown outcome (``CertCentralError/cancelled``). Reads are given up at once.
        public var cancellationGrace: Duration
        /// Told once per call that has waited ``waitNoticeAfter`` without an answer: what it
        /// waits for (`waiting for 127.0.0.1:8443 to answer GET /account/metadata …`).
        public var waitNotice: (@Sendable (String) -> Void)?
        /// See ``waitNotice``.
        public var waitNoticeAfter: Duration
        /// The proxy and the added trust roots (``NetworkSettings``): direct, system roots by default.
        public var network: NetworkSettings = .direct

        public init(requestTimeout: Duration = .seconds(30), retry: RetryPolicy = .standard,
                    userAgent: String = "certorder/\(CertCentralClient.version)", maxResponseBytes: Int = 16 << 20,
                    callTimeout: Duration? = nil, cancellationGrace: Duration = .seconds(5),
                    waitNotice: (@Sendable (String) -> Void)? = nil, waitNoticeAfter: Duration = .seconds(2)) {
            self.requestTimeout = requestTimeout
            self.retry = retry
            self.userAgent = userAgent
            self.maxResponseBytes = maxResponseBytes
            self.callTimeout = callTimeout
            self.cancellationGrace = cancellationGrace
            self.waitNotice = waitNotice
            self.waitNoticeAfter = waitNoticeAfter
        }

        /// ``callTimeout``, or its default.
        public var effectiveCallTimeout: Duration { callTimeout ?? max(requestTimeout * 2, requestTimeout + .seconds(30)) }
    }

    /// How requests are paced.
    public enum Pacing: Sendable {
        /// The process-wide pacer of the API key (``Pacer/shared(forKey:)``): the default.
        case perKey
        /// This pacer.
        case pacer(Pacer)
        /// No pacing (tests of the server's own limits).
        case off
    }

    public let endpoint: Endpoint
    public let configuration: Configuration
    /// The pacer in use, `nil` when pacing is off.
    public let pacer: Pacer?
    let apiKey: String?
    let http: HTTPClient
    let logger: Logger

    /// A client of `endpoint` with `apiKey` (sent as `X-DC-DEVKEY`; `nil` sends none).
    /// - Throws: ``CertCentralError/insecureEndpoint(_:)`` for plain `http://` to anything but
    ///   this machine, or a URL that is not http(s).
    public init(endpoint: Endpoint, apiKey: String?, configuration: Configuration = Configuration(), pacing: Pacing = .perKey,
                httpClient: HTTPClient? = nil, logger: Logger? = nil) throws(CertCentralError) {
        try endpoint.checkSecure()
        self.endpoint = endpoint
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : $0 }
        self.configuration = configuration
        switch pacing {
        case .perKey: pacer = Pacer.shared(forKey: "\(endpoint.host)\u{0}\(apiKey ?? "")")
        case .pacer(let p): pacer = p
        case .off: pacer = nil
        }
        http = httpClient ?? Self.httpClient(for: endpoint, network: configuration.network)
        self.logger = logger ?? Logger(label: "certorder.certcentral", factory: { _ in SwiftLogNoOpLogHandler() })
    }

    /// Whether a key is sent.
    public var hasAPIKey: Bool { apiKey != nil }

    /// The HTTP client every ``CertCentralClient`` shares by default: keep-alive, no redirects (the
    /// key must not follow one), connection failures reported at once (the client retries itself).
    /// It lives as long as the process and needs no shutdown.
    public static let sharedHTTPClient: HTTPClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: baseHTTPConfiguration)

    /// What every client of the process shares: keep-alive, no redirects, connection failures
    /// reported at once.
    static var baseHTTPConfiguration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10)))
        configuration.connectionPool.retryConnectionEstablishment = false
        // AsyncHTTPClient's default of 8 connections per host capped `send --concurrency 16` at 8
        // in flight (scripts/bench: 300 orders at 10 ms per answer took 0.44 s, 0.23 s with 16).
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        return configuration
    }

    /// The HTTP client for `endpoint` under `network`: ``sharedHTTPClient`` when it needs no proxy
    /// and no added roots, else one per proxy and roots, kept for the process (like the shared one,
    /// it needs no shutdown): the clients of one run share their connections.
    static func httpClient(for endpoint: Endpoint, network: NetworkSettings) -> HTTPClient {
        guard network.needsOwnClient(for: endpoint) else { return sharedHTTPClient }
        let key = ClientKey(proxy: network.proxy(for: endpoint), roots: network.trustRootFiles)
        return clientCacheLock.withLock {
            if let client = clientCache[key] { return client }
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                                    configuration: network.clientConfiguration(for: endpoint, base: baseHTTPConfiguration))
            clientCache[key] = client
            return client
        }
    }

    private struct ClientKey: Hashable {
        var proxy: NetworkSettings.Proxy?
        var roots: [String]
    }

    private static let clientCacheLock = NSLock()
    nonisolated(unsafe) private static var clientCache: [ClientKey: HTTPClient] = [:]

    // MARK: - Orders

    /// `POST /order/certificate/{product}` with `payload` as the body, as given: the order.
    ///
    /// Sent once: only a connection that could not be made is tried again. On ``CertCentralError/timeout``,
    /// ``CertCentralError/connectionLost`` or ``CertCentralError/server(status:)`` the order may have
    /// been placed: look it up (``orderByAlternativeID(_:)``) before sending it again.
    public func placeOrder(product: Product, payload: Data) async throws(CertCentralError) -> OrderResponse {
        try await sendOrder(product: product, payload: payload).response
    }

    /// ``placeOrder(product:payload:)``, keeping the answer's status and bytes (to show or journal them).
    public func sendOrder(product: Product, payload: Data) async throws(CertCentralError) -> PlacedOrder {
        let reply = try await perform(.post, product.orderPath, body: payload, kind: .order, purpose: "the order")
        return PlacedOrder(response: try decode(OrderResponse.self, reply), status: reply.status, body: reply.body)
    }

    /// Places `request`, encoded by ``PayloadWriter``.
    public func placeOrder(_ request: OrderRequest, product: Product) async throws(CertCentralError) -> OrderResponse {
        try await placeOrder(product: product, payload: PayloadWriter.compact(request))
    }

    /// `GET /order/certificate/{id}`.
    public func orderInfo(id: Int) async throws(CertCentralError) -> OrderInfo {
        try decode(OrderInfo.self, try await perform(.get, "/order/certificate/\(id)", kind: .read))
    }

    /// `GET /order/certificate?filters[…]=…&limit=&offset=`.
    public func listOrders(filters: OrderFilters = OrderFilters(), limit: Int? = nil, offset: Int? = nil) async throws(CertCentralError) -> OrderList {
        var query = filters.queryItems
        if let limit { query.append(URLQueryItem(name: "limit", value: String(limit))) }
        if let offset { query.append(URLQueryItem(name: "offset", value: String(offset))) }
        return try decode(OrderList.self, try await perform(.get, "/order/certificate", query: query, kind: .read))
    }

    /// `GET /order/alternate/{alternative_order_id}`: the order placed with this id, `nil` when none.
    public func orderByAlternativeID(_ alternativeID: String) async throws(CertCentralError) -> OrderInfo? {
        do {
            return try decode(OrderInfo.self, try await perform(.get, "/order/alternate/\(Self.pathSegment(alternativeID))", kind: .read))
        } catch .notFound {
            return nil
        }
    }

    /// `PUT /order/certificate/{id}/status` with `canceled`: only orders that are `pending`,
    /// `waiting_pickup` or `reissue_pending` can be canceled.
    public func cancelOrder(id: Int, note: String? = nil) async throws(CertCentralError) {
        var w = JSONWriter(pretty: false)
        w.beginObject()
        w.key("status"); w.string("canceled")
        if let note { w.key("note"); w.string(note) }
        w.endObject()
        _ = try await perform(.put, "/order/certificate/\(id)/status", body: Data(w.bytes), kind: .statusChange)
    }

    // MARK: - Requests

    /// `GET /request/{id}`.
    public func requestInfo(id: Int) async throws(CertCentralError) -> RequestInfo {
        try decode(RequestInfo.self, try await perform(.get, "/request/\(id)", kind: .read))
    }

    /// `PUT /request/{id}/status`: approves or rejects a request (`204`). In a two-step workflow a
    /// request needs two approvals.
    public func updateRequestStatus(id: Int, _ decision: RequestDecision, comment: String? = nil) async throws(CertCentralError) {
        var w = JSONWriter(pretty: false)
        w.beginObject()
        w.key("status"); w.string(decision.rawValue)
        if let comment { w.key("processor_comment"); w.string(comment) }
        w.endObject()
        _ = try await perform(.put, "/request/\(id)/status", body: Data(w.bytes), kind: .statusChange)
    }

    // MARK: - Account

    /// `GET /organization`.
    public func organizations() async throws(CertCentralError) -> [Organization] {
        try decodeList(member: "organizations", try await perform(.get, "/organization", kind: .read))
    }

    /// `GET /organization/{id}/validation`.
    public func organizationValidations(id: Int) async throws(CertCentralError) -> [OrganizationValidation] {
        try decodeList(member: "validations", try await perform(.get, "/organization/\(id)/validation", kind: .read, purpose: "the organization's validations"))
    }

    /// `GET /container`.
    public func containers() async throws(CertCentralError) -> [Container] {
        try decodeList(member: "containers", try await perform(.get, "/container", kind: .read))
    }

    /// `GET /container/{id}`.
    public func container(id: Int) async throws(CertCentralError) -> Container {
        try decode(Container.self, try await perform(.get, "/container/\(id)", kind: .read))
    }

    /// `GET /account/metadata`: the account's custom fields.
    public func customFieldMetadata() async throws(CertCentralError) -> [CustomFieldMetadata] {
        try decodeList(member: "metadata", try await perform(.get, "/account/metadata", kind: .read, purpose: "the account's custom fields"))
    }

    /// `GET /product/{name_id}`.
    public func productInfo(nameID: String) async throws(CertCentralError) -> ProductInfo {
        try decode(ProductInfo.self, try await perform(.get, "/product/\(Self.pathSegment(nameID))", kind: .read))
    }

    // MARK: - Helpers

    func decode<T: Decodable>(_ type: T.Type, _ reply: Reply, with decoder: JSONDecoder = JSONDecoder()) throws(CertCentralError) -> T {
        do {
            return try decoder.decode(T.self, from: reply.body)
        } catch {
            throw .invalidResponse(status: reply.status, detail: redact(Self.describe(error)))
        }
    }

    /// A list answer's array, held by its member `member` (see ``ListBody``).
    func decodeList<T: Decodable>(member: String, _ reply: Reply) throws(CertCentralError) -> [T] {
        let decoder = JSONDecoder()
        decoder.userInfo[ListBody<T>.memberKey] = member
        return try decode(ListBody<T>.self, reply, with: decoder).items
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "'\(key.stringValue)' is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "unexpected value at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted: return "the body is not JSON"
        default: return "\(error)"
        }
    }

    /// `text` percent-encoded as one path segment.
    static func pathSegment(_ text: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// `text` without the API key, should any answer echo it.
    func redact(_ text: String) -> String {
        guard let apiKey, apiKey.count >= 4 else { return text }
        return text.replacingOccurrences(of: apiKey, with: "[redacted]")
    }
}

/// A placed order: the decoded `201` answer, and the answer as it came.
public struct PlacedOrder: Sendable, Hashable {
    public var response: OrderResponse
    /// `201`.
    public var status: Int
    /// The answer's bytes.
    public var body: Data

    public init(response: OrderResponse, status: Int, body: Data) {
        self.response = response
        self.status = status
        self.body = body
    }
}

extension CertCentralClient: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `CertCentralClient(us (https://…), key: set)`: never the key itself.
    public var description: String {
        "CertCentralClient(\(endpoint), key: \(apiKey == nil ? "none" : "set"))"
    }

    public var debugDescription: String { description }

    /// Mirrors without the key, so `dump` and debuggers do not show it.
    public var customMirror: Mirror {
        Mirror(self, children: ["endpoint": endpoint, "hasAPIKey": hasAPIKey, "requestTimeout": configuration.requestTimeout],
               displayStyle: .struct)
    }
}
