import CertOrder
import Foundation
import Testing
@testable import OrderLanguage
@testable import OrderShell

/// The field catalogue is the one table the language, help, completion, the `show` tree and the
/// exporters are derived from: walking its rows proves each is parsed, completed, explained,
/// shown and exported, and a row added by a test alone is all of those with no other change.
@Suite("Field catalogue")
struct FieldCatalogTests {
    static func complete(_ line: String) -> [String] {
        Completer(directory: "/nonexistent").complete(line: line, cursor: line.count).candidates
    }

    /// Where a statement of `block` is written, as the start of a shell line.
    static func context(_ block: Field.Block) -> String {
        switch block {
        case .order: return "order ev < "
        case .certificate: return "order ev < certificate < "
        case .ship: return "order ev < ship < "
        case .contact: return "order ev < contact < "
        }
    }

    /// A statement that gives the field a value, as a script writes it.
    static func sample(_ field: Field, _ statement: Field.Statement) -> String {
        guard statement.special == nil else { return statement.example }
        switch field.kind {
        case .integer(let range, _): return "\(statement.name) \(range?.lowerBound ?? 7)"
        case .choice(let choices): return "\(statement.name) \(choices[0].value.lowercased())"
        case .string: return "\(statement.name) \"some text\""
        case .list: return "\(statement.name) a, b"
        case .flag: return statement.name
        case .date: return "\(statement.name) 2027-05-31"
        case .object: return statement.example
        }
    }

    static func evaluate(_ text: String) async -> EvaluationResult {
        await Interpreter().evaluate(Source(name: "catalogue", text: text))
    }

