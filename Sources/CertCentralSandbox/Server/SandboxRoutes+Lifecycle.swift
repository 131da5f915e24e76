import CertOrder
import Foundation
import HTTPTypes
import Hummingbird
import X509

/// The routes of a certificate's life after the order: status changes, downloads, and the
/// sandbox's clock and CA.
extension SandboxRoutes {
    // MARK: - Status changes

    /// The longest window `GET /order/certificate/status-changes` covers: 7 days (docs).
    static let longestStatusWindow: TimeInterval = 7 * 86_400

    /// `GET /order/certificate/status-changes?minutes=N` (or `seconds=N`, or
    /// `filters[status_last_updated]=A...B`): `{"orders": [{"order_id", "certificate_id",
    /// "status"}]}` for the orders whose status changed in the window; `time_frame_too_long`
    /// past 7 days. Without any of them, the last 60 minutes (our choice).
    @Sendable func statusChanges(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let query = Self.query(request)
        let now = await store.currentTime()
        var start = now.addingTimeInterval(-3600)
        var end = now
        func count(_ name: String) throws -> Double? {
            guard let text = query[name] else { return nil }
            guard let n = Double(text), n >= 0 else {
                throw SandboxAPIError(.badRequest, code: "invalid_value:\(name)", message: "\(name) must be a number of 0 or more; got '\(text)'")
            }
            return n
        }
        if let seconds = try count("seconds") {
            start = now.addingTimeInterval(-seconds)
        } else if let minutes = try count("minutes") {
            start = now.addingTimeInterval(-minutes * 60)
        } else if let range = query["filters[status_last_updated]"] {
            let parts = range.components(separatedBy: "...")
            guard parts.count == 2, let a = Self.date(parts[0]), let b = Self.date(parts[1]), a <= b else {
                throw SandboxAPIError(.badRequest, code: "invalid_value:filters[status_last_updated]",
                                      message: "filters[status_last_updated] must be START...END, each as 2026-11-29T10:20:30 (UTC) or 2026-11-29")
            }
            start = a
            end = b
        }
        guard end.timeIntervalSince(start) <= Self.longestStatusWindow else {
            throw SandboxAPIError(.badRequest, code: "time_frame_too_long",
                                  message: "The time frame is too long; status changes cover at most 7 days.")
        }
        let orders = await store.statusChanges(from: start, to: end)
        return SandboxResponse.json(.object([
            "orders": .array(orders.map { order in
                .object([
                    "order_id": .int(order.id),
                    "certificate_id": order.certificateID.json,
                    "status": .string(order.status),
                ])
            }),
        ]))
    }

