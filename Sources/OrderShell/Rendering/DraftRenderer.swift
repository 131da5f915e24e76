import CertOrder

/// Renders a draft as a tree, each diagnostic beside the field it is about; required fields
/// that are missing appear as `(missing)` lines so the user sees where to add them.
public struct DraftRenderer: Sendable {
    /// ANSI colours for errors and warnings.
    public var color: Bool

    public init(color: Bool = false) {
        self.color = color
    }

    /// One line of the tree before drawing: its payload path, depth, label and value.
    struct Node {
        var path: String
        var depth: Int
        var label: String
        var value: String?
    }

    public func render(product: Product, request: OrderRequest, diagnostics: [Diagnostic]) -> String {
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

    static func nodes(of r: OrderRequest) -> [Node] {
        var nodes: [Node] = [Node(path: "certificate", depth: 0, label: "certificate")]
        let c = r.certificate
        if let units = c.organizationUnits {
            nodes.append(Node(path: "certificate.organization_units", depth: 1, label: "organization_units",
                              value: units.map { "\"\($0)\"" }.joined(separator: ", ")))
        }
        if let id = c.serverPlatform?.id {
            nodes.append(Node(path: "certificate.server_platform.id", depth: 1, label: "server_platform.id", value: id == -1 ? "-1 (other)" : String(id)))
        }
        if let hash = c.signatureHash { nodes.append(Node(path: "certificate.signature_hash", depth: 1, label: "signature_hash", value: hash)) }
        if let csr = c.csr {
            let summary = (try? CSRInspector.inspect(csr)).map { "\($0.key) key" } ?? "unreadable"
            nodes.append(Node(path: "certificate.csr", depth: 1, label: "csr", value: "PEM, \(csr.utf8.count) bytes, \(summary)"))
        }
        func scalar(_ path: String, _ value: String?) {
            if let value { nodes.append(Node(path: path, depth: 0, label: path, value: value)) }
        }
        scalar("cs_provisioning_method", r.provisioningMethod)
        scalar("validity_years", r.validityYears.map(String.init))
        scalar("comments", r.comments.map { "\"\($0)\"" })
        scalar("skip_approval", r.skipApproval.map(String.init))
        scalar("organization.id", r.organization.map { String($0.id) })
        scalar("container.id", r.container.map { String($0.id) })
        if let ship = r.shipInfo {
            nodes.append(Node(path: "ship_info", depth: 0, label: "ship_info"))
            for field in OrderRequest.ShipInfo.fieldNames {
                if let value = ship[field: field] {
                    nodes.append(Node(path: "ship_info.\(field)", depth: 1, label: field, value: value))
                }
            }
        }
        scalar("auto_renew", r.autoRenew.map(String.init))
        scalar("custom_renewal_message", r.renewalMessage.map { "\"\($0)\"" })
        if let fields = r.customFields {
            nodes.append(Node(path: "custom_fields", depth: 0, label: "custom_fields"))
            for (i, field) in fields.enumerated() {
                nodes.append(Node(path: "custom_fields[\(i)]", depth: 1, label: "[\(i)]", value: "metadata_id \(field.metadataID) = \"\(field.value)\""))
            }
        }
        scalar("payment_method", r.paymentMethod)
        if let validity = r.orderValidity {
            nodes.append(Node(path: "order_validity", depth: 0, label: "order_validity"))
            if let years = validity.years { nodes.append(Node(path: "order_validity.years", depth: 1, label: "years", value: String(years))) }
            if let days = validity.days { nodes.append(Node(path: "order_validity.days", depth: 1, label: "days", value: String(days))) }
        }
        scalar("custom_expiration_date", r.customExpirationDate)
        scalar("renewal_of_order_id", r.renewalOfOrderID.map(String.init))
        if let emails = r.additionalEmails {
            nodes.append(Node(path: "additional_emails", depth: 0, label: "additional_emails", value: emails.joined(separator: ", ")))
        }
        scalar("alternative_order_id", r.alternativeOrderID)
        return nodes
    }
}
