import CertOrder

/// A JSON document whose object members keep their order: the sandbox writes every answer from
/// one of these with CertOrder's ``JSONWriter``, pretty, in the documented form.
enum JSONValue: Sendable, Hashable {
    case object([Member])
    case array([JSONValue])
    case string(String)
    case int(Int)
    case bool(Bool)

    struct Member: Sendable, Hashable {
        var key: String
        var value: JSONValue
    }

    /// An object from `(key, value)` pairs; `nil` values are left out, as the API omits absent fields.
    static func object(_ pairs: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        .object(members(pairs))
    }

    /// The members of `pairs`, `nil` values left out: a run of members several objects share.
    static func members(_ pairs: KeyValuePairs<String, JSONValue?>) -> [Member] {
        pairs.compactMap { pair in pair.value.map { Member(key: pair.key, value: $0) } }
    }

    /// `{"id": N}`.
    static func id(_ id: Int) -> JSONValue { .object(["id": .int(id)]) }

    static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    /// The member `key` of an object, if any.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    /// The bytes of this value: pretty (two-space indent, `"key": value`) unless `pretty` is false.
    func bytes(pretty: Bool = true) -> [UInt8] {
        var writer = JSONWriter(pretty: pretty)
        write(to: &writer)
        return writer.bytes
    }

    func write(to w: inout JSONWriter) {
        switch self {
        case .object(let members):
            w.beginObject()
            for member in members {
                w.key(member.key)
                member.value.write(to: &w)
            }
            w.endObject()
        case .array(let values):
            w.beginArray()
            for value in values {
                w.element()
                value.write(to: &w)
            }
            w.endArray()
        case .string(let s): w.string(s)
        case .int(let i): w.int(i)
        case .bool(let b): w.bool(b)
        }
    }
}

extension Optional where Wrapped == String {
    /// `.string` when present.
    var json: JSONValue? { map(JSONValue.string) }
}

extension Optional where Wrapped == Int {
    /// `.int` when present.
    var json: JSONValue? { map(JSONValue.int) }
}
