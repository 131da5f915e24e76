import Foundation
import Testing
import CertOrder
@testable import OrderLanguage

@Suite struct ScriptFormatterTests {
    static let pairs = ["messy", "language"]

    static func fmtFile(_ name: String) throws -> String {
        try String(contentsOf: GoldenTests.folder.appendingPathComponent("fmt/\(name)"), encoding: .utf8)
    }

    /// Every script of the examples and the golden folder that parses.
    static var scripts: [(name: String, source: Source)] {
        var out: [(String, Source)] = []
        let examples = ["documented-ev.order", "documented-ev-one-line.order", "batch.order", "standard-csr.order", "recipes/acme.order", "run-commands.order"]
        for name in examples {
            if let s = try? Source.file(atPath: Repo.example(name), name: name) { out.append((name, s)) }
        }
        for name in GoldenTests.files {
            if let s = try? Source.file(atPath: GoldenTests.folder.appendingPathComponent(name).path, name: name) { out.append((name, s)) }
        }
        return out
    }

    @Test(arguments: pairs)
    func formatsToTheCanonicalForm(_ name: String) throws {
        let input = try Self.fmtFile("\(name).input.order")
        let expected = try Self.fmtFile("\(name).expected.order")
        #expect(ScriptFormatter.format(input) == expected)
        #expect(ScriptFormatter.format(expected) == expected, "the canonical form is a fixed point")
    }

    @Test func formattingIsIdempotentAndKeepsEveryComment() {
        var checked = 0
        for (name, source) in Self.scripts {
            guard let once = ScriptFormatter.format(source).text else { continue }
            let twice = ScriptFormatter.format(Source(name: name, text: once, url: source.url)).text
            #expect(twice == once, "fmt of \(name) is not a fixed point")
            let before = ScriptScanner.scan(source).comments.map(\.text)
            let after = ScriptScanner.scan(Source(name: name, text: once)).comments.map(\.text)
            #expect(before == after, "fmt of \(name) lost or reordered comments")
            checked += 1
        }
        #expect(checked >= 25)
    }

    @Test func formattingKeepsTheMeaning() async {
        var checked = 0
        for (name, source) in Self.scripts {
            let original = await Interpreter().evaluate(source, handler: RecordingHandler())
            guard !original.hasErrors, let text = ScriptFormatter.format(source).text else { continue }
            let formatted = await Interpreter().evaluate(Source(name: name, text: text, url: source.url), handler: RecordingHandler())
            #expect(formatted.diagnostics.map(\.message) == original.diagnostics.map(\.message))
            #expect(formatted.orders.map(compact) == original.orders.map(compact), "fmt changed the payloads of \(name)")
            checked += 1
        }
        #expect(checked >= 20)
    }

    @Test func aScriptWithSyntaxErrorsIsNotFormatted() {
        let result = ScriptFormatter.format(Source(name: "bad.order", text: "order cs <\n  organization 1 )\n"))
        #expect(result.text == nil)
        #expect(brief(result.diagnostics) == [
            "error: 1:10 the block of 'order' is not closed; add '>' to close it",
            "error: 2:18 unexpected ')' in 'organization'",
        ])
    }

    @Test func emptyAndCommentOnlyScripts() {
        #expect(ScriptFormatter.format("") == "")
        #expect(ScriptFormatter.format("\n\n# only\n\n\n# comments\n") == "# only\n\n# comments\n")
    }

    @Test func stringsAreWrittenBackSoTheyScanToTheSameValue() async throws {
        let text = #"order cs < comments "a\"b\\c\n\t\u{7}$x \${y} 😀" >"#
        let formatted = try #require(ScriptFormatter.format(text))
        #expect(formatted == "order cs <\n  comments \"a\\\"b\\\\c\\n\\t\\u{7}$x \\${y} 😀\"\n>\n")
        let a = await evaluate(text).orders.map(compact)
        let b = await evaluate(formatted).orders.map(compact)
        #expect(a == b)
        #expect(a == [#"{"certificate":{},"comments":"a\"b\\c\n\t\u0007$x ${y} 😀"}"#])
    }
}
