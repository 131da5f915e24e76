import Foundation

/// CertCentral's error envelope, `{"errors":[{"code":"...","message":"..."}]}`.
///
/// Decoding is lenient: `errors` may also be a single object or an object of objects, as seen in
/// public fixtures. Codes such as `invalid_value:validity_years` or `not_found|order` are split
/// into a ``Entry/kind`` and the ``Entry/field`` at fault.
public struct APIError: Error, Codable, Hashable, Sendable {
    public var errors: [Entry]

    public init(errors: [Entry]) {
        self.errors = errors
    }

    /// One error of the envelope.
    public struct Entry: Codable, Hashable, Sendable {
        /// The code exactly as the API sent it.
        public var code: String
        public var message: String

        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }

        /// The code without its suffix: `invalid_value` of `invalid_value:validity_years`.
        public var kind: String { String(code[..<(separatorIndex ?? code.endIndex)]) }

        /// The suffix naming the field or thing at fault: `validity_years`, `order`; `nil` when none.
        public var field: String? {
            guard let index = separatorIndex else { return nil }
            let rest = code[code.index(after: index)...]
            return rest.isEmpty ? nil : String(rest)
        }

        private var separatorIndex: String.Index? { code.firstIndex(where: { $0 == ":" || $0 == "|" }) }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            code = try c.decodeIfPresent(String.self, forKey: .code) ?? "unknown"
            message = try c.decodeIfPresent(String.self, forKey: .message) ?? ""
        }
    }

    enum CodingKeys: String, CodingKey { case errors }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let list = try? c.decode([Entry].self, forKey: .errors) {
            errors = list
        } else if let keyed = try? c.decode([String: Entry].self, forKey: .errors), keyed.values.contains(where: { $0.code != "unknown" }) {
            errors = keyed.keys.sorted().compactMap { keyed[$0] }
        } else if let single = try? c.decode(Entry.self, forKey: .errors) {
            errors = [single]
        } else {
            throw DecodingError.dataCorruptedError(forKey: .errors, in: c, debugDescription: "no 'errors' in the error body")
        }
    }

    /// Decodes an error body; `nil` when the bytes are not an error envelope.
    public static func decode(_ data: Data) -> APIError? {
        try? JSONDecoder().decode(APIError.self, from: data)
    }
}

extension APIError: CustomStringConvertible {
    /// `code: message` lines, one per error.
    public var description: String {
        errors.map { "\($0.code): \($0.message)" }.joined(separator: "\n")
    }
}
