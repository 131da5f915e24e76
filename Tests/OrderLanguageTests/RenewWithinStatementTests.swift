import Foundation
import Testing
import CertOrder
@testable import OrderLanguage

/// The order's statements that are no payload field (issue 15): `renew_within N days`, the
/// order's renewal window for `plan` and `apply`, and `name "…"`, the declared order's name
/// (its `alternative_order_id`). Each is one catalogue row (``Field/Role/statement``), from which
/// the parser, help, completion, the script exporter and `fmt` know it; payload exporters and
/// `set` do not.
@Suite struct RenewWithinStatementTests {
    /// A valid order with `extra` statements at its end.
    static func order(_ extra: String) -> String {
        "order cs <\n  certificate < hash sha256 >\n  organization 1\n  validity 1\n  \(extra)\n>\n"
    }

    /// The first line of each diagnostic as printed (`t.order:L:C: error: …`) with its ID.
    static func rendered(_ text: String) async -> [String] {
        let result = await Compiler().compile(Source(name: "t.order", text: text))
        return result.diagnostics.map { "\($0.id.rawValue) " + String(DiagnosticRenderer().render($0).prefix { $0 != "\n" }) }
    }

    // MARK: - renew_within

    @Test("renew_within N days sets the order's window and nothing of the payload")
    func window() async throws {
        let result = await evaluate(Self.order("renew_within 45 days"))
        #expect(result.diagnostics.isEmpty, "\(brief(result.diagnostics))")
        let order = try #require(result.orders.first)
        #expect(order.renewWithin == 45)
        let plain = try #require(await evaluate(Self.order("")).orders.first)
        #expect(plain.renewWithin == nil)
        #expect(compact(order) == compact(plain))
        #expect(!compact(order).contains("renew"))
        // Case-insensitive keyword and unit; `day` as `validity` takes it; the bounds.
        #expect(await evaluate(Self.order("RENEW_WITHIN 1 Day")).orders.first?.renewWithin == 1)
        #expect(await evaluate(Self.order("renew_within 459 days")).orders.first?.renewWithin == 459)
        // Set twice: the last, as any scalar.
        #expect(await evaluate(Self.order("renew_within 10 days\n  renew_within 20 days")).orders.first?.renewWithin == 20)
        // Through a variable and a recipe.
        let viaRecipe = await evaluate("let w = 14\nrecipe window < renew_within $w days >\n" + Self.order("use window"))
        #expect(viaRecipe.orders.first?.renewWithin == 14, "\(brief(viaRecipe.diagnostics))")
    }

