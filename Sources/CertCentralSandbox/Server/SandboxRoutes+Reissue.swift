import CertOrder
import Foundation
import HTTPTypes
import Hummingbird

/// Reissues and duplicates: `POST /order/certificate/{id}/reissue` and `…/duplicate`.
extension SandboxRoutes {
    /// `POST /order/certificate/{order_id}/reissue` with `{"certificate": {"csr", "signature_hash",
    /// "server_platform": {"id"}}, "cs_provisioning_method", "comments", "skip_approval"}` (every
    /// member optional): `201 {"id": order_id, "requests": [{"id", "status": "approved"}],
    /// "certificate_id"}`, the new certificate being the order's current one.
    @Sendable func reissueOrder(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        guard let id = Self.intParameter("id", context) else { throw SandboxAPIError.orderNotFound }
        let data = try await Self.body(request)
        let object = data.isEmpty ? [:] : try Self.jsonObject(data)
        let certificate = object["certificate"] as? [String: Any] ?? [:]
        let change = SandboxStore.ReissueChange(
            csr: certificate["csr"] as? String, signatureHash: certificate["signature_hash"] as? String,
            serverPlatformID: ((certificate["server_platform"] as? [String: Any])?["id"] as? NSNumber)?.intValue,
            provisioningMethod: object["cs_provisioning_method"] as? String, comments: object["comments"] as? String)
        let (order, approval) = try await store.reissue(orderID: id, change)
        return SandboxResponse.json(Self.issuedAnswer(orderID: order.id, request: approval, certificateID: order.certificateID), status: .created)
    }

    /// `POST /order/certificate/{order_id}/duplicate` with `{"certificate": {"csr",
    /// "server_platform": {"id"}, "signature_hash"}}`: `201` as a reissue's, `certificate_id`
    /// being the duplicate's.
    @Sendable func duplicateOrder(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        guard let id = Self.intParameter("id", context) else { throw SandboxAPIError.orderNotFound }
        let object = try Self.jsonObject(try await Self.body(request))
        let certificate = object["certificate"] as? [String: Any] ?? [:]
        let (order, approval, certificateID) = try await store.duplicate(
            orderID: id, csr: certificate["csr"] as? String,
            serverPlatformID: ((certificate["server_platform"] as? [String: Any])?["id"] as? NSNumber)?.intValue,
            signatureHash: certificate["signature_hash"] as? String)
        return SandboxResponse.json(Self.issuedAnswer(orderID: order.id, request: approval, certificateID: certificateID), status: .created)
    }

    static func issuedAnswer(orderID: Int, request: SandboxRequest, certificateID: Int?) -> JSONValue {
        .object([
            "id": .int(orderID),
            "requests": .array([.object(["id": .int(request.id), "status": .string(request.status)])]),
            "certificate_id": certificateID.json,
        ])
    }
}
