import Foundation

/// Lenient reads for CertCentral's answers: a missing member, `null` or a value of an unexpected
/// type gives `nil` instead of failing the whole answer, and numbers sent as strings (or the
/// reverse) are accepted.
extension KeyedDecodingContainer {
    func lenient<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(T.self, forKey: key)) ?? nil
    }

    func lenientInt(_ key: Key) -> Int? {
        if let value = lenient(Int.self, key) { return value }
        if let text = lenient(String.self, key) { return Int(text.trimmingCharacters(in: .whitespaces)) }
        if let value = lenient(Double.self, key), value.rounded() == value, abs(value) < 1e15 { return Int(value) }
        return nil
    }

    func lenientString(_ key: Key) -> String? {
        if let value = lenient(String.self, key) { return value }
        if let value = lenient(Int.self, key) { return String(value) }
        return nil
    }

    func lenientBool(_ key: Key) -> Bool? {
        if let value = lenient(Bool.self, key) { return value }
        if let value = lenient(Int.self, key) { return value != 0 }
        if let text = lenient(String.self, key)?.lowercased() {
            if ["true", "yes", "1"].contains(text) { return true }
            if ["false", "no", "0"].contains(text) { return false }
        }
        return nil
    }

    /// An array whose unreadable elements are skipped; `[]` when absent.
    func lenientArray<T: Decodable>(_ type: T.Type, _ key: Key) -> [T] {
        guard let items = lenient([LenientElement<T>].self, key) else { return [] }
        return items.compactMap(\.value)
    }

    func lenientInts(_ key: Key) -> [Int] {
        lenientArray(LenientInt.self, key).map(\.value)
    }

    /// The member without which an answer's object means nothing (its id), read leniently:
    /// missing or unreadable, the object fails with `keyNotFound`, saying `missing`.
    func requiredInt(_ key: Key, else missing: String) throws -> Int {
        try required(lenientInt(key), key, missing)
    }

    /// ``requiredInt(_:else:)`` for a member that is a string (a product's `name_id`).
    func requiredString(_ key: Key, else missing: String) throws -> String {
        try required(lenientString(key), key, missing)
    }

    private func required<T>(_ value: T?, _ key: Key, _ missing: String) throws -> T {
        guard let value else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: missing))
        }
        return value
    }
}

/// One array element read leniently.
struct LenientElement<T: Decodable>: Decodable {
    var value: T?
    init(from decoder: any Decoder) throws {
        value = try? T(from: decoder)
    }
}

/// An integer that may come as a string.
struct LenientInt: Decodable {
    var value: Int
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let v = try? c.decode(Int.self) {
            value = v
        } else if let s = try? c.decode(String.self), let v = Int(s) {
            value = v
        } else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an integer")
        }
    }
}
