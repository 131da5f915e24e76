import Foundation

/// Where CertOrder keeps its state: `$XDG_STATE_HOME/certorder`, else `~/.local/state/certorder`.
public enum StatePaths {
    public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/certorder" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/state/certorder"
    }

    /// The shell's history file.
    public static func history(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        directory(environment: environment) + "/history"
    }

    /// The embedded sandbox's orders, kept across runs so `status` and `reconcile` find them.
    public static func sandboxState(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        directory(environment: environment) + "/sandbox.json"
    }
}
