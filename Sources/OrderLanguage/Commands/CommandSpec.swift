import CertOrder

/// What a command takes and what help says of it: the one description the parser, the
/// evaluator's checks, the shell's help and completion read.
///
/// A command's words are checked against it before the command runs: an unknown flag, a flag
/// without its value, a missing or an extra argument is an error at that word (with
/// did-you-mean for flags), and no command of the evaluation runs (see ``Evaluator``).
package struct CommandSpec: Sendable {
    /// One positional argument.
    package struct ArgumentSpec: Sendable {
        package enum Kind: Sendable {
            /// Exactly one value.
            case one
            /// One value or none.
            case optional
            /// The rest of the words, joined (`reject 113 wrong team`); `required` when at least
            /// one must be given.
            case words(required: Bool)
        }

        /// The placeholder in usage lines (`ORDER_ID`).
        package let name: String
        package let kind: Kind
        /// The values completion offers for it (empty when free).
        package let values: [String]

        package init(_ name: String, _ kind: Kind = .one, values: [String] = []) {
            self.name = name
            self.kind = kind
            self.values = values
        }
    }

    /// One `--flag`.
    package struct FlagSpec: Sendable {
        /// Without its dashes (`force`).
        package let name: String
        /// The placeholder of its value (`ENDPOINT` for `--endpoint us`); `nil` for a flag that
        /// takes none.
        package let valueName: String?
        /// The values completion offers for its value.
        package let values: [String]

        package init(_ name: String, value valueName: String? = nil, values: [String] = []) {
            self.name = name
            self.valueName = valueName
            self.values = values
        }
    }

    package let name: CommandName
    package let arguments: [ArgumentSpec]
    package let flags: [FlagSpec]
    /// `status ORDER_ID`.
    package let usage: String
    package let summary: String
    package let example: String
    /// The message for a wrong number of arguments when the generic one (`usage: …`) says too
    /// little (`'new' takes a product: …`).
    let arityMessage: String?

    init(_ name: CommandName, _ arguments: [ArgumentSpec] = [], flags: [FlagSpec] = [], usage: String? = nil,
         summary: String, example: String? = nil, arityMessage: String? = nil) {
        self.name = name
        self.arguments = arguments
        self.flags = flags
        self.usage = usage ?? ([name.rawValue] + arguments.map(\.usageWord) + flags.map { "[--\($0.name)\($0.valueName.map { " " + $0 } ?? "")]" })
            .joined(separator: " ")
        self.summary = summary
        self.example = example ?? name.rawValue
        self.arityMessage = arityMessage
    }

    /// The fewest arguments the command takes.
    package var minimumArguments: Int {
        arguments.filter {
            switch $0.kind {
            case .one, .words(required: true): return true
            default: return false
            }
        }.count
    }

    /// The most arguments it takes (`Int.max` after a `words` argument).
    package var maximumArguments: Int {
        if case .words = arguments.last?.kind { return Int.max }
        return arguments.count
    }

    /// The commands whose output is data a user keeps (a payload, a snippet, a listing, a
    /// report): the ones that take `> FILE` and `>> FILE`. Commands that ask, send or change
    /// something (`send`, `approve`, `key`) do not: what they print is a conversation.
    package static let printingData: Set<CommandName> = [
        .show, .json, .explain, .export, .plan, .status, .requests, .expiring, .orders,
        .orgs, .containers, .fields, .recipes, .recipe, .help, .history,
    ]

    /// Whether the command takes `> FILE` (see ``printingData``).
    package var printsData: Bool { Self.printingData.contains(name) }

    /// The flag named `name` (without dashes).
    package func flag(_ name: String) -> FlagSpec? { flags.first { $0.name == name } }

    /// The spec of the command named `name` (lowercased), if it is one.
    package static func named(_ name: String) -> CommandSpec? {
        CommandName(rawValue: name).map(\.spec)
    }

    // MARK: - Checking a command

    /// A word of a command that does not fit its spec.
    package struct Problem: Hashable, Sendable {
        package var message: LanguageMessage
        /// The flag or argument at fault, or the command's name.
        package var range: SourceRange
    }

    /// The first word of `command` that does not fit: an unknown flag, a flag without its
    /// value, an extra or a missing argument; `nil` when it fits.
    package func problem(in command: CommandStatement) -> Problem? {
        for flag in command.flags {
            guard let known = self.flag(flag.name) else {
                guard !flags.isEmpty else {
                    return Problem(message: .flagNotTaken(name.rawValue, flag: flag.name), range: flag.range)
                }
                return Problem(message: .unknownFlag(name.rawValue, flag: flag.name, flags: flags.map { "--" + $0.name }),
                               range: flag.range)
            }
            if let valueName = known.valueName, flag.value == nil {
                return Problem(message: .flagValueMissing(name.rawValue, flag: flag.name, valueName: valueName), range: flag.range)
            }
        }
        if let redirection = command.redirection, !printsData {
            return Problem(message: .redirectionNotTaken(name.rawValue, commands: CommandName.allCases.filter(Self.printingData.contains).map(\.rawValue)),
                           range: redirection.operatorRange)
        }
        let count = command.arguments.count
        if count > maximumArguments {
            return Problem(message: .tooManyCommandArguments(name.rawValue, maximum: maximumArguments, usage: usage, arity: arityMessage),
                           range: command.arguments[maximumArguments].range)
        }
        if count < minimumArguments {
            return Problem(message: .missingCommandArguments(usage: usage, arity: arityMessage),
                           range: command.arguments.last?.range ?? command.nameRange)
        }
        return nil
    }

    /// `a, b and c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}

extension CommandSpec.ArgumentSpec {
    /// How usage lines write it: `ORDER_ID`, `[TOPIC]`, `["note"]`.
    var usageWord: String {
        switch kind {
        case .one, .words(required: true): return name
        case .optional, .words(required: false): return "[\(name)]"
        }
    }
}
