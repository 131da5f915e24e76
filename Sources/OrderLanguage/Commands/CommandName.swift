/// The commands of the language, in the order `help` lists them. One case per command: the
/// parser recognises these names, ``CommandSpec/table`` describes each, and the shell's
/// dispatcher switches over them exhaustively, so a command added here without a handler, a help
/// line or a completion does not compile.
package enum CommandName: String, CaseIterable, Hashable, Sendable {
    case new, set, unset, show, json, validate, explain, export, send, plan, apply, status, wait, download, renew, reissue, duplicate, revoke, requests, expiring, approve, reject, cancel, orders
    case reconcile, endpoint, key, orgs, containers, fields, load, save, recipes, recipe, help, history, quit, exit

    /// Whether the language runs it itself (it edits the draft); the others go to the
    /// ``CommandHandler``.
    package var editsDraft: Bool {
        switch self {
        case .new, .set, .unset, .load: return true
        default: return false
        }
    }

    /// The command's description: arguments, flags, usage and help.
    package var spec: CommandSpec { CommandSpec.byName[self]! }
}
