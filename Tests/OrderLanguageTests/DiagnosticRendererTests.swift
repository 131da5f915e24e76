import Foundation
import Testing
import CertOrder
@testable import OrderLanguage

@Suite struct DiagnosticRendererTests {
    let source = Source(name: "orders/ev.order", text: "order ev <\n    validity 4\n\tcomments \"a\" \"b\"\n  ship < method fast >\n>\n")

    func range(_ line: Int, _ column: Int, _ length: Int) -> SourceRange {
        let start = source.lineStarts[line - 1] + column - 1
        return SourceRange(source: source, start: start, end: start + length)
    }

    @Test func rendersFileLineColumnSourceLineAndCaret() {
        let d = LanguageDiagnostic(.error, "validity_years must be 1, 2 or 3; got 4", at: range(2, 14, 1))
        #expect(DiagnosticRenderer().render(d) == """
            orders/ev.order:2:14: error: validity_years must be 1, 2 or 3; got 4
                validity 4
                         ^

            """)
    }

    @Test func severalCaretsForARangeAndTabsKept() {
        let d = LanguageDiagnostic(.warning, "two values", at: range(3, 11, 7))
        #expect(DiagnosticRenderer().render(d) == "orders/ev.order:3:11: warning: two values\n\tcomments \"a\" \"b\"\n\t         ^^^^^^^\n")
    }

    @Test func aRangeOverSeveralLinesIsMarkedToTheEndOfItsFirstLine() {
        let start = source.lineStarts[3] + 2
        let d = LanguageDiagnostic(.error, "the ship", at: SourceRange(source: source, start: start, end: source.bytes.count))
        #expect(DiagnosticRenderer().render(d) == "orders/ev.order:4:3: error: the ship\n  ship < method fast >\n  ^^^^^^^^^^^^^^^^^^^^\n")
    }

    @Test func notesFollowTheCaret() {
        var d = LanguageDiagnostic(.error, "'method' must be standard or expedited; got 'fast'", at: range(4, 17, 4))
        d.notes = [LanguageNote("in row 2 of developers.csv (line 3)")]
        #expect(DiagnosticRenderer().render(d) == """
            orders/ev.order:4:17: error: 'method' must be standard or expedited; got 'fast'
              ship < method fast >
                            ^^^^
            note: in row 2 of developers.csv (line 3)

            """)
    }

    @Test func aDiagnosticWithoutAPlace() {
        let d = LanguageDiagnostic.error("cannot read 'x.order': no such file", at: nil)
        #expect(DiagnosticRenderer().render(d) == "error: cannot read 'x.order': no such file\n")
    }

    @Test func colourOnlyWhenAsked() {
        let d = LanguageDiagnostic(.error, "bad", at: range(2, 5, 8))
        #expect(DiagnosticRenderer(colour: true).render(d)
            == "\u{1B}[1morders/ev.order:2:5:\u{1B}[0m \u{1B}[1;31merror:\u{1B}[0m \u{1B}[1mbad\u{1B}[0m\n    validity 4\n    \u{1B}[1;32m^^^^^^^^\u{1B}[0m\n")
        #expect(!DiagnosticRenderer().render(d).contains("\u{1B}"))
        #expect(DiagnosticRenderer.shouldUseColour(isTerminal: true, environment: [:]))
        #expect(!DiagnosticRenderer.shouldUseColour(isTerminal: false, environment: [:]))
        #expect(!DiagnosticRenderer.shouldUseColour(isTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(DiagnosticRenderer.shouldUseColour(isTerminal: true, environment: ["NO_COLOR": ""]))
        #expect(!DiagnosticRenderer.shouldUseColour(isTerminal: true, environment: ["TERM": "dumb"]))
    }

    @Test func columnsCountCharactersNotBytes() async {
        let s = Source(name: "u.order", text: "order cs < comments \"😀é\" two words >\n")
        let result = await Interpreter().evaluate(s)
        let text = DiagnosticRenderer().render(result.diagnostics)
        #expect(text == """
            u.order:1:26: error: 'comments' takes one value; got 3; quote a value with spaces: comments "😀é two words"
            order cs < comments "😀é" two words >
                                     ^^^^^^^^^

            """)
    }

    @Test func compilerDiagnosticsEndToEnd() async throws {
        let text = "order ev <\n  certificate < hash sha256 >\n  organization 1\n  validity 4\n  ship < method expedited >\n>\n"
        let compilation = await Compiler(validator: Validator(today: testToday)).compile(Source(name: "orders/ev.order", text: text))
        // One error per missing shipping field, each under the ship block's keyword.
        let missingShipFields = ["name", "addr1", "city", "state", "zip", "country"].map { key in
            """
            orders/ev.order:5:3: error: ship_info.\(key) is required when shipping a token; add '\(key) ...' to the ship block
              ship < method expedited >
              ^^^^
            """
        }.joined(separator: "\n")
        #expect(DiagnosticRenderer().render(compilation.diagnostics) == """
            orders/ev.order:1:1: warning: no provisioning method: the account's default is used; add 'provisioning ship_token', 'client_app' or 'email'
            order ev <
            ^^^^^
            orders/ev.order:4:12: error: validity_years must be 1, 2 or 3; got 4
              validity 4
                       ^
            \(missingShipFields)
            orders/ev.order:5:17: warning: EXPEDITED shipping incurs an added cost; use STANDARD unless the token is urgent
              ship < method expedited >
                            ^^^^^^^^^
            orders/ev.order:5:3: warning: ship_info is used only when cs_provisioning_method is ship_token; add 'provisioning ship_token' or remove the ship block
              ship < method expedited >
              ^^^^

            """)
        #expect(DiagnosticRenderer.summary(compilation.diagnostics) == "7 errors and 3 warnings")
        #expect(compilation.json() == nil)
    }
}

/// The one de-duplication of diagnostics, which the evaluator and the compiler's validation
/// both use.
@Suite struct DiagnosticRepeatsTests {
    @Test func theSameFindingAtTheSamePlaceIsKeptOnceAndCounted() {
        let source = Source(name: "a.order", text: "validity 4\nvalidity 5\n")
        let first = SourceRange(source: source, start: 9, end: 10)
        let other = SourceRange(source: source, start: 20, end: 21)
        var repeats = DiagnosticRepeats()
        let kept = [
            repeats.add(.error("bad", at: first)),
            repeats.add(LanguageDiagnostic(.error, "bad", at: first, notes: [LanguageNote("in recipe 'r'")])),
            repeats.add(.error("bad", at: first)),
            repeats.add(.warning("bad", at: first)),  // another severity is another finding
            repeats.add(.error("bad", at: other)),    // another place too
            repeats.add(.error("worse", at: first)),
            repeats.add(.error("bad", at: nil)),
            repeats.add(.error("bad", at: nil)),
        ]
        #expect(kept == [true, false, false, true, true, true, true, false])
        let result = repeats.result { "and \($0) more" }
        #expect(result.map(\.message) == ["bad", "bad", "bad", "worse", "bad"])
        #expect(result.map { $0.notes.map(\.message) } == [["and 2 more"], [], [], [], ["and 1 more"]])
    }
}
