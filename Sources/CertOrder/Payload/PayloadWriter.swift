import Foundation

/// Encodes an ``OrderRequest`` as the request body: the documented key order, absent fields
/// omitted, integers as integers.
public enum PayloadWriter {
    /// The compact body, as sent.
    public static func compact(_ request: OrderRequest) -> Data {
        Data(bytes(request, pretty: false))
    }

    /// The pretty body, byte for byte the form of the documented example (no final newline).
    public static func pretty(_ request: OrderRequest) -> String {
        String(decoding: bytes(request, pretty: true), as: UTF8.self)
    }

    /// The body's bytes.
    public static func bytes(_ request: OrderRequest, pretty: Bool) -> [UInt8] {
        var w = JSONWriter(pretty: pretty)
        write(request, to: &w)
        return w.bytes
    }

    /// Writes the request as one JSON object into `w` (for arrays of payloads).
    public static func write(_ r: OrderRequest, to w: inout JSONWriter) {
        w.beginObject()
        w.key("certificate")
        write(r.certificate, to: &w)
        if let v = r.provisioningMethod { w.key("cs_provisioning_method"); w.string(v) }
        if let v = r.validityYears { w.key("validity_years"); w.int(v) }
        if let v = r.comments { w.key("comments"); w.string(v) }
        if let v = r.skipApproval { w.key("skip_approval"); w.bool(v) }
        if let v = r.organization { w.key("organization"); write(v, to: &w) }
        if let v = r.container { w.key("container"); write(v, to: &w) }
        if let v = r.shipInfo { w.key("ship_info"); write(v, to: &w) }
        if let v = r.autoRenew { w.key("auto_renew"); w.int(v) }
        if let v = r.renewalMessage { w.key("custom_renewal_message"); w.string(v) }
        if let fields = r.customFields {
            w.key("custom_fields")
            w.beginArray()
            for field in fields {
                w.element()
                w.beginObject()
                w.key("metadata_id"); w.int(field.metadataID)
                w.key("value"); w.string(field.value)
                w.endObject()
            }
            w.endArray()
        }
        if let v = r.paymentMethod { w.key("payment_method"); w.string(v) }
        if let v = r.orderValidity {
            w.key("order_validity")
            w.beginObject()
            if let years = v.years { w.key("years"); w.int(years) }
            if let days = v.days { w.key("days"); w.int(days) }
            w.endObject()
        }
        if let v = r.customExpirationDate { w.key("custom_expiration_date"); w.string(v) }
        if let v = r.renewalOfOrderID { w.key("renewal_of_order_id"); w.int(v) }
        if let v = r.additionalEmails { w.key("additional_emails"); writeStrings(v, to: &w) }
        if let v = r.alternativeOrderID { w.key("alternative_order_id"); w.string(v) }
        w.endObject()
    }

    private static func write(_ c: OrderRequest.CertificateDetails, to w: inout JSONWriter) {
        w.beginObject()
        if let v = c.organizationUnits { w.key("organization_units"); writeStrings(v, to: &w) }
        if let v = c.serverPlatform { w.key("server_platform"); write(v, to: &w) }
        if let v = c.signatureHash { w.key("signature_hash"); w.string(v) }
        if let v = c.csr { w.key("csr"); w.string(v) }
        w.endObject()
    }

    private static func write(_ s: OrderRequest.ShipInfo, to w: inout JSONWriter) {
        w.beginObject()
        for name in OrderRequest.ShipInfo.fieldNames {
            if let v = s[field: name] { w.key(name); w.string(v) }
        }
        w.endObject()
    }

    private static func write(_ ref: OrderRequest.IDReference, to w: inout JSONWriter) {
        w.beginObject()
        w.key("id")
        w.int(ref.id)
        w.endObject()
    }

    private static func writeStrings(_ values: [String], to w: inout JSONWriter) {
        w.beginArray()
        for v in values { w.element(); w.string(v) }
        w.endArray()
    }
}
