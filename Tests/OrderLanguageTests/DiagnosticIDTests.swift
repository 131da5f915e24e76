import Foundation
import Testing
import CertOrder
import TestSupport
@testable import OrderLanguage

/// Diagnostics have identities (issue 11, item 8): every kind has a stable ID, its wording lives
/// in one place (``LanguageMessage``, ``ValidationMessage``) and is pinned here, one golden line
/// per kind, and notes carry their own place.
@Suite struct DiagnosticIDTests {
    static let allIDs: [DiagnosticID] = LanguageMessageID.allCases.map(\.id) + ValidationMessageID.allCases.map(\.id)

    @Test("every ID is unique across the modules and spelled module.area.kind")
    func idsAreUniqueAndWellFormed() {
        #expect(Set(Self.allIDs).count == Self.allIDs.count)
        let shape = /^(lang|order)(\.[a-z0-9_]+)+$/
        for id in Self.allIDs {
            #expect(id.rawValue.wholeMatch(of: shape) != nil, "\(id)")
        }
        #expect(LanguageMessageID.allCases.allSatisfy { $0.rawValue.hasPrefix("lang.") })
        #expect(ValidationMessageID.allCases.allSatisfy { $0.rawValue.hasPrefix("order.") })
    }

    @Test("every kind has exactly one golden sample, or says where it is pinned")
    func everyKindHasAGoldenSample() {
        let sampled = DiagnosticSample.all.map(\.id)
        #expect(Set(sampled).count == sampled.count, "a kind with two samples")
        let pinned = Set(DiagnosticSample.pinnedElsewhere.keys)
        #expect(pinned.isDisjoint(with: sampled))
        let missing = Self.allIDs.filter { !sampled.contains($0) && !pinned.contains($0) }
        #expect(missing.isEmpty, "kinds without a sample: \(missing)")
    }

    /// The golden test of each message's wording and place: the location line as printed.
    @Test(arguments: DiagnosticSample.all)
    func golden(_ sample: DiagnosticSample) async throws {
        let diagnostics = try await sample.run()
        let found = diagnostics.first { $0.id == sample.id }
        let line = found.map { String(DiagnosticRenderer().render($0).prefix { $0 != "\n" }) }
        if ProcessInfo.processInfo.environment["DIAGNOSTIC_SHOW"] != nil {
            print("=== \(sample.id) → \(line ?? "nothing; got \(diagnostics.map { "\($0.id) \($0)" })")")
        }
        #expect(line == sample.expected, "\(diagnostics.map(\.description))")
    }

    // MARK: - IDs and ranges, one stage at a time

    /// The range of the first diagnostic as `line:column-line:column`.
    static func span(_ d: LanguageDiagnostic?) -> String? {
        guard let r = d?.range else { return nil }
        return "\(r.location.line):\(r.location.column)-\(r.endLocation.line):\(r.endLocation.column)"
    }

    @Test("the scanner: an unterminated string is lang.string.unterminated at its opening quote")
    func scanner() async {
        let result = await evaluate("order cs <\n  comments \"open\n>")
        #expect(result.diagnostics.map(\.code) == ["lang.string.unterminated"])
        #expect(Self.span(result.diagnostics.first) == "2:12-2:13")
    }

    @Test("the parser: an unclosed block is lang.block.unclosed at its '<'")
    func parser() async {
        let result = await evaluate("order cs <\n  organization 1\n")
        #expect(result.diagnostics.map(\.id) == [LanguageMessageID.unclosedBlock.id])
        #expect(Self.span(result.diagnostics.first) == "1:10-1:11")
    }

    @Test("the evaluator: an unknown statement is lang.statement.unknown at its keyword")
    func evaluator() async {
        let result = await evaluate("order cs <\n  organisation 1\n>")
        #expect(result.diagnostics.map(\.code) == ["lang.statement.unknown"])
        #expect(Self.span(result.diagnostics.first) == "2:3-2:15")
        #expect(result.diagnostics.first?.path == nil)
    }

    @Test("the commands: an unknown flag is lang.command.flag_unknown at the flag")
    func commands() async {
        let result = await evaluate("new cs\norders --frobnicate", handler: RecordingHandler())
        #expect(result.diagnostics.map(\.code) == ["lang.command.flag_unknown"])
        #expect(Self.span(result.diagnostics.first) == "2:8-2:20")
    }

