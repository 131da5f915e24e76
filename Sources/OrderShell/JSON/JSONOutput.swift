import Foundation

/// The one encoder of what `--json` prints: pretty, keys sorted (diffs stay small), slashes as
/// written. Every shape is a `Codable` report type of this folder, with snake_case keys spelled
/// in its `CodingKeys`; its JSON Schema is `Docs/schemas/<shape>.schema.json`.
package enum JSONOutput {
    package static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        // Every report is plain values: encoding cannot fail.
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}
