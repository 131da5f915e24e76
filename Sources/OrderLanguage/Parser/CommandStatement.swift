/// A command of the shell (`json`, `set PATH VALUE`, `export swift`, `send --force`): its name,
/// its arguments with their ranges, and its flags.
public struct CommandStatement: Hashable, Sendable {
    /// The command's name, lowercased.
    public var name: String
    /// The name as written.
    public var keyword: String
    public var nameRange: SourceRange
    public var arguments: [StatementArgument]
    public var flags: [CommandFlag]
    public var range: SourceRange

    /// The command's kind; `nil` only for a tree built by hand with a name that is not one.
    public var command: CommandName? { CommandName(rawValue: name) }

    /// The commands of the language, in the order `help` lists them (see ``CommandName``).
    public static let names: [String] = CommandName.allCases.map(\.rawValue)
}
