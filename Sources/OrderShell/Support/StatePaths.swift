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

    /// The config file: `$XDG_CONFIG_HOME/certorder/config.toml` when `XDG_CONFIG_HOME` is an
    /// absolute path, else `~/.config/certorder/config.toml` (the state directory's XDG rule,
    /// ``StateDirectory/baseDirectory(_:fallback:environment:)``).
    package static func configFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = StateDirectory.baseDirectory("XDG_CONFIG_HOME", fallback: ".config", environment: environment)
        return ((base as NSString).appendingPathComponent("certorder") as NSString).appendingPathComponent("config.toml")
    }
}
