import CertOrder
import Crypto
import Foundation
import X509

/// Reissues and duplicates: new certificates on an order that is already issued.
extension SandboxStore {
    /// What `POST /order/certificate/{id}/reissue` may change: the CSR, the hash, the platform,
    /// the provisioning method and the comments (docs).
    struct ReissueChange: Sendable {
        var csr: String?
        var signatureHash: String?
        var serverPlatformID: Int?
        var provisioningMethod: String?
        var comments: String?
    }

    /// `POST /order/certificate/{id}/reissue`: a new certificate replaces the order's current one
    /// (kept, as `reissued`, downloadable by its id). The order stays `issued`; the new
    /// certificate runs from now to the order's end, within the 459-day cap. Without a
    /// provisioning method the order's current one is used (docs). The reissue request is
    /// approved at once (our choice: the sandbox has no approver for reissues).
    /// - Throws: `invalid_order_status` unless the order is issued; `invalid_value:certificate.csr`
    ///   for a CSR that cannot be read, or none when the method is `email`; `order_expired` when
    ///   the order's end has passed.
    func reissue(orderID: Int, _ change: ReissueChange, now: Date? = nil) throws(SandboxAPIError) -> (order: SandboxOrder, request: SandboxRequest) {
        let now = now ?? currentTime()
        guard let index = orderIndex[orderID] else { throw .orderNotFound }
        var order = refreshed(at: index, now: now)
        guard order.status == "issued" else {
            throw SandboxAPIError(.badRequest, code: "invalid_order_status",
                                  message: "Order \(orderID) is \(order.status); only an issued order can be reissued.")
        }
        var payload = order.payload
        if let method = change.provisioningMethod {
            guard ProvisioningMethod(rawValue: method) != nil else {
                throw SandboxAPIError(.badRequest, code: "invalid_value:cs_provisioning_method",
                                      message: "cs_provisioning_method must be one of \(ProvisioningMethod.allCases.map(\.rawValue).joined(separator: ", ")); got '\(method)'")
            }
            payload.provisioningMethod = method
        }
        if let csr = change.csr { payload.certificate.csr = csr }
        if let hash = change.signatureHash { payload.certificate.signatureHash = hash }
        if let platform = change.serverPlatformID { payload.certificate.serverPlatform = .init(id: platform) }
        try Self.checkCSR(payload.certificate.csr, required: payload.provisioningMethod == ProvisioningMethod.email.rawValue)
        let end = min(SandboxRenderer.orderEnd(order) ?? now, now.addingTimeInterval(TimeInterval(Validator.maximumCertificateDays) * 86_400))
        guard end > now else {
            throw SandboxAPIError(.badRequest, code: "order_expired", message: "Order \(orderID) has ended; renew it instead of reissuing.")
        }
        let made: (pem: String, serialNumber: String, heldKeyPEM: String?)
        do {
            made = try makeCertificate(for: payload, at: now, notAfter: end)
        } catch {
            throw SandboxAPIError(.internalServerError, code: "internal_error", message: "The certificate could not be issued: \(error)")
        }
        if let id = order.certificateID, let pem = order.certificatePEM, let serial = order.serialNumber {
            let till = SandboxRenderer.currentValidTill(order) ?? now
            order.otherCertificates = (order.otherCertificates ?? []) + [SandboxCertificate(
                id: id, kind: "reissued", pem: pem, serialNumber: serial, dateIssued: order.reissuedAt ?? order.dateIssued ?? now, validTill: till)]
        }
        order.payload = payload
        order.certificateID = state.nextCertificateID
        state.nextCertificateID += 1
        order.certificatePEM = made.pem
        order.serialNumber = made.serialNumber
        order.heldKeyPEM = made.heldKeyPEM
        order.hardwareInitCode = made.heldKeyPEM.map { _ in Self.hardwareInitCode(orderID: orderID, certificateID: order.certificateID!) }
        order.reissuedAt = now
        order.reissuedValidTill = end
        order.statusUpdated = now
        let request = addRequest(orderID: orderID, type: "reissue", comments: change.comments, now: now)
        state.orders[index] = order
        persist()
        return (order, request)
    }