    @Test("the validator: validity 4 is order.validity.range at the value, with its path and kind")
    func validator() async {
        let compilation = await Compiler(validator: Validator(today: testToday))
            .compile(Source(name: "t.order", text: "order cs <\n  certificate < hash sha256 >\n  organization 1\n  validity 4\n>"))
        let d = compilation.diagnostics.first
        #expect(compilation.diagnostics.map(\.code) == ["order.validity.range"])
        #expect(Self.span(d) == "4:12-4:13")
        #expect(d?.path == "validity_years")
        #expect(d?.kind == .invalidValue)
        // The validator's own finding carries the same ID.
        let plain = Validator(today: testToday).validate(compilation.orders[0].request, product: .codeSigning)
        #expect(plain.map(\.id) == [ValidationMessageID.validityYearsRange.id])
    }

    @Test("the compiler: more than 100 validator diagnostics end with lang.limit.more_diagnostics, without a place")
    func compiler() async {
        let compilation = await Compiler(validator: Validator(today: testToday))
            .compile(Source(name: "t.order", text: String(repeating: "order cs < >\n", count: 40)))
        #expect(compilation.diagnostics.count == 101)
        #expect(compilation.diagnostics.last?.code == "lang.limit.more_diagnostics")
        #expect(compilation.diagnostics.last?.range == nil)
        #expect(compilation.diagnostics.last?.message == "20 more diagnostics not shown")
    }

    @Test("a rewording keeps the ID: the ID is the raw value, not the text")
    func theIDIsStable() {
        #expect(LanguageDiagnostic(.unclosedList, at: nil).code == "lang.list.unclosed")
        #expect(Diagnostic(.signatureHashMissing, at: .signatureHash).id.rawValue == "order.hash.missing")
        #expect(LanguageDiagnostic.error("worded here", at: nil).id == LanguageMessageID.other.id)
        #expect(Diagnostic(.error, .missing, path: "x", "worded here").id == ValidationMessageID.other.id)
    }

