/// A command of the shell (`json`, `set PATH VALUE`, `export swift`, `send --force`): its name,
/// its arguments with their ranges, and its flags.
package struct CommandStatement: Hashable, Sendable {
    /// The command's name, lowercased.
    package var name: String
    /// The name as written.
    package var keyword: String
    package var nameRange: SourceRange
    package var arguments: [StatementArgument]
    package var flags: [CommandFlag]
    /// `> FILE` or `>> FILE` after the words, if written.
    package var redirection: OutputRedirection?
    package var range: SourceRange

    /// The command's kind; `nil` only for a tree built by hand with a name that is not one.
    package var command: CommandName? { CommandName(rawValue: name) }

    /// The commands of the language, in the order `help` lists them (see ``CommandName``).
    package static let names: [String] = CommandName.allCases.map(\.rawValue)
}
