import CertOrder
import Foundation

/// Knows the secrets of the session (the API key) and removes them from any text before it is
/// shown, logged, saved to history or written to a file.
package final class SecretRedactor: @unchecked Sendable {
    private let lock = NSLock()
    private var secrets: [String] = []
    package static let mask = "‹redacted›"

    package init() {}

    /// Adds a secret. Any non-empty key is masked, however short: a short key may mask ordinary
    /// words too, but a key that was set must never be shown.
    package func add(_ secret: String) {
        guard !secret.isEmpty else { return }
        lock.withLock { if !secrets.contains(secret) { secrets.append(secret) } }
    }

    /// Whether `text` contains a secret.
    package func containsSecret(_ text: String) -> Bool {
        lock.withLock { secrets.contains { text.contains($0) } }
    }

    /// `text` with every secret replaced by ``mask``.
    package func redact(_ text: String) -> String {
        let current = lock.withLock { secrets }
        guard !current.isEmpty else { return text }
        var out = text
        for secret in current where out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: Self.mask)
        }
        return out
    }

    /// An error for each field of `request` that holds a secret (issue 12, finding 10: a key
    /// pasted into `comments` was masked on screen but stored in the journal, sent in the body
    /// and printed by `compile`). Checked before anything is written or sent, and by `compile`,
    /// `check` and `export`. The message names the field, never the value.
    package func diagnostics(for request: OrderRequest) -> [Diagnostic] {
        let current = lock.withLock { secrets }
        guard !current.isEmpty else { return [] }
        // One look at the whole body first: an order without the key (every order) costs one scan.
        let body = String(decoding: PayloadWriter.compact(request), as: UTF8.self)
        guard current.contains(where: { body.contains($0) }) else { return [] }
        var paths = FieldCatalog.fields.map(\.path.description).filter { !$0.contains("[") }
        for index in (request.customFields ?? []).indices { paths.append("custom_fields[\(index)].value") }
        return paths.compactMap { path in
            guard let value = request.value(at: path), current.contains(where: { value.contains($0) }) else { return nil }
            return Diagnostic(.secretInField(path: path), path: path)
        }
    }
}
