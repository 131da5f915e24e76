import Foundation
import Testing
import CertOrder
@testable import OrderLanguage

/// Inputs found by the fuzzer (`scripts/fuzz`, Docs/Fuzzing.md), replayed through what the fuzz
/// target (`Fuzz/CertOrderFuzz/Harness.swift`) runs: `PayloadReader` on the bytes; the scanner,
/// the parser, `fmt`, the evaluator (with a command handler), the validator and the exporters on
/// the text. Each must give diagnostics and never trap.
///
/// An input that is text goes in `Golden/fuzz/` as a file (any name; every file there is run);
/// one that is not goes here as a literal. Relative paths in them resolve in a copy of what the
/// fuzzer's scripts see: `Examples/` with the golden tests' `data/` and `include/`.
@Suite struct FuzzRegressionTests {
    static let folder: URL = {
        guard let golden = Bundle.module.url(forResource: "Golden", withExtension: nil) else {
            fatalError("the Golden folder is missing from the test bundle")
        }
        return golden.appendingPathComponent("fuzz", isDirectory: true)
    }()

    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
    }()

    /// The folder the fuzz target's scripts live in, rebuilt as `scripts/fuzz` builds it (removed
    /// when the test process exits).
    static let scriptFolder: URL = {
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("certorder-fuzz-regression-\(UUID().uuidString)", isDirectory: true)
        try? fm.createDirectory(at: folder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: FuzzRegressionTests.scriptFolder) }
        let goldenFolder = Self.folder.deletingLastPathComponent()
        var sources: [(URL, String)] = []
        for name in (try? fm.contentsOfDirectory(atPath: Repo.examples.path)) ?? [] {
            sources.append((Repo.examples.appendingPathComponent(name), name))
        }
        sources.append((goldenFolder.appendingPathComponent("data"), "data"))
        sources.append((goldenFolder.appendingPathComponent("include"), "include"))
        for (from, name) in sources {
            try? fm.copyItem(at: from, to: folder.appendingPathComponent(name))
        }
        return folder
    }()

    /// What the fuzz target does with one input.
    static func replay(_ bytes: [UInt8]) async {
        if let request = try? PayloadReader.read(Data(bytes)) {
            let compact = PayloadWriter.compact(request)
            #expect((try? PayloadReader.read(compact)).map(PayloadWriter.compact) == compact)
            for product in [Product.codeSigning, .codeSigningEV] { _ = Validator(today: testToday).validate(request, product: product) }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let source = Source(name: "fuzz.order", text: text, url: scriptFolder.appendingPathComponent("fuzz.order"))
        let length = text.utf8.count
        let scan = ScriptScanner.scan(source)
        #expect(scan.tokens.last?.kind == .end)
        for token in scan.tokens { #expect(token.range.start >= 0 && token.range.start <= token.range.end && token.range.end <= length) }
        let formatted = ScriptFormatter.format(source)
        _ = Interpreter.isComplete(text)
        let result = await Interpreter().evaluate(source, handler: RecordingHandler())
        if formatted.text == nil {
            #expect(result.diagnostics == formatted.diagnostics)
            #expect(result.orders.isEmpty)
        }
        let judged = Compiler(validator: Validator(today: testToday)).validate(result.orders)
        for d in result.diagnostics + judged {
            #expect(!d.message.isEmpty)
            if let r = d.range, r.source === source { #expect(r.start >= 0 && r.start <= r.end && r.end <= length) }
            _ = DiagnosticRenderer().render(d)
        }
        for order in result.orders {
            _ = PayloadWriter.compact(order.request)
            _ = ScriptExporter.script(for: order)
            _ = SwiftExporter.code(for: order)
        }
    }

    @Test(arguments: files)
    func savedInputGivesDiagnosticsOnly(_ name: String) async throws {
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        await Self.replay(bytes)
    }

    // MARK: - Found in strict mode (scripts/fuzz --strict): the round trips the language promises

    /// "Formatting twice gives the same text."
    static let formatCases: [(String, String)] = [
        // A comment ending in two CRs: the scanner kept one CR in the comment's text, so `fmt`
        // printed `#\r\n`, and formatting that dropped the CR (fixed in ScriptScanner.swift, comments).
        ("comment ending in CR CR", "#\r\r"),
    ]

    @Test(arguments: formatCases.indices)
    func formattingTwiceGivesTheSameText(_ index: Int) throws {
        let input = Self.formatCases[index].1
        let once = try #require(ScriptFormatter.format(input))
        #expect(ScriptFormatter.format(once) == once)
    }

    // MARK: - Found by the fuzzer's memory growing: the interpreter must not leak

    /// Scripts that define recipes at the top, in a loop's scope and in a recipe call's scope.
    /// `Scope.recipes` → `Recipe.scope` → the same scope was a retain cycle: every interpreter that
    /// defined a recipe kept its scopes (and through the AST, its source) forever (fixed in
    /// Value.swift: `Recipe.scope` is unowned).
    static let leakCases: [String] = [
        "recipe r < comments x >\nuse r\n",
        "for i in [a, b] < recipe q < comments $i > ; order cs < use q > >\n",
        "recipe outer < recipe inner < comments y > ; use inner >\norder cs < use outer >\n",
        "recipe r < comments x >\norder cs < use nope >\n",   // an evaluation that fails and is rolled back
    ]

    @Test(arguments: leakCases)
    func anEvaluationLeavesNothingBehind(_ text: String) async {
        weak var weakSource: Source?
        weak var weakInterpreter: Interpreter?
        do {
            let source = Source(name: "leak.order", text: text)
            let interpreter = Interpreter()
            weakSource = source
            weakInterpreter = interpreter
            let result = await interpreter.evaluate(source)
            _ = Compiler(validator: Validator(today: testToday)).validate(result.orders)
        }
        #expect(weakInterpreter == nil)
        #expect(weakSource == nil, "the script's source (held by its AST) outlived its interpreter")
    }
}
