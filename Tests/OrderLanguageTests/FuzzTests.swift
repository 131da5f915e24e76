import Foundation
import Testing
import CertOrder
@testable import OrderLanguage
import TestSupport

/// Bad input never traps: random bytes and every truncation of every example go through the
/// scanner, the parser, the evaluator, the formatter and `isComplete`, and give diagnostics only.
@Suite struct FuzzTests {
    /// Runs every stage on a source and checks the diagnostics are well formed.
    static func exercise(_ source: Source) async {
        let scan = ScriptScanner.scan(source)
        #expect(scan.tokens.last?.kind == .end)
        let parsed = Parser.parse(source)
        let result = await Interpreter().evaluate(source, handler: RecordingHandler())
        _ = ScriptFormatter.format(source)
        _ = Interpreter.isComplete(source.text)
        for d in parsed.diagnostics + result.diagnostics {
            #expect(!d.message.isEmpty)
            if let r = d.range, r.source === source {
                #expect(r.start >= 0 && r.end <= source.bytes.count && r.start <= r.end)
                _ = DiagnosticRenderer().render(d)
            }
        }
        for order in result.orders { _ = order.validate(with: Validator(today: testToday)) }
    }

    @Test func randomBytesGiveDiagnosticsOnly() async {
        var rng = SeededGenerator(seed: 0xC0FFEE)
        let alphabet = Array("order cs ev < > ( ) [ ] ; , : = \" \"\"\" $x ${x} @f # \\ \n let use recipe for in csv include set new json 1 -2 2027-05-31 --f".utf8)
        for i in 0..<1500 {
            let length = Int.random(in: 0...160, using: &rng)
            var bytes: [UInt8] = []
            for _ in 0..<length {
                if i % 3 == 0 {
                    bytes.append(UInt8.random(in: 0...255, using: &rng))
                } else {
                    bytes.append(alphabet.randomElement(using: &rng)!)
                }
            }
            await Self.exercise(Source(name: "random-\(i).order", text: String(decoding: bytes, as: UTF8.self)))
        }
    }

    @Test func tokenSoupGivesDiagnosticsOnly() async {
        var rng = SeededGenerator(seed: 42)
        let tokens = ["order", "ev", "cs", "<", ">", "(", ")", "[", "]", ";", ",", ":", "=", "\"s\"", "\"\"\"\nx\n\"\"\"", "$v", "$r.c",
                      "@Golden", "#c\n", "\n", "let", "v", "recipe", "r", "use", "for", "in", "csv", "include", "set", "unset",
                      "new", "load", "json", "certificate", "ship", "hash", "sha256", "validity", "until", "2027-05-31", "days",
                      "1", "-1", "unit", "emails", "custom_field", "skip_approval", "--force", "method", "expedited"]
        for i in 0..<1500 {
            let count = Int.random(in: 0...40, using: &rng)
            let text = (0..<count).map { _ in tokens.randomElement(using: &rng)! }.joined(separator: " ")
            await Self.exercise(Source(name: "soup-\(i).order", text: text, url: Repo.examples.appendingPathComponent("soup.order")))
        }
    }

    @Test(arguments: ["documented-ev.order", "documented-ev-one-line.order", "batch.order", "standard-csr.order", "recipes/acme.order", "run-commands.order"])
    func everyTruncationOfAnExampleGivesDiagnosticsOnly(_ example: String) async throws {
        let path = Repo.example(example)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let url = URL(fileURLWithPath: path)
        for length in 0...bytes.count {
            await Self.exercise(Source(name: example, text: String(decoding: bytes[..<length], as: UTF8.self), url: url))
        }
    }

    @Test func everyTruncationOfTheCSVReads() throws {
        let bytes = Array(try Data(contentsOf: Repo.examples.appendingPathComponent("developers.csv")))
        for length in 0...bytes.count {
            let result = CSVReader.read(Array(bytes[..<length]))
            for problem in result.problems { #expect(problem.start <= problem.end && problem.end <= length) }
        }
    }

    @Test func randomCSVFilesGiveDiagnosticsOnly() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("certorder-csvfuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var rng = SeededGenerator(seed: 4180)
        let pieces = ["a", "b", ",", "\"", "\"\"", "\n", "\r\n", "\r", " ", "é", "x,y", "\u{FEFF}"]
        let script = Source(name: "csv.order", text: "for r in csv \"f.csv\" < order cs < comments \"${r.a}\"; organization $r.b > >",
                            url: folder.appendingPathComponent("csv.order"))
        for _ in 0..<300 {
            let count = Int.random(in: 0...30, using: &rng)
            let text = "a,b\n" + (0..<count).map { _ in pieces.randomElement(using: &rng)! }.joined()
            try text.write(to: folder.appendingPathComponent("f.csv"), atomically: true, encoding: .utf8)
            let result = await Interpreter().evaluate(script, handler: RecordingHandler())
            for d in result.diagnostics { #expect(!d.message.isEmpty) }
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() async {
        let deep = String(repeating: "certificate < ", count: 5000) + String(repeating: ">", count: 5000)
        let result = await evaluate(deep)
        #expect(result.diagnostics.contains { $0.message.contains("nest more than 64 deep") })
        let recursion = "recipe a < use b >\nrecipe b < use a >\nuse a\n"
        #expect(await brief(evaluate(recursion).diagnostics) == ["error: 2:16 recipe 'a' uses itself (a → b → a); a recipe cannot use itself"])
    }

    @Test func hugeNumbersAreErrorsNotOverflows() async {
        let result = await evaluate("order cs < organization 99999999999999999999999 >")
        #expect(brief(result.diagnostics) == ["error: 1:25 'organization' takes an integer organization id; got '99999999999999999999999'"])
    }
}
