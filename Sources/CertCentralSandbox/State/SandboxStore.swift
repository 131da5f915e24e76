import CertOrder
import Crypto
import Foundation
import Logging
import X509

/// The sandbox's orders and requests: placement, the approval flows, issuance, cancellation and
/// persistence. One actor, so every change is ordered.
actor SandboxStore {
    /// Internal, not private: the reissue and duplicate routes' extension (SandboxStore+Reissue) changes it too.
    var state: SandboxState
    var orderIndex: [Int: Int] = [:]  // order id → index in state.orders
    var requestIndex: [Int: Int] = [:]  // request id → index in state.requests
    private var byAlternativeID: [String: [Int]] = [:]
    private(set) var ordersPlaced = 0

    private let approval: SandboxConfiguration.ApprovalMode
    private let honorSkipApproval: Bool
    private let issueAfter: TimeInterval
    /// ``SandboxConfiguration/now``: every `now` a caller leaves out is read from it.
    private let clock: @Sendable () -> Date
    private let stateFile: URL?
    private let logger: Logger
    /// The CA, once made or read from the state file. Kept beside ``state`` (copied into it when
    /// persisting): it is made while an order of ``state`` is being changed in place.
    private var ca: SandboxCA?

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
        if let stored = state.ca {
            do {
                ca = try SandboxCA(stored: stored)
            } catch {
                throw SandboxError.unreadableStateFile(path: configuration.stateFile?.path ?? "", reason: "its CA cannot be read: \(error)")
            }
        }
    }

    // MARK: - Clock

    /// The sandbox's "now": its clock, moved forward by `POST /sandbox/clock`.
    func currentTime() -> Date {
        clock().addingTimeInterval(state.clockOffset ?? 0)
    }

    /// The account's balance: the opening balance less what the orders paid by balance cost.
    var balance: Decimal { SandboxSeed.openingBalance - (state.spent ?? 0) }

    /// Whole days ``advanceClock(days:)`` has moved "now" so far.
    var clockOffsetDays: Int { Int(((state.clockOffset ?? 0) / 86_400).rounded()) }

    /// Moves "now" forward by `days` (persisted, so a restarted sandbox keeps its date); answers
    /// the new "now".
    func advanceClock(days: Int) -> Date {
        state.clockOffset = (state.clockOffset ?? 0) + TimeInterval(days) * 86_400
        persist()
        return currentTime()
    }

    // MARK: - Certificates

    /// The CA, made (and persisted) on first use.
    func certificateAuthority() throws -> SandboxCA {
        if let ca { return ca }
        let made = try SandboxCA.make(now: currentTime())
        ca = made
        persist()
        return made
    }

    /// The CA for use while an order is changed in place: made if needed, persisted by the caller.
    func authority(now: Date) throws -> SandboxCA {
        if let ca { return ca }
        let made = try SandboxCA.make(now: now)
        ca = made
        return made
    }

    /// Issues `order`'s certificate at `date`: the CSR's public key for `email` provisioning, a
    /// key the sandbox makes and keeps otherwise (the token's); valid from `date` to the order's
    /// end within the 459-day cap (``SandboxRenderer/validTill(_:issued:)``).
    private func issueCertificate(_ order: inout SandboxOrder, at date: Date) {
        do {
            let made = try makeCertificate(for: order.payload, at: date, notAfter: SandboxRenderer.validTill(order, issued: date))
            order.heldKeyPEM = made.heldKeyPEM
            order.certificatePEM = made.pem
            order.serialNumber = made.serialNumber
            if made.heldKeyPEM != nil, let id = order.certificateID {
                order.hardwareInitCode = Self.hardwareInitCode(orderID: order.id, certificateID: id)
            }
        } catch {
            logger.error("cannot issue the certificate", metadata: ["order": "\(order.id)", "error": "\(error)"])
        }
    }

    /// A leaf for an order with `payload`, valid from `date` to `notAfter`: the CSR's public key
    /// for `email` provisioning, a key the sandbox makes (answered as `heldKeyPEM`) otherwise.
    func makeCertificate(for payload: OrderRequest, at date: Date, notAfter: Date) throws
        -> (pem: String, serialNumber: String, heldKeyPEM: String?) {
        let ca = try authority(now: date)
        let publicKey: X509.Certificate.PublicKey
        var held: String?
        if payload.provisioningMethod == ProvisioningMethod.email.rawValue, let csr = payload.certificate.csr,
           let request = try? CertificateSigningRequest(pemEncoded: csr.trimmed) {
            publicKey = request.publicKey
        } else {
            let key = P256.Signing.PrivateKey()
            held = key.pemRepresentation
            publicKey = X509.Certificate.PrivateKey(key).publicKey
        }
        let org = payload.organization.flatMap { SandboxSeed.organization($0.id) }
        let subject = SandboxCA.Subject(organization: org?.name ?? "Sandbox Organization", city: org?.city, state: org?.state, country: org?.country)
        let leaf = try ca.issue(publicKey: publicKey, subject: subject, notBefore: date, notAfter: notAfter)
        return (try leaf.serializeAsPEM().pemString, leaf.serialNumber.bytes.map { String(format: "%02X", $0) }.joined(), held)
    }

    /// `order`'s certificate and the CA that issued it, when issued.
    func certificate(ofOrder order: SandboxOrder) -> (leaf: X509.Certificate, ca: SandboxCA)? {
        guard let pem = order.certificatePEM, let leaf = try? X509.Certificate(pemEncoded: pem), let ca else { return nil }
        return (leaf, ca)
    }

    /// The order whose certificate is `certificateID`.
    func order(certificateID: Int) -> SandboxOrder? {
        let now = currentTime()
        guard let index = state.orders.firstIndex(where: { $0.certificateID == certificateID }) else { return nil }
        return refreshed(at: index, now: now)
    }

    /// The orders whose status changed from `start` to `end` (promoted as due), oldest change first.
    func statusChanges(from start: Date, to end: Date) -> [SandboxOrder] {
        allOrders(now: currentTime())
            .filter { order in order.statusUpdated.map { $0 >= start && $0 <= end } ?? false }
            .sorted { ($0.statusUpdated ?? .distantPast, $0.id) < ($1.statusUpdated ?? .distantPast, $1.id) }
    }

    // MARK: - Orders

    /// Commits a valid order and answers the `201` body.
    /// - Throws: for a renewal (`renewal_of_order_id`) of an order that is not in the account, or
    ///   not issued or expired: `order_not_eligible_for_renewal`; of an order another live order
    ///   (not rejected or canceled) already renews: `order_renewed_already`.
    func place(_ payload: OrderRequest, product: Product, now: Date? = nil) throws(SandboxAPIError) -> (order: SandboxOrder, request: SandboxRequest) {
        let now = now ?? currentTime()
        if let renewed = payload.renewalOfOrderID { try checkRenewal(of: renewed, now: now) }
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
        order.statusUpdated = now
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
        if SandboxSeed.paidByBalance(payload) {
            state.spent = (state.spent ?? 0) + SandboxSeed.price(product, years: SandboxSeed.pricedYears(payload))
        }
        ordersPlaced += 1
        persist()
        return (order, request)
    }

    /// The order statuses a renewal may start from (our choice: the docs name the error, not the rule).
    static let renewableStatuses: Set<String> = ["issued", "expired"]

    private func checkRenewal(of id: Int, now: Date) throws(SandboxAPIError) {
        guard let index = orderIndex[id] else {
            throw SandboxAPIError(.badRequest, code: "order_not_eligible_for_renewal",
                                  message: "Order \(id) is not an order of this account; renewal_of_order_id must name one of its issued orders.")
        }
        let order = refreshed(at: index, now: now)
        guard Self.renewableStatuses.contains(order.status) else {
            throw SandboxAPIError(.badRequest, code: "order_not_eligible_for_renewal",
                                  message: "Order \(id) is \(order.status); only an issued or expired order can be renewed.")
        }
        if let renewal = renewal(of: id) {
            throw SandboxAPIError(.badRequest, code: "order_renewed_already",
                                  message: "Order \(id) has already been renewed by order \(renewal.id).")
        }
    }

    /// The live order (not rejected or canceled) that renews order `id`, if any.
    func renewal(of id: Int) -> SandboxOrder? {
        state.orders.first { $0.payload.renewalOfOrderID == id && $0.status != "rejected" && $0.status != "canceled" }
    }

    /// An approved request: the certificate id is allocated, and the order is `pending` until
    /// `issueAfter` has passed, then `issued`.
    private func approve(_ order: inout SandboxOrder, now: Date) {
        order.certificateID = state.nextCertificateID
        state.nextCertificateID += 1
        order.issueAt = now.addingTimeInterval(issueAfter)
        order.status = "pending"
        order.statusUpdated = now
        promote(&order, now: now)
    }

    /// Moves a `pending` order whose issuance time has come to `issued`; true when it changed.
    @discardableResult
    private func promote(_ order: inout SandboxOrder, now: Date) -> Bool {
        // An issued order whose certificate has ended (the clock moved past it) is expired.
        if order.status == "issued", let till = SandboxRenderer.currentValidTill(order), till <= now {
            order.status = "expired"
            order.statusUpdated = till
            return true
        }
        guard order.status == "pending", let issueAt = order.issueAt, issueAt <= now else { return false }
        order.status = "issued"
        order.dateIssued = issueAt
        order.statusUpdated = issueAt
        issueCertificate(&order, at: issueAt)
        return true
    }

    /// Promotes the order at `index` if due, persisting the change.
    func refreshed(at index: Int, now: Date) -> SandboxOrder {
        if promote(&state.orders[index], now: now) { persist() }
        return state.orders[index]
    }

    func order(id: Int, now: Date? = nil) -> SandboxOrder? {
        let now = now ?? currentTime()
        guard let index = orderIndex[id] else { return nil }
        return refreshed(at: index, now: now)
    }

    /// The latest order placed with `alternative_order_id` `id`.
    func order(alternativeID id: String, now: Date? = nil) -> SandboxOrder? {
        let now = now ?? currentTime()
        guard let orderID = byAlternativeID[id]?.last, let index = orderIndex[orderID] else { return nil }
        return refreshed(at: index, now: now)
    }

    /// Every order, newest first, promoted as due.
    func allOrders(now: Date? = nil) -> [SandboxOrder] {
        let now = now ?? currentTime()
        var changed = false
        for i in state.orders.indices where promote(&state.orders[i], now: now) { changed = true }
        if changed { persist() }
        return state.orders.reversed()
    }

    func request(id: Int) -> SandboxRequest? {
        requestIndex[id].map { state.requests[$0] }
    }

    /// Every request, newest first.
    func allRequests() -> [SandboxRequest] {
        state.requests.reversed()
    }

    func requests(ofOrder orderID: Int) -> [SandboxRequest] {
        state.requests.filter { $0.orderID == orderID }
    }

    // MARK: - Status changes

    enum Decision: String { case approved, rejected }

    /// `PUT /request/{id}/status`: approves or rejects a `submitted` or `pending` request.
    func update(requestID: Int, to decision: Decision, comment: String?, now: Date? = nil) throws(SandboxAPIError) {
        let now = now ?? currentTime()
        guard let rIndex = requestIndex[requestID] else { throw .requestNotFound }
        var request = state.requests[rIndex]
        guard request.status == "submitted" || request.status == "pending" else {
            throw SandboxAPIError(.badRequest, code: "request_already_processed",
                                  message: "Request \(requestID) is already \(request.status); only submitted or pending requests can be approved or rejected.")
        }
        guard let oIndex = orderIndex[request.orderID] else { throw .orderNotFound }
        var order = state.orders[oIndex]
        request.processorComment = comment ?? request.processorComment
        if request.type == "revoke" {
            decideRevocation(&request, order: &order, decision, now: now)
            state.requests[rIndex] = request
            state.orders[oIndex] = order
            persist()
            return
        }
        switch decision {
        case .rejected:
            request.status = "rejected"
            request.dateProcessed = now
            order.status = "rejected"
            order.statusUpdated = now
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

    // MARK: - Revocation

    /// `PUT /order/certificate/{id}/revoke` (or, by certificate, `PUT /certificate/{id}/revoke`):
    /// a revoke request, `pending` until approved, whatever the approval workflow (an
    /// administrator's approval is needed; the sandbox's keys are not administrators', so
    /// `skip_approval` does not skip it: our choice). Only an issued order can be revoked, and
    /// only one revoke request may wait at a time.
    func requestRevocation(orderID: Int, comments: String?, now: Date? = nil) throws(SandboxAPIError) -> SandboxRequest {
        let now = now ?? currentTime()
        guard let index = orderIndex[orderID] else { throw .orderNotFound }
        let order = refreshed(at: index, now: now)
        guard order.status == "issued" else {
            throw SandboxAPIError(.badRequest, code: "invalid_order_status",
                                  message: "Order \(orderID) is \(order.status); only an issued certificate can be revoked.")
        }
        if let waiting = state.requests.first(where: { $0.orderID == orderID && $0.type == "revoke" && $0.status == "pending" }) {
            throw SandboxAPIError(.badRequest, code: "invalid_order_status",
                                  message: "Order \(orderID) already has a pending revoke request (\(waiting.id)); approve or reject it.")
        }
        let request = SandboxRequest(id: state.nextRequestID, orderID: orderID, type: "revoke", status: "pending", date: now,
                                     approvals: 0, comments: comments)
        state.nextRequestID += 1
        requestIndex[request.id] = state.requests.count
        state.requests.append(request)
        persist()
        return request
    }

    /// The order id of certificate `certificateID`.
    func orderID(ofCertificate certificateID: Int) -> Int? {
        state.orders.first { $0.certificateID == certificateID || ($0.otherCertificates ?? []).contains { $0.id == certificateID } }?.id
    }

    private func decideRevocation(_ request: inout SandboxRequest, order: inout SandboxOrder, _ decision: Decision, now: Date) {
        request.dateProcessed = now
        switch decision {
        case .rejected:
            request.status = "rejected"
        case .approved:
            request.approvals += 1
            request.status = "approved"
            order.status = "revoked"
            order.statusUpdated = now
        }
    }

    /// The order statuses in which CertCentral lets an order be canceled.
    static let cancelableStatuses: Set<String> = ["pending", "waiting_pickup", "reissue_pending"]

    /// `PUT /order/certificate/{id}/status` with `canceled`.
    func cancel(orderID: Int, note: String?, now: Date? = nil) throws(SandboxAPIError) {
        let now = now ?? currentTime()
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
        state.orders[index].statusUpdated = now
        state.orders[index].cancelNote = note
        persist()
    }

    // MARK: - Snapshot and persistence

    func contents() -> (orders: [SandboxOrder], requests: [SandboxRequest], byAlternativeID: [String: [Int]]) {
        (state.orders, state.requests, byAlternativeID)
    }

    func persist() {
        state.ca = ca?.storedForm
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
package enum SandboxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The state file exists but is not a sandbox state.
    case unreadableStateFile(path: String, reason: String)
    /// The address could not be bound (port in use, …).
    case cannotBind(host: String, port: Int, reason: String)
    /// ``SandboxServer/start()`` was called twice.
    case alreadyStarted
    /// The TLS certificate or key (``SandboxConfiguration/tlsCertificateFile``) cannot be read.
    case unreadableTLSFiles(certificate: String, key: String?, reason: String)

    package var description: String {
        switch self {
        case .unreadableStateFile(let path, let reason):
            return "The sandbox state file \(path) cannot be read (\(reason)); move it away or give another --state file."
        case .cannotBind(let host, let port, let reason):
            return "The sandbox cannot listen on \(host):\(port) (\(reason)); choose another --port, or 0 for any free port."
        case .alreadyStarted:
            return "The sandbox is already running; stop it before starting it again."
        case .unreadableTLSFiles(let certificate, let key, let reason):
            return "The sandbox cannot serve TLS with the certificate \(certificate)\(key.map { " and the key \($0)" } ?? "") (\(reason)); "
                + "give a PEM certificate chain with --tls-cert and its PEM key with --tls-key."
        }
    }
}
