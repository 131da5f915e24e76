import Foundation

/// A JSON document kept as the value it holds, so a report can embed a payload (the exact body
/// a journal entry sent) as an object rather than as a string of JSON.
package enum JSONDocument: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int64)
    case string(String)
    case array([JSONDocument])
    case object([String: JSONDocument])

    /// The document `data` holds; a string when it is not JSON (a payload is always JSON, but
    /// a report never fails on one that is not).
    package init(parsing data: Data) {
        self = (try? JSONDecoder().decode(JSONDocument.self, from: data)) ?? .string(String(decoding: data, as: UTF8.self))
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Booleans first (JSON's true is no number), integers before other numbers.
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONDocument].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONDocument].self)) }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
