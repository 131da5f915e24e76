import CertOrder
import Foundation

/// The body of `POST /order/certificate/{order_id}/reissue` (and, with ``csr`` and
/// ``serverPlatformID`` given, of `…/duplicate`): every member optional; for code signing, without
/// ``provisioningMethod`` the order's current method is used (docs).
public struct ReissueRequest: Hashable, Sendable {
    /// The new key's CSR, PEM; required for `email` provisioning and for a duplicate.
    public var csr: String?
    public var signatureHash: String?
    /// `certificate.server_platform.id`; required for a code signing duplicate.
    public var serverPlatformID: Int?
    /// `cs_provisioning_method`: `email`, `ship_token` or `client_app`.
    public var provisioningMethod: String?
    public var comments: String?
    public var skipApproval: Bool?

    public init(csr: String? = nil, signatureHash: String? = nil, serverPlatformID: Int? = nil, provisioningMethod: String? = nil,
                comments: String? = nil, skipApproval: Bool? = nil) {
        self.csr = csr
        self.signatureHash = signatureHash
        self.serverPlatformID = serverPlatformID
        self.provisioningMethod = provisioningMethod
        self.comments = comments
        self.skipApproval = skipApproval
    }

    /// The body, members in the documented order, absent ones left out.
    public var body: Data {
        var w = JSONWriter(pretty: false)
        w.beginObject()
        if csr != nil || signatureHash != nil || serverPlatformID != nil {
            w.key("certificate")
            w.beginObject()
            if let csr { w.key("csr"); w.string(csr) }
            if let signatureHash { w.key("signature_hash"); w.string(signatureHash) }
            if let serverPlatformID {
                w.key("server_platform"); w.beginObject(); w.key("id"); w.int(serverPlatformID); w.endObject()
            }
            w.endObject()
        }
        if let provisioningMethod { w.key("cs_provisioning_method"); w.string(provisioningMethod) }
        if let comments { w.key("comments"); w.string(comments) }
        if let skipApproval { w.key("skip_approval"); w.bool(skipApproval) }
        w.endObject()
        return Data(w.bytes)
    }
}
