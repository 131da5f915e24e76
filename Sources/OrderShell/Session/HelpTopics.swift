import OrderLanguage

/// The text of `help` and `help TOPIC`: every command and statement, with an example.
public enum HelpTopics {
    public struct Topic: Sendable {
        public var name: String
        public var usage: String
        public var summary: String
        public var example: String
    }

    /// The commands' topics, from their ``CommandSpec``s, with the declarations a user types
    /// at the prompt (`let`, `use`, `include`) before `help`.
    public static let commands: [Topic] = {
        var topics = CommandSpec.table.map { Topic(name: $0.name.rawValue, usage: $0.usage, summary: $0.summary, example: $0.example) }
        let declarations = [
            Topic(name: "let", usage: "let NAME = VALUE", summary: "Bind a variable; $NAME reads it.", example: "let org = 123456"),
            Topic(name: "use", usage: "use NAME[(ARGS)]", summary: "Splice a recipe's statements here.", example: "use ev_token(\"Erin Guerra\", \"360 Taylor Street\", Richmond, va, \"69662\")"),
            Topic(name: "include", usage: "include \"FILE\"", summary: "Evaluate another script in place.", example: "include \"recipes/acme.order\""),
        ]
        topics.insert(contentsOf: declarations, at: topics.firstIndex { $0.name == CommandName.help.rawValue } ?? topics.endIndex)
        return topics
    }()

    public static let statements: [Topic] = [
        Topic(name: "order", usage: "order PRODUCT < ... >", summary: "An order; its block holds field statements.", example: "order ev < validity 1 >"),
        Topic(name: "certificate", usage: "certificate < ... >", summary: "certificate: holds hash, platform, unit, csr.", example: "certificate < hash sha256; platform 52 >"),
        Topic(name: "hash", usage: "hash sha256", summary: "certificate.signature_hash (required; sha256 only).", example: "hash sha256"),
        Topic(name: "platform", usage: "platform N | other", summary: "certificate.server_platform.id; other is -1.", example: "platform 52"),
        Topic(name: "unit", usage: "unit A, B", summary: "certificate.organization_units (appends; DigiCert may drop OU).", example: "unit Engineering"),
        Topic(name: "csr", usage: "csr \"PEM\" | csr @file", summary: "certificate.csr; required for email provisioning and platform 55.", example: "csr @request.csr"),
        Topic(name: "organization", usage: "organization N", summary: "organization.id (required).", example: "organization 123456"),
        Topic(name: "container", usage: "container N", summary: "container.id.", example: "container 654321"),
        Topic(name: "validity", usage: "validity N [years] | N days | until DATE", summary: "Exactly one validity form; certificates last at most 459 days.", example: "validity 1"),
        Topic(name: "order_validity", usage: "order_validity N years|days", summary: "order_validity.years or .days; one validity form, replacing the others.", example: "order_validity 90 days"),
        Topic(name: "custom_expiration_date", usage: "custom_expiration_date YYYY-MM-DD", summary: "custom_expiration_date, as validity until DATE; in the future, at most 459 days away.", example: "custom_expiration_date 2027-05-31"),
        Topic(name: "provisioning", usage: "provisioning ship_token|client_app|email", summary: "cs_provisioning_method.", example: "provisioning ship_token"),
        Topic(name: "ship", usage: "ship < name addr1 addr2 city state zip country method >", summary: "ship_info: where the token goes.", example: "ship < name \"Erin Guerra\"; city Richmond; country us; method standard >"),
        Topic(name: "name", usage: "name \"TEXT\"", summary: "ship_info.name, only inside ship (required): the recipient.", example: "ship < name \"Erin Guerra\" >"),
        Topic(name: "addr1", usage: "addr1 \"TEXT\"", summary: "ship_info.addr1, only inside ship (required): the street address.", example: "ship < addr1 \"360 Taylor Street\" >"),
        Topic(name: "addr2", usage: "addr2 \"TEXT\"", summary: "ship_info.addr2, only inside ship: a second address line.", example: "ship < addr2 \"Floor 74\" >"),
        Topic(name: "city", usage: "city TEXT", summary: "ship_info.city, only inside ship (required); quote a name with spaces.", example: "ship < city Richmond >"),
        Topic(name: "state", usage: "state TEXT", summary: "ship_info.state, only inside ship (required).", example: "ship < state va >"),
        Topic(name: "zip", usage: "zip \"CODE\"", summary: "ship_info.zip, only inside ship (required); a string, so zip 02134 keeps its leading zero.", example: "ship < zip \"69662\" >"),
        Topic(name: "country", usage: "country CODE", summary: "ship_info.country, only inside ship (required): an ISO 3166 two-letter code.", example: "ship < country us >"),
        Topic(name: "method", usage: "method standard|expedited", summary: "ship_info.method, only inside ship; expedited costs more.", example: "method standard"),
        Topic(name: "auto_renew", usage: "auto_renew N", summary: "auto_renew: how many times to renew automatically.", example: "auto_renew 1"),
        Topic(name: "renewal_of", usage: "renewal_of N", summary: "renewal_of_order_id.", example: "renewal_of 112233"),
        Topic(name: "renewal_message", usage: "renewal_message \"...\"", summary: "custom_renewal_message.", example: "renewal_message \"Renew this please.\""),
        Topic(name: "comments", usage: "comments \"...\"", summary: "comments for the approver.", example: "comments \"Message for the approver\""),
        Topic(name: "skip_approval", usage: "skip_approval [false]", summary: "skip_approval; bare means true.", example: "skip_approval"),
        Topic(name: "emails", usage: "emails a@x, b@y", summary: "additional_emails (appends).", example: "emails release@example.com"),
        Topic(name: "custom_field", usage: "custom_field ID \"value\"", summary: "custom_fields[] (appends).", example: "custom_field 12 \"123456\""),
        Topic(name: "payment", usage: "payment balance|card|profile", summary: "payment_method.", example: "payment balance"),
        Topic(name: "alternative_order_id", usage: "alternative_order_id \"...\"", summary: "Your own id for the order (certorder sets certorder-<uuid> when absent).", example: "alternative_order_id \"release-2027\""),
        Topic(name: "recipe", usage: "recipe NAME[(PARAMS)] < ... >", summary: "Define a reusable fragment or order; params may have defaults.", example: "recipe defaults < organization 123456; payment balance >"),
        Topic(name: "for", usage: "for X in [a, b] < ... > | for X in csv \"FILE\" < ... >", summary: "Repeat a block per item or CSV row ($X.column).", example: "for dev in csv \"developers.csv\" < use ev_token($dev.name) >"),
    ]

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
    /// (`signature_hash`) shows its statement's topic.
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
