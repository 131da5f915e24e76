import CertOrder
import OrderLanguage

/// The text of `help` and `help TOPIC`: every command and statement, with an example.
public enum HelpTopics {
    public struct Topic: Sendable {
        public var name: String
        public var usage: String
        public var summary: String
        public var example: String
    }

    public static let commands: [Topic] = [
        Topic(name: "new", usage: "new PRODUCT", summary: "Start an empty draft: code_signing (cs) or code_signing_ev (ev).", example: "new ev"),
        Topic(name: "set", usage: "set PATH VALUE", summary: "Set a field of the draft by payload path.", example: "set ship_info.city Richmond"),
        Topic(name: "unset", usage: "unset PATH", summary: "Remove a field from the draft.", example: "unset container"),
        Topic(name: "show", usage: "show", summary: "The draft as a tree, each diagnostic beside its field.", example: "show"),
        Topic(name: "json", usage: "json", summary: "The payload exactly as it would be sent (pretty).", example: "json"),
        Topic(name: "validate", usage: "validate", summary: "Every diagnostic, errors and warnings; exit 65 in a script when errors.", example: "validate"),
        Topic(name: "explain", usage: "explain FIELD", summary: "What the API reference says of a field: type, allowed values, rules.", example: "explain ship_info.method"),
        Topic(name: "export", usage: "export curl|python|go|node|swift|order", summary: "The draft as a runnable snippet; the key is read from $DIGICERT_API_KEY, never printed.", example: "export python"),
        Topic(name: "send", usage: "send [--force] [--yes] [--allow-duplicate]", summary: "Validate, confirm, record in the journal, send, and print the answer.", example: "send"),
        Topic(name: "status", usage: "status ORDER_ID", summary: "Order info from the API; refreshes the journal entry.", example: "status 112233"),
        Topic(name: "approve", usage: "approve REQUEST_ID", summary: "Approve a pending request.", example: "approve 113"),
        Topic(name: "reject", usage: "reject REQUEST_ID \"why\"", summary: "Reject a pending request with a note.", example: "reject 113 \"wrong team\""),
        Topic(name: "cancel", usage: "cancel ORDER_ID [\"note\"]", summary: "Cancel an order that is still pending, with an optional note.", example: "cancel 112233"),
        Topic(name: "orders", usage: "orders [STATE] [--json] | orders show N", summary: "The local journal of what was sent.", example: "orders show 3"),
        Topic(name: "reconcile", usage: "reconcile", summary: "Resolve sends whose outcome is unknown by looking them up by alternative order id.", example: "reconcile"),
        Topic(name: "endpoint", usage: "endpoint sandbox|us|eu|URL", summary: "Where send goes; sandbox (local) is the default.", example: "endpoint us"),
        Topic(name: "key", usage: "key", summary: "Enter the API key without echo (kept in memory only).", example: "key"),
        Topic(name: "orgs", usage: "orgs", summary: "The account's organizations and their validations.", example: "orgs"),
        Topic(name: "containers", usage: "containers", summary: "The account's containers.", example: "containers"),
        Topic(name: "fields", usage: "fields", summary: "The account's custom fields; required ones the draft lacks are errors before sending.", example: "fields"),
        Topic(name: "load", usage: "load FILE [PRODUCT]", summary: "Read a script or a JSON payload into the draft.", example: "load orders/ev.order"),
        Topic(name: "save", usage: "save FILE", summary: "Write the draft as an order script.", example: "save my-order.order"),
        Topic(name: "recipes", usage: "recipes", summary: "List the recipes defined so far.", example: "recipes"),
        Topic(name: "recipe", usage: "recipe NAME", summary: "Print a recipe with its signature.", example: "recipe ev_token"),
        Topic(name: "let", usage: "let NAME = VALUE", summary: "Bind a variable; $NAME reads it.", example: "let org = 123456"),
        Topic(name: "use", usage: "use NAME[(ARGS)]", summary: "Splice a recipe's statements here.", example: "use ev_token(\"Erin Guerra\", \"360 Taylor Street\", Richmond, va, \"69662\")"),
        Topic(name: "include", usage: "include \"FILE\"", summary: "Evaluate another script in place.", example: "include \"recipes/acme.order\""),
        Topic(name: "help", usage: "help [TOPIC]", summary: "This list, or one command or statement.", example: "help ship"),
        Topic(name: "history", usage: "history", summary: "The entries typed so far.", example: "history"),
        Topic(name: "quit", usage: "quit", summary: "Leave the shell (Ctrl-D on an empty line too).", example: "quit"),
        Topic(name: "exit", usage: "exit", summary: "Leave the shell, as quit does.", example: "exit"),
    ]

    /// The statements: `order`, every field statement of ``FieldCatalog`` in its order, then
    /// `recipe` and `for`.
    public static var statements: [Topic] {
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
    public static var overview: String {
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
        'help TOPIC' shows one command or statement with an example.
        """
    }

    /// `help TOPIC`, or `nil` for an unknown topic. A statement's API-name alias
    /// (`cs_provisioning_method`) shows its statement's topic.
    public static func topic(_ name: String) -> String? {
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
    public static var names: [String] { Array(Set((commands + statements).map(\.name))).sorted() }
}
