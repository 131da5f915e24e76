import CertOrder

/// The text of `help` and `help TOPIC`: every command and statement, with an example. In the
/// language module (not the shell) so that the shell's `help` and the language server's hover
/// read the same topics.
package enum HelpTopics {
    package struct Topic: Sendable {
        package var name: String
        package var usage: String
        package var summary: String
        package var example: String
    }

    /// The commands' topics, from their ``CommandSpec``s, with the declarations a user types
    /// at the prompt (`let`, `use`, `include`) before `help`.
    package static let commands: [Topic] = {
        var topics = CommandSpec.table.map { Topic(name: $0.name.rawValue, usage: $0.usage, summary: $0.summary, example: $0.example) }
        let declarations = [
            Topic(name: "let", usage: "let NAME = VALUE", summary: "Bind a variable; $NAME reads it.", example: "let org = 123456"),
            Topic(name: "use", usage: "use NAME[(ARGS)]", summary: "Splice a recipe's statements here.", example: "use ev_token(\"Erin Guerra\", \"360 Taylor Street\", Richmond, va, \"69662\")"),
            Topic(name: "include", usage: "include \"FILE\"", summary: "Evaluate another script in place.", example: "include \"recipes/acme.order\""),
        ]
        topics.insert(contentsOf: declarations, at: topics.firstIndex { $0.name == CommandName.help.rawValue } ?? topics.endIndex)
        return topics
    }()

    /// The statements: `order`, every field statement of ``FieldCatalog`` in its order, then
    /// `recipe` and `for`.
    package static var statements: [Topic] {
        [Topic(name: "order", usage: "order PRODUCT < ... >", summary: "An order; its block holds field statements.", example: "order ev < validity 1 >")]
            + FieldCatalog.fields.compactMap { field in
                field.statement.map { Topic(name: $0.name, usage: $0.usage, summary: $0.help, example: $0.example) }
            }
            + [
                Topic(name: "recipe", usage: "recipe NAME[(PARAMS)] < ... >", summary: "Define a reusable fragment or order; params may have defaults.", example: "recipe defaults < organization 123456; payment balance >"),
                Topic(name: "for", usage: "for X in [a, b] < ... > | for X in csv \"FILE\" < ... >", summary: "Repeat a block per item or CSV row ($X.column).", example: "for dev in csv \"developers.csv\" < use ev_token($dev.name) >"),
            ]
    }

    /// `help` without a topic.
    package static var overview: String {
        func table(_ topics: [Topic]) -> String {
            let width = topics.map(\.usage.count).max() ?? 0
            return topics.map { "  " + $0.usage.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.summary }
                .joined(separator: "\n")
        }
        return """
        Commands:
        \(table(commands))

        Statements (inside an order, or on the draft):
        \(table(statements))

        Keys: Tab completes, Up/Down walk the history, Ctrl-C cancels the line, Ctrl-D on an empty line leaves.
        Output: '> FILE' after a command that prints data writes it to FILE (0600), '>> FILE' adds to FILE: json > order.json
        'help TOPIC' shows one command or statement with an example.
        """
    }

    /// `help TOPIC`, or `nil` for an unknown topic. A statement's API-name alias
    /// (`cs_provisioning_method`) shows its statement's topic.
    package static func topic(_ name: String) -> String? {
        let key = name.lowercased()
        let matches = (commands + statements).filter { $0.name == key }
        guard matches.isEmpty else { return text(of: matches) }
        guard let statement = statement(aliased: key) else { return nil }
        return "\(key) is another name for '\(statement.name)'.\n" + text(of: [statement])
    }

    private static func text(of topics: [Topic]) -> String {
        topics.map { "\($0.usage)\n  \($0.summary)\n  example: \($0.example)" }.joined(separator: "\n\n")
    }

    /// The statement topic an alias stands for: the one that sets the same payload path.
    static func statement(aliased alias: String) -> Topic? {
        guard let path = Vocabulary.path(ofStatement: alias) else { return nil }
        return statements.first { Vocabulary.path(ofStatement: $0.name) == path }
    }

    /// Every topic name, for completion and did-you-mean.
    package static var names: [String] { Array(Set((commands + statements).map(\.name))).sorted() }
}
