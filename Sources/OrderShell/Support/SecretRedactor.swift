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
}
