import Foundation

/// Reads the text of a value as a field's type wants it: the one set of parsing rules shared by
/// ``OrderRequest/set(path:value:)`` and the order language.
package enum FieldValueParser {
    /// An integer written `-?[0-9]+` (no sign other than `-`, no spaces); `nil` otherwise or when
    /// it does not fit an `Int`.
    package static func integer(_ text: String) -> Int? {
        var utf8 = text.utf8[...]
        if utf8.first == UInt8(ascii: "-") { utf8 = utf8.dropFirst() }
        guard !utf8.isEmpty, utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }

    /// `true`/`false`, `yes`/`no`, case-insensitively.
    package static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: return nil
        }
    }

    /// The allowed value `text` names, case-insensitively, in its documented spelling
    /// (`expedited` → `EXPEDITED`); `nil` when none matches.
    package static func enumerated(_ text: String, allowed: [String]) -> String? {
        if allowed.contains(text) { return text }
        let lowered = text.lowercased()
        return allowed.first { $0.lowercased() == lowered }
    }

    /// A calendar date written `YYYY-MM-DD`; `nil` for any other text or an impossible date.
    package static func date(_ text: String) -> String? {
        Validator.parseDate(text) == nil ? nil : text
    }

    /// Comma-separated items, each trimmed of spaces; the empty text is the empty list.
    package static func list(_ text: String) -> [String] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return [] }
        return trimmed.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// `a, b or c`: how messages list allowed values.
    package static func describe(_ values: [String]) -> String {
        switch values.count {
        case 0: return ""
        case 1: return values[0]
        default: return values.dropLast().joined(separator: ", ") + " or " + values[values.count - 1]
        }
    }
}