    @Test("every row is parsed, completed, explained, shown and exported")
    func everyRow() async throws {
        // The payload's rows; the order's non-payload statements (`renew_within`, `name`) are
        // walked in RenewWithinStatementTests.
        for field in FieldCatalog.fields where field.role == .payload {
            let path = field.path.template
            // Explained: `explain PATH`.
            #expect(FieldCatalog.field(named: path)?.explanation.hasPrefix(path + "\n") == true, "explain \(path)")
            guard let statement = field.statement else { continue }

            // Parsed: every name resolves to the row.
            for name in statement.names {
                #expect(FieldStatements.field(named: name)?.path == field.path, "\(name)")
            }
            // Explained: `help NAME`, `help ALIAS`, `explain NAME`.
            // (`help name` shows the order's `name` and the one inside `ship < >`.)
            #expect(HelpTopics.topic(statement.name)?.contains("\(statement.usage)\n  \(statement.help)\n  example: \(statement.example)") == true)
            for alias in statement.aliases {
                #expect(HelpTopics.topic(alias)?.hasPrefix("\(alias) is another name for '\(statement.name)'.\n") == true, "help \(alias)")
            }
            #expect(FieldCatalog.field(named: statement.name)?.explanation.hasPrefix(field.path.topKey) == true, "explain \(statement.name)")

            // Completed: the name where its block is open, and its values after it.
            let context = Self.context(statement.block)
            for name in statement.names {
                #expect(Self.complete(context + name).contains(name), "\(context)\(name)")
            }
            if statement.special == nil {
                #expect(Self.complete(context + statement.name + " ") == Vocabulary.values(forStatement: statement.name),
                        "\(context)\(statement.name) ")
            }

            // Evaluated: the statement in its block gives the order a value there.
            var text = Self.sample(field, statement)
            if statement.block != .order, !text.hasPrefix(statement.block.rawValue) { text = "\(statement.block.rawValue) < \(text) >" }
            let result = await Self.evaluate("order ev <\n  \(text)\n>\n")
            #expect(!result.hasErrors, "\(text): \(result.diagnostics.map(\.message))")
            let order = try #require(result.orders.first, "\(text)")
            let top = FieldPath(field.path.topKey)
            #expect(order.request != OrderRequest(), "\(text) set nothing")
            if statement.special == nil {
                #expect(field.access.get(order.request, []) != nil, "\(text) did not set \(path)")
            }

            // Shown: the tree has a line for the field (or, for a validity form, its object).
            let nodes = DraftRenderer.nodes(of: order.request)
            #expect(nodes.contains { FieldPath($0.path) == field.path || FieldPath($0.path).topKey == top.template }, "show \(text)")

            // Exported: the script compiles back to the same payload; the Swift uses the
            // statement's component.
            let script = ScriptExporter.script(for: order)
            let again = await Self.evaluate(script)
            #expect(again.orders.first?.request == order.request, "\(script)")
            if let component = statement.component {
                #expect(SwiftExporter.code(for: order).contains(component + "("), "\(component)")
            }
        }
    }

    @Test("inside certificate < > and ship < > completion offers only that block's statements")
    func blockAwareCompletion() {
        #expect(Self.complete("order ev < certificate < ") == Vocabulary.statements(in: .certificate))
        #expect(Self.complete("order ev < certificate < hash sha256; ") == Vocabulary.statements(in: .certificate))
        #expect(Self.complete("order ev < ship < name \"A < B\"; ") == Vocabulary.statements(in: .ship))
        #expect(Self.complete("order ev < certificate < s") == ["server_platform", "signature_hash"])
        // After the block closes, the order's statements again.
        #expect(Self.complete("order ev < certificate < hash sha256 >; vali") == ["validity", "validity_years"])
        #expect(Self.complete("order ev < ship < method standard >; p").contains("provisioning"))
        // Over several lines, the earlier lines open the block.
        let completer = Completer(directory: "/nonexistent")
        #expect(completer.complete(pending: ["order ev <", "  certificate <"], line: "    s", cursor: 5).candidates
                == ["server_platform", "signature_hash"])
        #expect(completer.complete(pending: ["order ev <", "  ship <"], line: "    c", cursor: 5).candidates == ["city", "country"])
    }

    // MARK: - A field added by a test

    /// A field the model does not have, kept in an existing member: custom field 4242.
    static let ticket = Field(
        "ticket", .string(.quoted), .text(\.ticket),
        statement: .init("ticket", aliases: ["ticket_id"], usage: "ticket \"ID\"", help: "A ticket id, kept as custom field 4242.",
                         example: "ticket \"T-1\""),
        swift: "ticket",
        summary: "The change ticket the order belongs to (a field added by a test).")

    @Test("a field registered by a test alone is parsed, completed, explained, shown and exported")
    func aRegisteredField() async throws {
        try await FieldCatalog.withFields([Self.ticket]) {
            // Parsed and evaluated.
            let result = await Self.evaluate("order ev <\n  organization 1\n  ticket \"T-1\"\n>\n")
            #expect(!result.hasErrors, "\(result.diagnostics.map(\.message))")
            let order = try #require(result.orders.first)
            #expect(order.request.ticket == "T-1")
            #expect(order.request.customFields == [.init(metadataID: 4242, value: "T-1")])
            let misplaced = await Self.evaluate("order ev < ticket \"T-1\" certificate >\n")
            #expect(misplaced.diagnostics.map(\.message) == ["'ticket' takes one value; got 2; put each statement on its own line or separate them with ';'"])

            // `set` and `unset` by path, statement or alias.
            var request = OrderRequest()
            try request.set(path: "ticket_id", value: "T-2")
            #expect(request.value(at: "ticket") == "T-2")
            try request.unset(path: "ticket")
            #expect(request.ticket == nil)

            // Completed where the order's statements are, not inside a block.
            #expect(Self.complete("order ev < tic") == ["ticket", "ticket_id"])
            #expect(Self.complete("order ev < certificate < tic") == [])
            #expect(Self.complete("explain tic") == ["ticket", "ticket_id"])

            // Explained.
            #expect(HelpTopics.topic("ticket") == "ticket \"ID\"\n  A ticket id, kept as custom field 4242.\n  example: ticket \"T-1\"")
            #expect(HelpTopics.topic("ticket_id")?.hasPrefix("ticket_id is another name for 'ticket'.\n") == true)
            #expect(HelpTopics.overview.contains("  ticket \"ID\""))
            #expect(FieldCatalog.field(named: "ticket_id")?.explanation == """
                ticket
                  statement: ticket (also: ticket_id)
                  type: string
                  optional
                  The change ticket the order belongs to (a field added by a test).
                """)

            // Shown.
            let tree = DraftRenderer().render(product: order.product, request: order.request, diagnostics: [])
            #expect(tree.hasSuffix("\n└─ ticket: T-1"), "\(tree)")

            // Exported.
            #expect(ScriptExporter.script(for: order).contains("\n  ticket \"T-1\"\n"))
            #expect(SwiftExporter.code(for: order).hasSuffix("\norder.request.ticket = \"T-1\"\n"))
        }
        // Outside the scope the field is unknown again.
        let outside = await Self.evaluate("order ev < ticket \"T-1\" >\n")
        #expect(outside.diagnostics.first?.message.hasPrefix("unknown statement 'ticket'") == true)
        #expect(HelpTopics.topic("ticket") == nil)
    }
}

extension OrderRequest {
    /// The test field's storage: the value of custom field 4242.
    var ticket: String? {
        get { customFields?.first { $0.metadataID == 4242 }?.value }
        set {
            var fields = (customFields ?? []).filter { $0.metadataID != 4242 }
            if let newValue { fields.append(CustomFieldValue(metadataID: 4242, value: newValue)) }
            customFields = fields.isEmpty ? nil : fields
        }
    }
}
