import CertOrder

/// The shell's prompt: the draft and the endpoint at a glance,
/// `certorder [ev · 2 errors · sandbox]> `.
package enum PromptRenderer {
    /// - Parameters:
    ///   - product: the draft's product, `nil` when there is no draft.
    ///   - diagnostics: the draft's diagnostics.
    ///   - endpoint: where `send` goes (`sandbox`, `us`, `eu`, a host).
    package static func prompt(product: Product?, diagnostics: [Diagnostic], endpoint: String) -> String {
        var parts: [String] = []
        if let product {
            parts.append(product.shortName)
            let errors = diagnostics.errors.count
            parts.append(errors == 0 ? "valid" : DraftRenderer.count(errors, "error"))
        } else {
            parts.append("no draft")
        }
        parts.append(endpoint)
        return "certorder [\(parts.joined(separator: " · "))]> "
    }

    /// Shown while an entry continues over several lines.
    package static let continuation = "      ...> "
}
