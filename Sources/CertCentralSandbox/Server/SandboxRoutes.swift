import CertOrder
import Foundation
import HTTPTypes
import Hummingbird

/// The sandbox's routes: the Services API's under `/services/v2`, and control routes under `/sandbox`.
struct SandboxRoutes: Sendable {
    static let basePath = "/services/v2"
    /// The largest request body read.
    static let maxBody = 1 << 20

    let store: SandboxStore
    let gate: SandboxGate
    let today: Date?
    /// ``SandboxConfiguration/keyOwnerHasJobTitle``.
    var keyOwnerHasJobTitle = true

    static func isServicesPath(_ path: String) -> Bool {
        path == basePath || path.hasPrefix(basePath + "/")
    }

    func register(on router: Router<SandboxRequestContext>) {
        let api = router.group("services/v2")
        api.post("order/certificate/:id", use: placeOrder)
        api.get("order/certificate", use: listOrders)
        // Before "order/certificate/:id": a constant segment, not an order id.
        api.get("order/certificate/status-changes", use: statusChanges)
        api.get("order/certificate/:id", use: orderInfo)
        api.put("order/certificate/:id/status", use: cancelOrder)
        api.put("order/certificate/:id/revoke", use: revokeOrder)
        api.post("order/certificate/:id/reissue", use: reissueOrder)
        api.post("order/certificate/:id/duplicate", use: duplicateOrder)
        api.put("certificate/:id/revoke", use: revokeCertificate)
        api.get("order/alternate/:id", use: orderByAlternativeID)
        api.get("request", use: listRequests)
        api.get("request/:id", use: requestInfo)
        api.put("request/:id/status", use: updateRequestStatus)
        api.get("user/me", use: currentUser)
        api.get("organization", use: organizations)
        api.get("organization/:id", use: organization)
        api.get("organization/:id/validation", use: organizationValidations)
        api.get("container", use: containers)
        api.get("container/:id", use: container)
        api.get("account/metadata", use: customFieldMetadata)
        // Before "product/:id": a constant segment, not a product.
        api.get("product/pricing", use: productPricing)
        api.get("product/:id", use: productInfo)
        api.get("finance/balance", use: balance)
        api.get("certificate/:id/download/format/:format", use: downloadCertificate)
        api.get("certificate/download/order/:id/format/:format", use: downloadOrderCertificate)

        let control = router.group("sandbox")
        control.get("state", use: sandboxState)
        control.get("faults", use: getFaults)
        control.post("faults", use: setFaults)
        control.get("clock", use: getClock)
        control.post("clock", use: advanceClock)
        control.get("ca", use: rootCertificate)
    }

    // MARK: - Orders

    @Sendable func placeOrder(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        guard let product = Product(rawValue: Self.parameter("id", context) ?? "") else {
            throw SandboxAPIError.productNotFound
        }
        let data = try await Self.body(request)
        let payload: OrderRequest
        do {
            payload = try PayloadReader.read(data)
        } catch {
            if error.path.isEmpty { throw SandboxAPIError.badRequestFormat(error.message) }
            throw SandboxAPIError(.badRequest, code: "invalid_value:\(error.path)", message: error.description)
        }
        let sandboxNow = await store.currentTime()
        var errors = Validator(today: today ?? sandboxNow).validate(payload, product: product).errors.map { (code: $0.apiCode, message: $0.message) }
        errors += AccountRules.errors(payload, product: product)
        guard errors.isEmpty else { throw SandboxAPIError(.badRequest, errors) }

        let (order, approvalRequest) = try await store.place(payload, product: product)
        if gate.takeDrop() {
            // The order is committed: close the connection without answering.
            await context.dropConnection()
            throw ConnectionDropped()
        }
        return SandboxResponse.json(SandboxRenderer.created(order: order, request: approvalRequest), status: .created)
    }

    @Sendable func orderInfo(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        guard let id = Self.intParameter("id", context), let order = await store.order(id: id) else {
            throw SandboxAPIError.orderNotFound
        }
        return SandboxResponse.json(SandboxRenderer.orderInfo(order, requests: await store.requests(ofOrder: id),
                                                              isRenewed: await store.renewal(of: id) != nil,
                                                              now: await store.currentTime()))
    }

    @Sendable func orderByAlternativeID(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        guard let alt = Self.parameter("id", context), let order = await store.order(alternativeID: alt) else {
            throw SandboxAPIError.orderNotFound
        }
        return SandboxResponse.json(SandboxRenderer.orderInfo(order, requests: await store.requests(ofOrder: order.id),
                                                              isRenewed: await store.renewal(of: order.id) != nil,
                                                              now: await store.currentTime()))
    }

