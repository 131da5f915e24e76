import CertOrder

/// Renders a draft as a tree, each diagnostic beside the field it is about; required fields
/// that are missing appear as `(missing)` lines so the user sees where to add them.
package struct DraftRenderer: Sendable {
    /// ANSI colours for errors and warnings.
    package var color: Bool

    package init(color: Bool = false) {
        self.color = color
    }

    /// One line of the tree before drawing: its payload path, depth, label and value.
    struct Node {
        var path: String
        var depth: Int
        var label: String
        var value: String?
    }

    package func render(product: Product, request: OrderRequest, diagnostics: [Diagnostic]) -> String {
        var nodes = Self.nodes(of: request)
        // Each diagnostic sits beside its field, or the nearest enclosing one (`additional_emails`
        // for `additional_emails[1]`); a field that is not there gets a "(missing)" line.
        var notes: [String: [Diagnostic]] = [:]
        for diagnostic in diagnostics {
            let enclosing = nodes.lastIndex { Self.path(diagnostic.path, isWithin: $0.path) }
            if let enclosing, nodes[enclosing].path == diagnostic.path || diagnostic.kind != .missing {
                notes[nodes[enclosing].path, default: []].append(diagnostic)
                continue
            }
            var missing = Node(path: diagnostic.path, depth: 0, label: diagnostic.path, value: "(missing)")
            var insertAt = nodes.count
            if let enclosing {
                let parent = nodes[enclosing]
                missing.depth = parent.depth + 1
                missing.label = String(diagnostic.path.dropFirst(parent.path.count + 1))
                insertAt = enclosing + 1
                while insertAt < nodes.count && nodes[insertAt].depth > parent.depth { insertAt += 1 }
            }
            nodes.insert(missing, at: insertAt)
            notes[diagnostic.path, default: []].append(diagnostic)
        }
        let errors = diagnostics.errors.count, warnings = diagnostics.warnings.count
        var lines = ["\(product.rawValue) order · \(Self.count(errors, "error")) · \(Self.count(warnings, "warning"))"]
        for (index, node) in nodes.enumerated() {
            let isLast = !nodes[(index + 1)...].prefix { $0.depth >= node.depth }.contains { $0.depth == node.depth }
            var prefix = ""
            for depth in 0..<node.depth {
                let ancestorContinues = nodes[(index + 1)...].prefix { $0.depth >= depth }.contains { $0.depth == depth }
                prefix += ancestorContinues ? "│  " : "   "
            }
            prefix += isLast ? "└─ " : "├─ "
            var line = prefix + node.label + (node.value.map { ": \($0)" } ?? "")
            for note in notes[node.path] ?? [] {
                let mark = note.isError ? paint("✗", 31) : paint("!", 33)
                line += "  \(mark) \(note.message)"
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// Whether `path` is `ancestor` or lies inside it.
    static func path(_ path: String, isWithin ancestor: String) -> Bool {
        path == ancestor || path.hasPrefix(ancestor + ".") || path.hasPrefix(ancestor + "[")
    }

    private func paint(_ text: String, _ code: Int) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// The tree's lines, one per field that is there, in payload order: an object is a line of
    /// its own with its members under it, except a `{"id": N}` object, whose id is one line
    /// (`organization.id`); a list of objects has a line per entry.
    static func nodes(of r: OrderRequest) -> [Node] {
        var nodes: [Node] = []
        var shown: [FieldPath: Int] = [:]  // objects with a line of their own, to their depth
        for field in FieldCatalog.payloadOrder {
            guard let value = field.access.get(r, []) else { continue }
            var ancestor = field.path.parent
            while let path = ancestor, shown[path] == nil { ancestor = path.parent }
            let depth = ancestor.flatMap { shown[$0] }.map { $0 + 1 } ?? 0
            let label = ancestor.map { String(field.path.template.dropFirst($0.template.count + 1)) } ?? field.path.template
            switch field.kind {
            case .object:
                guard FieldCatalog.idMember(of: field) == nil else { continue }
                shown[field.path] = depth
                nodes.append(Node(path: field.path.template, depth: depth, label: label))
            case .list(of: .object):
                nodes.append(Node(path: field.path.template, depth: depth, label: label))
                let members = FieldCatalog.members(of: FieldPath(field.path.template + "[]"))
                guard let key = members.first else { continue }
                if members.count > 2 {
                    // Entries of several members (contacts): a line per entry, its members under it.
                    var i = 0
                    while i < Self.count(of: field, in: r) {
                        let entry = "\(field.path.template)[\(i)]"
                        nodes.append(Node(path: entry, depth: depth + 1, label: "[\(i)]"))
                        for member in members {
                            guard let value = member.access.get(r, [i]) else { continue }
                            nodes.append(Node(path: "\(entry).\(member.path.key)", depth: depth + 2, label: member.path.key,
                                              value: Self.text(of: value, member)))
                        }
                        i += 1
                    }
                    continue
                }
                var i = 0
                while let first = key.access.get(r, [i]) {
                    let rest = members.dropFirst().compactMap { $0.access.get(r, [i]) }.map { " = \"\(key.text(of: $0))\"" }
                    nodes.append(Node(path: "\(field.path.template)[\(i)]", depth: depth + 1, label: "[\(i)]",
                                      value: "\(key.path.key) \(key.text(of: first))" + rest.joined()))
                    i += 1
                }
            default:
                nodes.append(Node(path: field.path.template, depth: depth, label: label, value: Self.text(of: value, field)))
            }
        }
        return nodes
    }

    /// How many entries a list of objects holds (an entry may have no member yet).
    static func count(of list: Field, in r: OrderRequest) -> Int {
        list.path == .organizationContacts ? r.organization?.contacts?.count ?? 0 : 0
    }

    /// A value as the tree shows it: `-1 (other)`, `"a message"`, `PEM, 1234 bytes, RSA 3072 key`.
    static func text(of value: Field.Value, _ field: Field) -> String {
        switch (field.kind, value) {
        case (.integer, .integer(let n)):
            return field.name(of: n).map { "\(n) (\($0))" } ?? String(n)
        case (.list, .list(let items)) where field.quotedInTree:
            return items.map { "\"\($0)\"" }.joined(separator: ", ")
        case (.string(.pem), .text(let pem)):
            let summary = (try? CSRInspector.inspect(pem)).map { "\($0.key) key" } ?? "unreadable"
            return "PEM, \(pem.utf8.count) bytes, \(summary)"
        case (_, .text(let text)) where field.quotedInTree:
            return "\"\(text)\""
        default:
            return field.text(of: value)
        }
    }
}