    /// `POST /order/certificate/{id}/duplicate`: a second certificate of the issued order, for
    /// the CSR's key, beside the order's own (which stays current). `server_platform` is required
    /// for code signing duplicates (docs). Approved at once (our choice, as reissues).
    /// - Returns: the order, the request and the duplicate's certificate id.
    func duplicate(orderID: Int, csr: String?, serverPlatformID: Int?, signatureHash: String?, now: Date? = nil)
        throws(SandboxAPIError) -> (order: SandboxOrder, request: SandboxRequest, certificateID: Int) {
        let now = now ?? currentTime()
        guard let index = orderIndex[orderID] else { throw .orderNotFound }
        var order = refreshed(at: index, now: now)
        guard order.status == "issued" else {
            throw SandboxAPIError(.badRequest, code: "invalid_order_status",
                                  message: "Order \(orderID) is \(order.status); only an issued order can be duplicated.")
        }
        guard serverPlatformID != nil else {
            throw SandboxAPIError(.badRequest, code: "invalid_value:certificate.server_platform",
                                  message: "certificate.server_platform.id is required for a code signing duplicate.")
        }
        try Self.checkCSR(csr, required: true)
        var payload = order.payload
        payload.certificate.csr = csr
        payload.provisioningMethod = ProvisioningMethod.email.rawValue
        if let signatureHash { payload.certificate.signatureHash = signatureHash }
        let end = SandboxRenderer.currentValidTill(order) ?? now
        let made: (pem: String, serialNumber: String, heldKeyPEM: String?)
        do {
            made = try makeCertificate(for: payload, at: now, notAfter: end)
        } catch {
            throw SandboxAPIError(.internalServerError, code: "internal_error", message: "The certificate could not be issued: \(error)")
        }
        let id = state.nextCertificateID
        state.nextCertificateID += 1
        order.otherCertificates = (order.otherCertificates ?? []) + [SandboxCertificate(
            id: id, kind: "duplicate", pem: made.pem, serialNumber: made.serialNumber, dateIssued: now, validTill: end)]
        order.statusUpdated = now
        let request = addRequest(orderID: orderID, type: "duplicate", comments: nil, now: now)
        state.orders[index] = order
        persist()
        return (order, request, id)
    }

    /// The certificate `id`, current or not, with its order and the CA.
    func certificate(id: Int) -> (leaf: X509.Certificate, ca: SandboxCA, order: SandboxOrder)? {
        let now = currentTime()
        guard let index = state.orders.firstIndex(where: { $0.certificateID == id || ($0.otherCertificates ?? []).contains { $0.id == id } }),
              let ca = try? authority(now: now) else { return nil }
        let order = refreshed(at: index, now: now)
        let pem = order.certificateID == id ? order.certificatePEM : order.otherCertificates?.first { $0.id == id }?.pem
        guard let pem, let leaf = try? X509.Certificate(pemEncoded: pem) else { return nil }
        return (leaf, ca, order)
    }

    /// A request of `type` approved at once.
    private func addRequest(orderID: Int, type: String, comments: String?, now: Date) -> SandboxRequest {
        var request = SandboxRequest(id: state.nextRequestID, orderID: orderID, type: type, status: "approved", date: now,
                                     approvals: 1, comments: comments)
        request.dateProcessed = now
        state.nextRequestID += 1
        requestIndex[request.id] = state.requests.count
        state.requests.append(request)
        return request
    }

    /// A CSR the sandbox can read, or none when not `required`.
    static func checkCSR(_ csr: String?, required: Bool) throws(SandboxAPIError) {
        guard let csr, !csr.trimmed.isEmpty else {
            if required {
                throw SandboxAPIError(.badRequest, code: "invalid_value:certificate.csr",
                                      message: "certificate.csr is required: email provisioning issues the certificate for the CSR's key.")
            }
            return
        }
        guard (try? CertificateSigningRequest(pemEncoded: csr.trimmed)) != nil else {
            throw SandboxAPIError(.badRequest, code: "invalid_value:certificate.csr",
                                  message: "certificate.csr is not a PEM certificate signing request.")
        }
    }

    /// The code that installs a token's certificate (`ship_token`, `client_app`): our own form,
    /// 16 hexadecimal digits derived from the order and the certificate.
    static func hardwareInitCode(orderID: Int, certificateID: Int) -> String {
        let digest = SHA256.hash(data: Data("certorder-sandbox-\(orderID)-\(certificateID)".utf8))
        return digest.prefix(8).map { String(format: "%02X", $0) }.joined()
    }
}