    /// `GET /order/certificate?filters[status]=issued&filters[product_name_id]=code_signing&limit=&offset=`,
    /// newest first.
    @Sendable func listOrders(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let query = Self.query(request)
        func int(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
            guard let text = query[name] else { return value }
            guard let n = Int(text), range.contains(n) else {
                throw SandboxAPIError(.badRequest, code: "invalid_value:\(name)",
                                      message: "\(name) must be an integer from \(range.lowerBound) to \(range.upperBound); got '\(text)'")
            }
            return n
        }
        let limit = try int("limit", default: 1000, range: 0...1000)
        let offset = try int("offset", default: 0, range: 0...Int.max)
        var orders = await store.allOrders()
        if let status = query["filters[status]"] {
            let wanted = Set(status.split(separator: ",").map(String.init))
            orders = orders.filter { wanted.contains($0.status) }
        }
        if let product = query["filters[product_name_id]"] {
            let wanted = Set(product.split(separator: ",").map(String.init))
            orders = orders.filter { wanted.contains($0.product.nameID) }
        }
        if let container = query["filters[container_id]"] {
            orders = orders.filter { $0.payload.container.map { String($0.id) } == container }
        }
        if let search = query["filters[search]"]?.lowercased(), !search.isEmpty {
            orders = orders.filter { o in
                String(o.id).contains(search)
                    || (o.alternativeOrderID?.lowercased().contains(search) ?? false)
                    || (o.payload.comments?.lowercased().contains(search) ?? false)
            }
        }
        let total = orders.count
        let page = orders.dropFirst(offset).prefix(limit)
        var summaries: [JSONValue] = []
        let now = await store.currentTime()
        for order in page { summaries.append(SandboxRenderer.orderSummary(order, isRenewed: await store.renewal(of: order.id) != nil, now: now)) }
        let body: JSONValue = .object([
            "orders": .array(summaries),
            "page": .object(["total": .int(total), "limit": .int(limit), "offset": .int(offset)]),
        ])
        return SandboxResponse.json(body)
    }

    /// `PUT /order/certificate/{id}/status` with `{"status": "canceled", "note": "..."}`.
    @Sendable func cancelOrder(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        guard let id = Self.intParameter("id", context) else { throw SandboxAPIError.orderNotFound }
        let object = try Self.jsonObject(try await Self.body(request))
        guard let status = object["status"] as? String, status == "canceled" else {
            throw SandboxAPIError(.badRequest, code: "invalid_value:status",
                                  message: "status must be \"canceled\"; it is the only status an order can be set to")
        }
        try await store.cancel(orderID: id, note: object["note"] as? String)
        return SandboxResponse.noContent()
    }

    // MARK: - Requests

    @Sendable func requestInfo(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        guard let id = Self.intParameter("id", context), let r = await store.request(id: id) else {
            throw SandboxAPIError.requestNotFound
        }
        return SandboxResponse.json(SandboxRenderer.requestInfo(r, order: await store.order(id: r.orderID)))
    }

    /// `PUT /request/{id}/status` with `{"status": "approved"|"rejected", "processor_comment": "..."}`.
    @Sendable func updateRequestStatus(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        guard let id = Self.intParameter("id", context) else { throw SandboxAPIError.requestNotFound }
        let object = try Self.jsonObject(try await Self.body(request))
        guard let text = object["status"] as? String, let decision = SandboxStore.Decision(rawValue: text) else {
            throw SandboxAPIError(.badRequest, code: "invalid_value:status",
                                  message: "status must be \"approved\" or \"rejected\"; got \(object["status"].map { "'\($0)'" } ?? "nothing")")
        }
        try await store.update(requestID: id, to: decision, comment: object["processor_comment"] as? String)
        return SandboxResponse.noContent()
    }

    // MARK: - Account

    @Sendable func organizations(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let orgs = SandboxSeed.organizations
        return SandboxResponse.json(.object([
            "organizations": .array(orgs.map(SandboxSeed.json)),
            "page": .object(["total": .int(orgs.count), "limit": .int(0), "offset": .int(0)]),
        ]))
    }

    @Sendable func organization(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        guard let id = Self.intParameter("id", context), let org = SandboxSeed.organization(id) else {
            throw SandboxAPIError.organizationNotFound
        }
        return SandboxResponse.json(SandboxSeed.json(org))
    }

    @Sendable func organizationValidations(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        guard let id = Self.intParameter("id", context), let org = SandboxSeed.organization(id) else {
            throw SandboxAPIError.organizationNotFound
        }
        let sandboxNow = await store.currentTime()
        let until = SandboxRenderer.timestamp((today ?? sandboxNow).addingTimeInterval(365 * 86_400))
        return SandboxResponse.json(.object([
            "validations": .array(org.validations.map { SandboxSeed.validationJSON($0, until: until) }),
        ]))
    }

    @Sendable func containers(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        SandboxResponse.json(.object(["containers": .array(SandboxSeed.containers.map(SandboxSeed.json))]))
    }

