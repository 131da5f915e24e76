import Foundation

/// Encodes an ``OrderRequest`` as the request body: the documented key order, absent fields
/// omitted, integers as integers.
public enum PayloadWriter {
    // The key names are the model's coding keys, so a field's JSON name is written in one place
    // (the model), whether Codable or this writer encodes it.
    private typealias Key = OrderRequest.CodingKeys
    private typealias CertificateKey = OrderRequest.CertificateDetails.CodingKeys
    private typealias CustomFieldKey = OrderRequest.CustomFieldValue.CodingKeys

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
        w.key(Key.certificate.rawValue)
        write(r.certificate, to: &w)
        if let v = r.provisioningMethod { w.key(Key.provisioningMethod.rawValue); w.string(v) }
        if let v = r.validityYears { w.key(Key.validityYears.rawValue); w.int(v) }
        if let v = r.comments { w.key(Key.comments.rawValue); w.string(v) }
        if let v = r.skipApproval { w.key(Key.skipApproval.rawValue); w.bool(v) }
        if let v = r.organization { w.key(Key.organization.rawValue); write(v, to: &w) }
        if let v = r.container { w.key(Key.container.rawValue); write(v, to: &w) }
        if let v = r.shipInfo { w.key(Key.shipInfo.rawValue); write(v, to: &w) }
        if let v = r.autoRenew { w.key(Key.autoRenew.rawValue); w.int(v) }
        if let v = r.renewalMessage { w.key(Key.renewalMessage.rawValue); w.string(v) }
        if let fields = r.customFields {
            w.key(Key.customFields.rawValue)
            w.beginArray()
            for field in fields {
                w.element()
                w.beginObject()
                w.key(CustomFieldKey.metadataID.rawValue); w.int(field.metadataID)
                w.key(CustomFieldKey.value.rawValue); w.string(field.value)
                w.endObject()
            }
            w.endArray()
        }
        if let v = r.paymentMethod { w.key(Key.paymentMethod.rawValue); w.string(v) }
        if let v = r.orderValidity {
            w.key(Key.orderValidity.rawValue)
            w.beginObject()
            if let years = v.years { w.key("years"); w.int(years) }
            if let days = v.days { w.key("days"); w.int(days) }
            w.endObject()
        }
        if let v = r.customExpirationDate { w.key(Key.customExpirationDate.rawValue); w.string(v) }
        if let v = r.renewalOfOrderID { w.key(Key.renewalOfOrderID.rawValue); w.int(v) }
        if let v = r.additionalEmails { w.key(Key.additionalEmails.rawValue); writeStrings(v, to: &w) }
        if let v = r.alternativeOrderID { w.key(Key.alternativeOrderID.rawValue); w.string(v) }
        w.endObject()
    }

    private static func write(_ c: OrderRequest.CertificateDetails, to w: inout JSONWriter) {
        w.beginObject()
        if let v = c.organizationUnits { w.key(CertificateKey.organizationUnits.rawValue); writeStrings(v, to: &w) }
        if let v = c.serverPlatform { w.key(CertificateKey.serverPlatform.rawValue); write(v, to: &w) }
        if let v = c.signatureHash { w.key(CertificateKey.signatureHash.rawValue); w.string(v) }
        if let v = c.csr { w.key(CertificateKey.csr.rawValue); w.string(v) }
        w.endObject()
    }

    private static func write(_ s: OrderRequest.ShipInfo, to w: inout JSONWriter) {
        w.beginObject()
        for name in OrderRequest.ShipInfo.fieldNames {
            if let v = s[field: name] { w.key(name); w.string(v) }
        }
        w.endObject()
    }

    private static func write(_ o: OrderRequest.OrganizationReference, to w: inout JSONWriter) {
        w.beginObject()
        w.key(OrderRequest.OrganizationReference.CodingKeys.id.rawValue)
        w.int(o.id)
        if let contacts = o.contacts {
            w.key(OrderRequest.OrganizationReference.CodingKeys.contacts.rawValue)
            w.beginArray()
            for contact in contacts {
                w.element()
                w.beginObject()
                for name in OrderRequest.Contact.fieldNames {
                    if let v = contact[field: name] { w.key(name); w.string(v) }
                }
                w.endObject()
            }
            w.endArray()
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
