/// Writes an ``OrderResponse`` in the documented form (`id`, `requests`, `certificate_id`),
/// pretty like the reference page's examples.
public enum ResponseWriter {
    public static func pretty(_ response: OrderResponse) -> String {
        var w = JSONWriter(pretty: true)
        w.beginObject()
        w.key("id"); w.int(response.id)
        if let organization = response.organization {
            w.key("organization"); w.beginObject(); w.key("id"); w.int(organization.id); w.endObject()
        }
        w.key("requests")
        w.beginArray()
        for request in response.requests {
            w.element()
            w.beginObject()
            w.key("id"); w.int(request.id)
            w.key("status"); w.string(request.status)
            w.endObject()
        }
        w.endArray()
        if let certificate = response.certificateID { w.key("certificate_id"); w.int(certificate) }
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
