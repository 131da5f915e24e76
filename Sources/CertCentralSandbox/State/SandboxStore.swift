import CertOrder
import Foundation
import Logging

/// The sandbox's orders and requests: placement, the approval flows, issuance, cancellation and
/// persistence. One actor, so every change is ordered.
actor SandboxStore {
    private var state: SandboxState
    private var orderIndex: [Int: Int] = [:]  // order id → index in state.orders
    private var requestIndex: [Int: Int] = [:]  // request id → index in state.requests
    private var byAlternativeID: [String: [Int]] = [:]
    private(set) var ordersPlaced = 0

    private let approval: SandboxConfiguration.ApprovalMode
    private let honorSkipApproval: Bool
    private let issueAfter: TimeInterval
    /// ``SandboxConfiguration/now``: every `now` a caller leaves out is read from it.
    private let clock: @Sendable () -> Date
    private let stateFile: URL?
    private let logger: Logger

    init(configuration: SandboxConfiguration) throws {
        approval = configuration.approval
        honorSkipApproval = configuration.honorSkipApproval
        issueAfter = max(0, configuration.issueAfter)
        clock = configuration.now
        stateFile = configuration.stateFile
        logger = configuration.logger
        if let file = configuration.stateFile, FileManager.default.fileExists(atPath: file.path) {
            do {
                let data = try Data(contentsOf: file)
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .iso8601
                state = try decoder.decode(SandboxState.self, from: data)
            } catch {
                throw SandboxError.unreadableStateFile(path: file.path, reason: "\(error)")
            }
        } else {
            state = SandboxState()
        }
        for (i, order) in state.orders.enumerated() {
            orderIndex[order.id] = i
            if let alt = order.alternativeOrderID { byAlternativeID[alt, default: []].append(order.id) }
        }
        for (i, request) in state.requests.enumerated() { requestIndex[request.id] = i }
    }

    // MARK: - Orders

    /// Commits a valid order and answers the `201` body.
    func place(_ payload: OrderRequest, product: Product, now: Date? = nil) -> (order: SandboxOrder, request: SandboxRequest) {
        let now = now ?? clock()
        let skip = honorSkipApproval && payload.skipApproval == true
        let requestStatus: String
        switch (approval, skip) {
        case (.auto, _), (_, true): requestStatus = "approved"
        case (.oneStep, false): requestStatus = "pending"
        case (.twoStep, false): requestStatus = "submitted"
        }
        var order = SandboxOrder(
            id: state.nextOrderID, product: product, payload: payload, status: "needs_approval",
            requestID: state.nextRequestID, certificateID: nil, dateCreated: now
        )
        var request = SandboxRequest(id: state.nextRequestID, orderID: order.id, status: requestStatus, date: now,
                                     approvals: requestStatus == "approved" ? 1 : 0, comments: payload.comments)
        state.nextOrderID += 1
        state.nextRequestID += 1
        if requestStatus == "approved" {
            approve(&order, now: now)
            request.dateProcessed = now
        }
        orderIndex[order.id] = state.orders.count
        state.orders.append(order)
        requestIndex[request.id] = state.requests.count
        state.requests.append(request)
        if let alt = payload.alternativeOrderID { byAlternativeID[alt, default: []].append(order.id) }
        ordersPlaced += 1
        persist()
        return (order, request)
    }

    /// An approved request: the certificate id is allocated, and the order is `pending` until
    /// `issueAfter` has passed, then `issued`.
    private func approve(_ order: inout SandboxOrder, now: Date) {
        order.certificateID = state.nextCertificateID
        state.nextCertificateID += 1
        order.issueAt = now.addingTimeInterval(issueAfter)
        order.status = "pending"
        promote(&order, now: now)
    }

    /// Moves a `pending` order whose issuance time has come to `issued`; true when it changed.
    @discardableResult
    private func promote(_ order: inout SandboxOrder, now: Date) -> Bool {
        guard order.status == "pending", let issueAt = order.issueAt, issueAt <= now else { return false }
        order.status = "issued"
        order.dateIssued = issueAt
        return true
    }

    /// Promotes the order at `index` if due, persisting the change.
    private func refreshed(at index: Int, now: Date) -> SandboxOrder {
        if promote(&state.orders[index], now: now) { persist() }
        return state.orders[index]
    }

    func order(id: Int, now: Date? = nil) -> SandboxOrder? {
        let now = now ?? clock()
        guard let index = orderIndex[id] else { return nil }
        return refreshed(at: index, now: now)
    }

    /// The latest order placed with `alternative_order_id` `id`.
    func order(alternativeID id: String, now: Date? = nil) -> SandboxOrder? {
        let now = now ?? clock()
        guard let orderID = byAlternativeID[id]?.last, let index = orderIndex[orderID] else { return nil }
        return refreshed(at: index, now: now)
    }

    /// Every order, newest first, promoted as due.
    func allOrders(now: Date? = nil) -> [SandboxOrder] {
        let now = now ?? clock()
        var changed = false
        for i in state.orders.indices where promote(&state.orders[i], now: now) { changed = true }
        if changed { persist() }
        return state.orders.reversed()
    }

    func request(id: Int) -> SandboxRequest? {
        requestIndex[id].map { state.requests[$0] }
    }

    func requests(ofOrder orderID: Int) -> [SandboxRequest] {
        state.requests.filter { $0.orderID == orderID }
    }

    // MARK: - Status changes

    enum Decision: String { case approved, rejected }

    /// `PUT /request/{id}/status`: approves or rejects a `submitted` or `pending` request.
    func update(requestID: Int, to decision: Decision, comment: String?, now: Date? = nil) throws(SandboxAPIError) {
        let now = now ?? clock()
        guard let rIndex = requestIndex[requestID] else { throw .requestNotFound }
        var request = state.requests[rIndex]
        guard request.status == "submitted" || request.status == "pending" else {
            throw SandboxAPIError(.badRequest, code: "request_already_processed",
                                  message: "Request \(requestID) is already \(request.status); only submitted or pending requests can be approved or rejected.")
        }
        guard let oIndex = orderIndex[request.orderID] else { throw .orderNotFound }
        var order = state.orders[oIndex]
        request.processorComment = comment ?? request.processorComment
        switch decision {
        case .rejected:
            request.status = "rejected"
            request.dateProcessed = now
            order.status = "rejected"
        case .approved:
            request.approvals += 1
            if request.status == "submitted" {
                // Two-step: the first approval makes the request pending; a second approves it.
                request.status = "pending"
            } else {
                request.status = "approved"
                request.dateProcessed = now
                approve(&order, now: now)
            }
        }
        state.requests[rIndex] = request
        state.orders[oIndex] = order
        persist()
    }

    /// The order statuses in which CertCentral lets an order be canceled.
    static let cancelableStatuses: Set<String> = ["pending", "waiting_pickup", "reissue_pending"]

    /// `PUT /order/certificate/{id}/status` with `canceled`.
    func cancel(orderID: Int, note: String?, now: Date? = nil) throws(SandboxAPIError) {
        let now = now ?? clock()
        guard let index = orderIndex[orderID] else { throw .orderNotFound }
        promote(&state.orders[index], now: now)
        let status = state.orders[index].status
        guard Self.cancelableStatuses.contains(status) else {
            var hint = ""
            if status == "needs_approval" {
                hint = " To stop an order that needs approval, reject its request (PUT /request/\(state.orders[index].requestID)/status with \"rejected\")."
            }
            throw SandboxAPIError(.badRequest, code: "invalid_order_status",
                                  message: "Order \(orderID) is \(status); only orders that are pending, waiting_pickup or reissue_pending can be canceled.\(hint)")
        }
        state.orders[index].status = "canceled"
        state.orders[index].dateCanceled = now
        state.orders[index].cancelNote = note
        persist()
    }

    // MARK: - Snapshot and persistence

    func contents() -> (orders: [SandboxOrder], requests: [SandboxRequest], byAlternativeID: [String: [Int]]) {
        (state.orders, state.requests, byAlternativeID)
    }

    private func persist() {
        guard let stateFile else { return }
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            let data = try encoder.encode(state)
            // Owner-only (0700 folder, 0600 file), as every state file of CertOrder.
            try StateDirectory.writePrivately(data, to: stateFile.path)
        } catch {
            logger.error("cannot write the sandbox state file", metadata: ["path": "\(stateFile.path)", "error": "\(error)"])
        }
    }
}

/// Why a ``SandboxServer`` cannot start.
public enum SandboxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The state file exists but is not a sandbox state.
    case unreadableStateFile(path: String, reason: String)
    /// The address could not be bound (port in use, …).
    case cannotBind(host: String, port: Int, reason: String)
    /// ``SandboxServer/start()`` was called twice.
    case alreadyStarted

    public var description: String {
        switch self {
        case .unreadableStateFile(let path, let reason):
            return "The sandbox state file \(path) cannot be read (\(reason)); move it away or give another --state file."
        case .cannotBind(let host, let port, let reason):
            return "The sandbox cannot listen on \(host):\(port) (\(reason)); choose another --port, or 0 for any free port."
        case .alreadyStarted:
            return "The sandbox is already running; stop it before starting it again."
        }
    }
}
