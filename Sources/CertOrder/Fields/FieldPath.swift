/// A payload path as the catalogue names a field: dot-separated keys, `[]` standing for a list
/// index (`ship_info.method`, `custom_fields[].value`). A path with its indices filled in
/// (`custom_fields[0].value`) is text that ``OrderRequest/set(path:value:)`` resolves to one.
package struct FieldPath: Hashable, Sendable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The path with every index written `[]`.
    package let template: String

    package init(_ template: String) { self.template = template }
    package init(stringLiteral value: String) { self.template = value }

    package var description: String { template }

    package static func < (a: FieldPath, b: FieldPath) -> Bool { a.template < b.template }

    /// The enclosing object's path (`ship_info` for `ship_info.city`,
    /// `custom_fields[]` for `custom_fields[].value`); `nil` at the top.
    package var parent: FieldPath? {
        guard let dot = template.lastIndex(of: ".") else {
            return template.hasSuffix("[]") ? FieldPath(String(template.dropLast(2))) : nil
        }
        return FieldPath(String(template[..<dot]))
    }

    /// The key of the field inside its parent: `city` for `ship_info.city`.
    package var key: String {
        guard let dot = template.lastIndex(of: ".") else { return template }
        return String(template[template.index(after: dot)...])
    }

    /// The top-level payload key: `ship_info` for `ship_info.city`.
    package var topKey: String {
        String(template.prefix { $0 != "." && $0 != "[" })
    }

    /// Whether `self` lies inside `ancestor` (and is not `ancestor` itself).
    package func isInside(_ ancestor: FieldPath) -> Bool {
        template.hasPrefix(ancestor.template + ".") || template.hasPrefix(ancestor.template + "[")
    }

    /// One entry of a list: `additional_emails[2]`.
    package func entry(_ index: Int) -> String { "\(template)[\(index)]" }

    /// The path written with indices: `custom_fields[0].value` for `[0]`.
    package func filled(with indices: [Int]) -> String {
        guard !indices.isEmpty else { return template }
        var out = ""
        var rest = template[...]
        var next = 0
        // Copies the text between the brackets whole: the evaluator writes one of these per
        // custom field of every order of a batch.
        while let open = rest.firstIndex(of: "[") {
            out += rest[...open]
            if next < indices.count {
                out += String(indices[next])
                next += 1
            }
            rest = rest[rest.index(after: open)...]
        }
        return out + rest
    }
}
