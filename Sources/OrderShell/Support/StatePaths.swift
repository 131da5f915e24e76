import CertOrder
import Foundation

/// The shell's files in CertOrder's state directory (``StateDirectory``, which owns the XDG
/// rule and the 0700/0600 modes): `$XDG_STATE_HOME/certorder` when that is an absolute path,
/// else `~/.local/state/certorder`.
package enum StatePaths {
    package static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        StateDirectory.path(environment: environment)
    }

    /// The shell's history file.
    package static func history(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        StateDirectory.file("history", environment: environment)
    }

    /// The embedded sandbox's orders, kept across runs so `status` and `reconcile` find them.
    package static func sandboxState(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        StateDirectory.file("sandbox.json", environment: environment)
    }
}
