/// A command ready to run: its name, its evaluated arguments (variables read, strings decoded,
/// `@file` read), its flags, and where each came from.
package struct EvaluatedCommand: Hashable, Sendable {
    /// One argument: its text and where it was written.
    package struct Argument: Hashable, Sendable {
        package var text: String
        package var range: SourceRange
        /// Whether it was written as a string (`"..."`), not a bare word or number.
        package var isQuoted: Bool
    }

    /// Which command it is.
    package var command: CommandName
    package var nameRange: SourceRange
    /// The positional arguments; their number fits the command's ``CommandSpec``.
    package var arguments: [Argument]
    /// Flags without their dashes (`force` of `--force`), with their ranges; each is one of the
    /// command's ``CommandSpec/flags``.
    package var flags: [CommandFlag]
    /// The evaluated values of the flags that take one, by flag name.
    package var flagValues: [String: Argument]
    /// Where `> FILE` or `>> FILE` sends what the command prints; `nil` for stdout.
    package var output: Output? = nil
    /// The whole command.
    package var range: SourceRange

    /// `> FILE` (replace) or `>> FILE` (append), FILE evaluated.
    package struct Output: Hashable, Sendable {
        package var path: String
        package var appends: Bool
        /// Where FILE was written, for a diagnostic about it.
        package var range: SourceRange
    }

    /// The command's name, lowercased (`json`, `export`).
    package var name: String { command.rawValue }

    /// Whether `--name` was given.
    package func hasFlag(_ name: String) -> Bool { flags.contains { $0.name == name } }

    /// The value given to `--name`, if it was given one.
    package func value(ofFlag name: String) -> Argument? { flagValues[name] }

    /// The arguments' texts.
    package var texts: [String] { arguments.map(\.text) }
}

/// What a command sees when it runs.
package struct CommandContext {
    /// The current draft (the shell's order), as the script has made it so far; `nil` before any
    /// `order` or `new`.
    package let draft: CompiledOrder?
    /// The interpreter running the script: its recipes and variables. Its own
    /// ``Interpreter/draft`` is the draft from before this evaluation (it is committed when the
    /// evaluation succeeds); use ``draft`` for the current one. Do not call `evaluate` on it here.
    package let interpreter: Interpreter
}

/// A command that failed: the message is reported at the command (or at one of its arguments)
/// as an error of the script.
package struct CommandError: Error, Hashable, Sendable {
    package var message: String
    /// The index of the argument at fault, if one is; ``outputArgument`` for the file of `> FILE`.
    package var argument: Int?

    /// The ``argument`` of an error about the file of `> FILE`.
    package static let outputArgument = -1

    package init(_ message: String, argument: Int? = nil) {
        self.message = message
        self.argument = argument
    }
}

/// Runs the commands the language does not run itself: everything except `new`, `set`, `unset`
/// and `load`, which edit the draft inside the interpreter. The shell and `certorder run` supply
/// one; without one, a command is skipped with a warning.
///
/// Commands run in script order, each seeing the draft as it is at that point. Once a statement
/// of the evaluation has failed, later commands are not run (a failed script must not `send`).
package protocol CommandHandler {
    /// Runs one command; the evaluation waits for it (a `send` finishes, or is recorded, before
    /// the next statement runs).
    /// - Throws: ``CommandError`` to report a failure at the command.
    func handle(_ command: EvaluatedCommand, context: CommandContext) async throws(CommandError)
}