    @Sendable func container(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        guard let id = Self.intParameter("id", context), let c = SandboxSeed.container(id) else {
            throw SandboxAPIError.containerNotFound
        }
        return SandboxResponse.json(SandboxSeed.json(c))
    }

    @Sendable func customFieldMetadata(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        SandboxResponse.json(.object(["metadata": .array(SandboxSeed.customFields.map(SandboxSeed.json))]))
    }

    @Sendable func productInfo(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        guard let product = Product(rawValue: Self.parameter("id", context) ?? "") else {
            throw SandboxAPIError.productNotFound
        }
        return SandboxResponse.json(SandboxSeed.productJSON(product))
    }

    // MARK: - Control (no key, not rate limited)

    @Sendable func sandboxState(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let snapshot = await SandboxServer.snapshot(store: store, gate: gate)
        let object: [String: Any] = [
            "orders": snapshot.orderCount,
            "orders_placed": snapshot.ordersPlaced,
            "requests": snapshot.requests.count,
            "orders_by_alternative_id": snapshot.ordersByAlternativeID,
            "request_count": snapshot.requestCount,
            "injected_failures": snapshot.injectedFailures,
            "dropped_connections": snapshot.droppedConnections,
            "rate_limited": snapshot.rateLimited,
            "order_ids": snapshot.orders.map(\.id),
        ]
        return Self.plainJSON(object)
    }

    @Sendable func getFaults(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        Self.plainJSON(Self.faultsObject(gate.currentFaults))
    }

    /// `POST /sandbox/faults` with any of `latency_ms`, `failure_rate`, `seed`, `drop_next_orders`.
    @Sendable func setFaults(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let object = try Self.jsonObject(try await Self.body(request))
        var faults = gate.currentFaults
        if let ms = (object["latency_ms"] as? NSNumber)?.doubleValue {
            guard ms >= 0 else { throw SandboxAPIError(.badRequest, code: "invalid_value:latency_ms", message: "latency_ms must be 0 or more") }
            faults.latency = .milliseconds(ms)
        }
        if let rate = (object["failure_rate"] as? NSNumber)?.doubleValue {
            guard (0...1).contains(rate) else { throw SandboxAPIError(.badRequest, code: "invalid_value:failure_rate", message: "failure_rate must be from 0 to 1") }
            faults.failureRate = rate
        }
        if let seed = (object["seed"] as? NSNumber)?.uint64Value { faults.seed = seed }
        if let drops = (object["drop_next_orders"] as? NSNumber)?.intValue {
            guard drops >= 0 else { throw SandboxAPIError(.badRequest, code: "invalid_value:drop_next_orders", message: "drop_next_orders must be 0 or more") }
            faults.dropNextOrders = drops
        }
        gate.setFaults(faults)
        return Self.plainJSON(Self.faultsObject(faults))
    }

    static func faultsObject(_ f: SandboxFaults) -> [String: Any] {
        let c = f.latency.components
        let ms = Double(c.seconds) * 1000 + Double(c.attoseconds) / 1e15
        return ["latency_ms": ms, "failure_rate": f.failureRate, "seed": f.seed, "drop_next_orders": f.dropNextOrders]
    }

    // MARK: - Helpers

    static func parameter(_ name: String, _ context: SandboxRequestContext) -> String? {
        context.parameters.get(name).map { $0.removingPercentEncoding ?? $0 }
    }

    static func intParameter(_ name: String, _ context: SandboxRequestContext) -> Int? {
        parameter(name, context).flatMap { Int($0) }
    }

    static func body(_ request: Request) async throws -> Data {
        var request = request
        let buffer = try await request.collectBody(upTo: maxBody)
        return Data(buffer.readableBytesView)
    }

    /// The body as a JSON object, or `400 bad_request_format`.
    static func jsonObject(_ data: Data) throws -> [String: Any] {
        guard !data.isEmpty else { throw SandboxAPIError.badRequestFormat("the body is empty; send a JSON object") }
        guard let object = try? JSONSerialization.jsonObject(with: data) else {
            throw SandboxAPIError.badRequestFormat("the body is not valid JSON")
        }
        guard let dictionary = object as? [String: Any] else {
            throw SandboxAPIError.badRequestFormat("the body must be a JSON object")
        }
        return dictionary
    }

    /// The query's parameters, names and values percent-decoded (`filters[status]`).
    static func query(_ request: Request) -> [String: String] {
        guard let query = request.uri.query, !query.isEmpty else { return [:] }
        var out: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                let plus = s.replacingOccurrences(of: "+", with: " ")
                return plus.removingPercentEncoding ?? plus
            }
            out[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return out
    }

    static func plainJSON(_ object: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data("{}".utf8)
        return Response(status: .ok, headers: SandboxResponse.jsonHeaders, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