    /// `2026-11-29T10:20:30`, with or without a zone (UTC when none), or `2026-11-29`.
    static func date(_ text: String) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let day = Validator.parseDate(text) { return day }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        return formatter.date(from: text + "Z")
    }

    // MARK: - Downloads

    /// `GET /certificate/{certificate_id}/download/format/{format}`.
    @Sendable func downloadCertificate(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        // Any certificate of an order: its current one, one a reissue replaced, or a duplicate.
        guard let id = Self.intParameter("id", context) else { throw SandboxAPIError.certificateNotFound }
        guard let found = await store.certificate(id: id) else {
            // An approved order's certificate id, before issuance: certificate_not_issued.
            guard let order = await store.order(certificateID: id) else { throw SandboxAPIError.certificateNotFound }
            return try await download(order, format: Self.parameter("format", context) ?? "")
        }
        if found.order.certificateID == id { return try await download(found.order, format: Self.parameter("format", context) ?? "") }
        return try Self.render(leaf: found.leaf, ca: found.ca, format: Self.parameter("format", context) ?? "")
    }

    /// `GET /certificate/download/order/{order_id}/format/{format}`: the order's current certificate.
    @Sendable func downloadOrderCertificate(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        guard let id = Self.intParameter("id", context), let order = await store.order(id: id) else {
            throw SandboxAPIError.orderNotFound
        }
        return try await download(order, format: Self.parameter("format", context) ?? "")
    }

    private func download(_ order: SandboxOrder, format name: String) async throws -> Response {
        guard CertificateFormat(name: name) != nil else {
            throw SandboxAPIError(.badRequest, code: "invalid_format",
                                  message: "'\(name)' is not a download format; use \(CertificateFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard order.status == "issued" || order.status == "revoked" || order.status == "expired",
              let (leaf, ca) = await store.certificate(ofOrder: order) else {
            throw SandboxAPIError(.badRequest, code: "certificate_not_issued",
                                  message: "Order \(order.id) is \(order.status); its certificate can be downloaded once it is issued.")
        }
        return try Self.render(leaf: leaf, ca: ca, format: name)
    }

    static func render(leaf: X509.Certificate, ca: SandboxCA, format name: String) throws -> Response {
        guard let format = CertificateFormat(name: name) else {
            throw SandboxAPIError(.badRequest, code: "invalid_format",
                                  message: "'\(name)' is not a download format; use \(CertificateFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let bytes: [UInt8]
        do {
            bytes = try format.render(leaf: leaf, ca: ca)
        } catch {
            throw SandboxAPIError(.internalServerError, code: "internal_error", message: "The certificate could not be written: \(error)")
        }
        return Response(status: .ok, headers: [.contentType: format.contentType],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    // MARK: - Control: the clock and the CA

    /// `GET /sandbox/clock`: `{"now": "2026-11-29T10:20:30+00:00", "offset_days": 0}`.
    @Sendable func getClock(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        SandboxResponse.json(await clockBody())
    }

    /// `POST /sandbox/clock` with `{"advance_days": N}` (N from 0 to 3650): moves the sandbox's
    /// "now" forward; answers as `GET /sandbox/clock`.
    @Sendable func advanceClock(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let object = try Self.jsonObject(try await Self.body(request))
        guard !(object["advance_days"] is Bool), let number = object["advance_days"] as? NSNumber,
              number.doubleValue == number.doubleValue.rounded(), (0...3650).contains(number.intValue) else {
            throw SandboxAPIError(.badRequest, code: "invalid_value:advance_days",
                                  message: "advance_days must be a whole number of days from 0 to 3650; the clock only moves forward")
        }
        _ = await store.advanceClock(days: number.intValue)
        return SandboxResponse.json(await clockBody())
    }

    private func clockBody() async -> JSONValue {
        let now = await store.currentTime()
        let offset = await store.clockOffsetDays
        return .object(["now": .string(SandboxRenderer.timestamp(now)), "offset_days": .int(offset)])
    }

    /// `GET /sandbox/ca`: the root certificate, PEM (made now if it was not yet).
    @Sendable func rootCertificate(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let ca = try await store.certificateAuthority()
        return Response(status: .ok, headers: [.contentType: "application/x-pem-file"],
                        body: .init(byteBuffer: ByteBuffer(string: ca.rootPEM)))
    }
}

// MARK: - Revocation

extension SandboxRoutes {
    /// `PUT /order/certificate/{order_id}/revoke` `{"comments": "…", "skip_approval": false}`:
    /// `201 {"id", "type": "revoke", "status": "pending"}`, a request to approve.
    @Sendable func revokeOrder(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        guard let id = Self.intParameter("id", context) else { throw SandboxAPIError.orderNotFound }
        return try await revoke(orderID: id, request)
    }

    /// `PUT /certificate/{certificate_id}/revoke`: the same, by certificate.
    @Sendable func revokeCertificate(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        guard let id = Self.intParameter("id", context), let orderID = await store.orderID(ofCertificate: id) else {
            throw SandboxAPIError.certificateNotFound
        }
        return try await revoke(orderID: orderID, request)
    }

    private func revoke(orderID: Int, _ request: Request) async throws -> Response {
        let data = try await Self.body(request)
        let object = data.isEmpty ? [:] : try Self.jsonObject(data)
        let revoke = try await store.requestRevocation(orderID: orderID, comments: object["comments"] as? String)
        return SandboxResponse.json(.object([
            "id": .int(revoke.id),
            "date": .string(SandboxRenderer.timestamp(revoke.date)),
            "type": .string("revoke"),
            "status": .string(revoke.status),
            "comments": revoke.comments.json,
        ]), status: .created)
    }
}

// MARK: - Requests

extension SandboxRoutes {
    /// `GET /request?filters[status]=pending&filters[type]=revoke&limit=&offset=`: the account's
    /// requests, newest first, each as `GET /request/{id}` describes it;
    /// `{"requests": […], "page": {total, limit, offset}}`.
    @Sendable func listRequests(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let query = Self.query(request)
        var requests = await store.allRequests()
        if let status = query["filters[status]"] {
            let wanted = Set(status.split(separator: ",").map(String.init))
            requests = requests.filter { wanted.contains($0.status) }
        }
        if let type = query["filters[type]"] {
            let wanted = Set(type.split(separator: ",").map(String.init))
            requests = requests.filter { wanted.contains($0.type ?? "new_request") }
        }
        let limit = query["limit"].flatMap { Int($0) }.map { min(max($0, 0), 1000) } ?? 1000
        let offset = query["offset"].flatMap { Int($0) }.map { max($0, 0) } ?? 0
        var items: [JSONValue] = []
        for r in requests.dropFirst(offset).prefix(limit) {
            items.append(SandboxRenderer.requestInfo(r, order: await store.order(id: r.orderID)))
        }
        return SandboxResponse.json(.object([
            "requests": .array(items),
            "page": .object(["total": .int(requests.count), "limit": .int(limit), "offset": .int(offset)]),
        ]))
    }
}