    @Test("a bad window is an error at its value, with its ID")
    func diagnostics() async {
        #expect(await Self.rendered(Self.order("renew_within 0 days")) == [
            "lang.renew_within.days t.order:5:16: error: 'renew_within' takes a number of days from 1 to 459 (the longest a certificate lasts); got '0'",
        ])
        #expect(await Self.rendered(Self.order("renew_within thirty days")) == [
            "lang.renew_within.days t.order:5:16: error: 'renew_within' takes a number of days from 1 to 459 (the longest a certificate lasts); got 'thirty'",
        ])
        #expect(await Self.rendered(Self.order("renew_within -3 days")) == [
            "lang.renew_within.days t.order:5:16: error: 'renew_within' takes a number of days from 1 to 459 (the longest a certificate lasts); got '-3'",
        ])
        #expect(await Self.rendered(Self.order("renew_within 30")) == [
            "lang.renew_within.unit t.order:5:16: error: 'renew_within' counts days; write renew_within 30 days",
        ])
        #expect(await Self.rendered(Self.order("renew_within 30 dayz")) == [
            "lang.renew_within.unit t.order:5:19: error: 'renew_within' counts days; got 'dayz'. Did you mean 'days'?",
        ])
        #expect(await Self.rendered(Self.order("renew_within 30 days 2")) == [
            "lang.renew_within.extra t.order:5:24: error: 'renew_within' takes a number and its unit: renew_within 30 days",
        ])
        #expect(await Self.rendered(Self.order("renew_within")) == [
            "lang.field.value_missing t.order:5:3: error: 'renew_within' needs a value: renew_within 45 days",
        ])
        // An order's statement: not inside a block.
        #expect(await Self.rendered("order cs < certificate < renew_within 30 days > >").first?
            .hasPrefix("lang.statement.belongs_to_order t.order:1:26: error:") == true)
    }

    // MARK: - name

    @Test("name sets alternative_order_id; inside ship < > name is still the recipient")
    func name() async throws {
        let result = await evaluate(Self.order("name \"release-2026\""))
        #expect(result.diagnostics.isEmpty, "\(brief(result.diagnostics))")
        let order = try #require(result.orders.first)
        #expect(order.request.alternativeOrderID == "release-2026")
        #expect(order.request.shipInfo == nil)
        // A diagnostic about the value points at the name's value.
        #expect(order.range(for: "alternative_order_id", kind: .invalidValue).location.description == "5:8")

        let both = await evaluate("order ev <\n  name \"release\"\n  ship < name \"Erin Guerra\" >\n>\n")
        #expect(both.diagnostics.isEmpty, "\(brief(both.diagnostics))")
        #expect(both.orders.first?.request.alternativeOrderID == "release")
        #expect(both.orders.first?.request.shipInfo?.name == "Erin Guerra")

        // The same value twice, either way round: no error.
        let same = await evaluate(Self.order("name \"a\"\n  alternative_order_id \"a\""))
        #expect(same.diagnostics.isEmpty, "\(brief(same.diagnostics))")
        #expect(await evaluate(Self.order("alternative_order_id \"a\"\n  name \"a\"")).diagnostics.isEmpty)
        // name twice: the last, as any scalar.
        #expect(await evaluate(Self.order("name \"a\"\n  name \"b\"")).orders.first?.request.alternativeOrderID == "b")
    }

    @Test("name and alternative_order_id with different values: an error at the later one, naming the other's place")
    func conflict() async {
        #expect(await Self.rendered(Self.order("alternative_order_id \"a\"\n  name \"b\"")) == [
            "lang.declared_name.conflict t.order:6:8: error: the order's name 'b' and its alternative_order_id 'a' differ (the other is at 5:24); give one of them, or the same value",
        ])
        #expect(await Self.rendered(Self.order("name \"b\"\n  alternative_order_id \"a\"")) == [
            "lang.declared_name.conflict t.order:6:24: error: the order's name 'b' and its alternative_order_id 'a' differ (the other is at 5:8); give one of them, or the same value",
        ])
        #expect(await Self.rendered(Self.order("name \"nightly~r2\"")) == [
            "lang.declared_name.separator t.order:5:8: error: 'name' may not hold '~', which separates a name from its renewals' numbers (nightly~r2~r1)",
        ])
        let long = String(repeating: "n", count: 61)
        #expect(await Self.rendered(Self.order("name \"\(long)\"")) == [
            "lang.declared_name.length t.order:5:8: error: 'name' is at most 60 characters, so its renewals' ids fit in 64; got 61",
        ])
        #expect(await evaluate(Self.order("name \"\(String(repeating: "n", count: 60))\"")).diagnostics.isEmpty)
    }

    // MARK: - Derived from the rows

    @Test("the rows are statements, not payload fields: set, payload order and the payload's names do not know them")
    func rows() throws {
        let rows = FieldCatalog.fields.filter { $0.role == .statement }
        #expect(rows.compactMap(\.statement?.name) == ["name", "renew_within"])
        for row in rows {
            #expect(!FieldCatalog.payloadOrder.contains(row))
            #expect(!FieldCatalog.settablePaths.contains(row.path.template))
            #expect(row.statement?.block == .order)
        }
        var request = OrderRequest()
        #expect(throws: FieldPathError.self) { try request.set(path: "renew_within", value: "30") }
        // `set name X` is the ship's name, as before.
        #expect(FieldCatalog.field(named: "name")?.path == .shipName)
        #expect(FieldCatalog.statement(named: "name", in: .order)?.statement?.special == .declaredName)
        #expect(FieldCatalog.statement(named: "name", in: .ship)?.path == .shipName)
        let explained = try #require(FieldCatalog.statement(named: "renew_within")).explanation
        #expect(explained.hasPrefix("renew_within\n  statement: renew_within N days (not a payload field)\n  Days before"))
    }

    @Test("help lists them and explains each; completion offers them in an order and the unit after the number")
    func helpAndCompletion() {
        #expect(HelpTopics.overview.contains("renew_within N days"))
        #expect(HelpTopics.overview.contains("name \"NAME\""))
        #expect(HelpTopics.topic("renew_within") == """
            renew_within N days
              The order's renewal window for plan and apply: renew when the certificate expires within N days (1 to 459).
              example: renew_within 45 days
            """)
        // `help name`: the order's and the recipient's.
        let name = HelpTopics.topic("name") ?? ""
        #expect(name.hasPrefix("name \"TEXT\"\n  ship_info.name"), "\(name)")
        #expect(name.contains("name \"NAME\"\n  The declared order's name for plan and apply"), "\(name)")

        let completer = ScriptCompleter(directory: "/nonexistent")
        func complete(_ line: String) -> [String] { completer.complete(line: line, cursor: line.count).candidates }
        #expect(complete("order cs < renew") == ["renew_within", "renewal_message", "renewal_of", "renewal_of_order_id"])
        #expect(complete("order cs < na") == ["name"])
        #expect(complete("order cs < renew_within 30 ") == ["days"])
        #expect(complete("order cs < renew_within 30 d") == ["days"])
        #expect(complete("order cs < renew_within ").isEmpty)
        // Not a statement of the ship or the certificate.
        #expect(!complete("order ev < ship < ").contains("renew_within"))
        #expect(complete("order ev < certificate < ").allSatisfy { $0 != "renew_within" && $0 != "name" })
        // Nor a payload path after `set`.
        #expect(!complete("set re").contains("renew_within"))
    }

    @Test("export order keeps renew_within and compiles back to the same order; export swift leaves it out")
    func exporters() async throws {
        let original = try #require(await evaluate(Self.order("name \"release\"\n  renew_within 20 days")).orders.first)
        let script = ScriptExporter.script(for: original)
        #expect(script == """
            order code_signing <
              certificate <
                hash sha256
              >
              validity 1
              organization 1
              alternative_order_id "release"
              renew_within 20 days
            >

            """)
        let again = try #require(await evaluate(script).orders.first)
        #expect(again.request == original.request)
        #expect(again.renewWithin == 20)
        let swift = SwiftExporter.code(for: original)
        #expect(!swift.contains("renew"), "\(swift)")
        #expect(swift.contains("AlternativeOrderID(\"release\")"), "\(swift)")
    }

    @Test("fmt keeps both statements, in canonical form, and formats once")
    func fmt() async throws {
        let text = "order cs <certificate < hash sha256 >;organization 1;validity 1\n NAME   \"release\"\n  Renew_Within   30    Days\n>\n"
        let formatted = try #require(ScriptFormatter.format(text))
        #expect(formatted == """
            order cs <
              certificate <
                hash sha256
              >
              organization 1
              validity 1
              name "release"
              renew_within 30 Days
            >

            """)
        #expect(ScriptFormatter.format(formatted) == formatted)
        let before = try #require(await evaluate(text).orders.first)
        let after = try #require(await evaluate(formatted).orders.first)
        #expect(after == before || (after.request == before.request && after.renewWithin == before.renewWithin))
        #expect(after.renewWithin == 30)
    }
}