    @Test("the JSON form carries the ID, the place, the path and the notes with their places")
    func jsonForm() async throws {
        let text = "for z in [\"\"] <\n  order cs < certificate < hash sha256 >; organization 1; validity 4 >\n>\n"
        let compilation = await Compiler(validator: Validator(today: testToday)).compile(Source(name: "t.order", text: text))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(compilation.diagnostics), as: UTF8.self)
        #expect(json == #"[{"column":68,"end_column":69,"end_line":2,"file":"t.order","id":"order.validity.range","line":2,"#
                    + #""message":"validity_years must be 1, 2 or 3; got 4","notes":[{"message":"in iteration 1 of the loop (z = )"}],"#
                    + #""path":"validity_years","severity":"error"}]"#)
        let located = LanguageDiagnostic(.unclosedList, at: nil, notes: [LanguageNote("in recipe 'r' used here", at: compilation.orders[0].orderRange)])
        let noted = String(decoding: try encoder.encode(located), as: UTF8.self)
        #expect(noted == #"{"id":"lang.list.unclosed","message":"the list is not closed; add ']'","#
                     + #""notes":[{"column":3,"file":"t.order","line":2,"message":"in recipe 'r' used here"}],"severity":"error"}"#)
    }

    // MARK: - Notes with their own place

    @Test("notes point at the recipe's use, the CSV row and the include, each drawn with its line and caret")
    func notesCarryTheirPlace() async throws {
        let folder = try TemporaryDirectory(prefix: "certorder-notes")
        defer { folder.remove() }
        try folder.url.writeFile("rows.csv", "id\n7\nx\n")
        try folder.url.writeFile("lib/r.order", "recipe r(id) <\n  order cs < organization $id >\n>\n")
        let text = "include \"lib/r.order\"\nfor row in csv \"rows.csv\" <\n  use r($row.id)\n>\n"
        let result = await Interpreter().evaluate(Source(name: "main.order", text: text, url: folder.url.appendingPathComponent("main.order")))
        let d = try #require(result.diagnostics.first)
        #expect(d.code == "lang.field.integer")
        #expect(d.notes.map(\.description) == [
            "main.order:3:7: note: in recipe 'r' used here",
            "rows.csv:3:1: note: in row 2 of rows.csv",
        ])
        #expect(DiagnosticRenderer().render(d) == """
            lib/r.order:2:27: error: 'organization' takes an integer organization id; got 'x'
              order cs < organization $id >
                                      ^^^
            main.order:3:7: note: in recipe 'r' used here
              use r($row.id)
                  ^
            rows.csv:3:1: note: in row 2 of rows.csv
            x
            ^

            """)
    }

    @Test("an error in an included file has a note at the include")
    func includedFileNote() async throws {
        let folder = try TemporaryDirectory(prefix: "certorder-notes")
        defer { folder.remove() }
        try folder.url.writeFile("bad.order", "order cs < organization x >\n")
        try folder.url.writeFile("broken.order", "order cs <\n")
        for (name, code, line) in [("bad.order", "lang.field.integer", "bad.order:1:25: error"),
                                   ("broken.order", "lang.block.unclosed", "broken.order:1:10: error")] {
            let text = "# main\ninclude \"\(name)\"\n"
            let result = await Interpreter().evaluate(Source(name: "main.order", text: text, url: folder.url.appendingPathComponent("main.order")))
            let d = try #require(result.diagnostics.first)
            #expect(d.code == code)
            #expect(DiagnosticRenderer().render(d).hasPrefix(line))
            #expect(d.notes.map(\.description) == ["main.order:2:1: note: in '\(name)' included here"])
        }
    }

    @Test("a note without a place renders as before: one note line")
    func notesWithoutAPlace() {
        let source = Source(name: "a.order", text: "validity 4\n")
        var d = LanguageDiagnostic(.unclosedList, at: SourceRange(source: source, start: 9, end: 10))
        d.notes = [LanguageNote("and 2 more times in other iterations or uses")]
        #expect(DiagnosticRenderer().render(d) == """
            a.order:1:10: error: the list is not closed; add ']'
            validity 4
                     ^
            note: and 2 more times in other iterations or uses

            """)
    }

    @Test("the batch label keeps its one-line note")
    func batchLabelNotes() async throws {
        let folder = try TemporaryDirectory(prefix: "certorder-notes")
        defer { folder.remove() }
        try folder.url.writeFile("rows.csv", "id\n7\n")
        try folder.url.writeFile("o.order", "for row in csv \"rows.csv\" < order cs < organization $row.id > >\n")
        let result = await Interpreter().evaluate(Source(name: "main.order", text: "include \"o.order\"\n",
                                                         url: folder.url.appendingPathComponent("main.order")))
        #expect(result.orders.first?.notes == ["in row 1 of rows.csv (line 2)"])
    }

    // MARK: - Kinds pinned here rather than by a sample script

    @Test("a second evaluation during the first is lang.interpreter.busy")
    func interpreterBusy() async {
        final class Reenter: CommandHandler, @unchecked Sendable {
            var inner: EvaluationResult?
            func handle(_ command: EvaluatedCommand, context: CommandContext) async throws(CommandError) {
                inner = await context.interpreter.evaluate(Source(name: "inner", text: "new cs"))
            }
        }
        let handler = Reenter()
        _ = await evaluate("json", handler: handler)
        let d = handler.inner?.diagnostics.first
        #expect(d?.code == "lang.interpreter.busy")
        #expect(d.map { DiagnosticRenderer().render($0) } == "error: the interpreter is already running a script; evaluate one at a time\n")
    }

    @Test("messages other modules place: a payload's syntax error, the account's custom field, a secret, an unrecorded send")
    func locatedMessagesOfOtherModules() async throws {
        let json = Source(name: "p.json", text: "{\"validity_years\": 1,}")
        let syntax = LanguageDiagnostic(.payloadSyntax("expected a key"), at: SourceRange(source: json, start: 21, end: 22))
        #expect(syntax.code == "lang.payload.syntax")
        #expect(DiagnosticRenderer().render(syntax).hasPrefix("p.json:1:22: error: expected a key\n"))

        let compilation = await Compiler(validator: Validator(today: testToday))
            .compile(Source(name: "t.order", text: DiagnosticSample.cs + " >"))
        let order = try #require(compilation.orders.first)
        let cases: [(Diagnostic, String)] = [
            (Diagnostic(.customFieldRequired(12, label: "Cost centre"), path: "custom_fields"),
             "t.order:1:1: error: the account requires custom field 12 (Cost centre); add 'custom_field 12 \"…\"'"),
            (Diagnostic(.secretInField(path: "comments"), path: "comments"),
             "t.order:1:1: error: comments holds the API key; an order's fields are stored in the journal and sent to CertCentral: remove the key from it"),
            (Diagnostic(.sendUnrecorded("disk full"), path: ""),
             "t.order:1:1: error: the journal could not record the send, so nothing was sent: disk full"),
        ]
        for (diagnostic, expected) in cases {
            let located = order.locate(diagnostic)
            #expect(located.id == diagnostic.id)
            #expect(located.code.hasPrefix("order."))
            #expect(DiagnosticRenderer().render(located).prefix { $0 != "\n" } == expected)
        }
    }
}
