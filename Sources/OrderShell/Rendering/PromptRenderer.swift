import CertOrder

/// The shell's prompt: the draft and the endpoint at a glance,
/// `certorder [ev · 2 errors · sandbox]> `.
package enum PromptRenderer {
    /// - Parameters:
    ///   - product: the draft's product, `nil` when there is no draft.
    ///   - diagnostics: the draft's diagnostics.
    ///   - endpoint: where `send` goes (`sandbox`, `us`, `eu`, a host).
    ///   - live: whether orders sent there are real: the endpoint is then red when `colour`.
    ///   - colour: whether the prompt may be coloured (``Console/promptColour``).
    package static func prompt(product: Product?, diagnostics: [Diagnostic], endpoint: String,
                               live: Bool = false, colour: Bool = false) -> String {
        var parts: [String] = []
        if let product {
            parts.append(product.shortName)
            let errors = diagnostics.errors.count
            parts.append(errors == 0 ? "valid" : DraftRenderer.count(errors, "error"))
        } else {
            parts.append("no draft")
        }
        // The escapes sit between \u{1} marks: libedit does not count them as columns.
        parts.append(live && colour ? "\u{1}\u{1B}[31m\u{1}\(endpoint)\u{1}\u{1B}[0m\u{1}" : endpoint)
        return "certorder [\(parts.joined(separator: " · "))]> "
    }

    /// Shown while an entry continues over several lines.
    package static let continuation = "      ...> "
}
