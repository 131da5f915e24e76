import Foundation
import Testing
import CertOrder
@testable import OrderLanguage

/// jlox-style golden tests: every `Golden/*.order` file is run, and what it prints and reports
/// is compared with the expectations written in its comments:
///
/// - `# expect: TEXT` — one line of output: a command's output (from ``RecordingHandler``), then,
///   when the script has no errors, each order's compact JSON payload, in order;
/// - `# error: L:C MESSAGE` / `# warning: L:C MESSAGE` — one diagnostic, in the order reported
///   (`FILE:L:C MESSAGE` when it is in another file, named relative to `Golden/`);
/// - `# validate` on a line of its own — compile with the validator (today fixed to 2026-12-01)
///   and expect its diagnostics too; otherwise only the language's diagnostics are expected.
///
/// Files in subfolders are included, loaded or read by the top-level files.
@Suite struct GoldenTests {
    static let folder: URL = {
        guard let url = Bundle.module.url(forResource: "Golden", withExtension: nil) else {
            fatalError("the Golden folder is missing from the test bundle")
        }
        return url
    }()

    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".order") }.sorted()
    }()

    struct Expectations {
        var output: [String] = []
        var diagnostics: [String] = []
        var validate = false
    }

    static func expectations(in text: String) -> Expectations {
        var e = Expectations()
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if line.trimmingCharacters(in: .whitespaces) == "# validate" { e.validate = true }
            for marker in ["expect", "error", "warning"] {
                guard let r = line.range(of: "# \(marker): ") else { continue }
                let rest = String(line[r.upperBound...])
                if marker == "expect" { e.output.append(rest) } else { e.diagnostics.append("\(marker): \(rest)") }
            }
        }
        return e
    }

    static func describe(_ d: LanguageDiagnostic, mainFile: String) -> String {
        guard let r = d.range else { return "\(d.severity.rawValue): \(d.message)" }
        let place = r.source.name == mainFile ? "" : "\(r.source.name):"
        return "\(d.severity.rawValue): \(place)\(r.location.line):\(r.location.column) \(d.message)"
    }

    /// Runs one golden file: its output lines and diagnostics.
    static func run(_ name: String) async throws -> (expected: Expectations, output: [String], diagnostics: [String]) {
        let path = folder.appendingPathComponent(name).path
        let source = try Source.file(atPath: path, name: name)
        let expected = expectations(in: source.text)
        var output: [String] = []
        var diagnostics: [LanguageDiagnostic]
        var orders: [CompiledOrder]
        if expected.validate {
            let compilation = await Compiler(validator: Validator(today: testToday)).compile(source)
            diagnostics = compilation.diagnostics
            orders = compilation.orders
        } else {
            let handler = RecordingHandler()
            let result = await Interpreter().evaluate(source, handler: handler)
            output = handler.output
            diagnostics = result.diagnostics
            orders = result.orders
        }
        if !diagnostics.hasErrors { output += orders.map(compact) }
        return (expected, output, diagnostics.map { describe($0, mainFile: name) })
    }

    @Test func goldenFolderIsNotEmpty() {
        #expect(Self.files.count >= 20)
    }

    @Test(arguments: GoldenTests.files)
    func golden(_ name: String) async throws {
        let (expected, output, diagnostics) = try await Self.run(name)
        if ProcessInfo.processInfo.environment["GOLDEN_SHOW"] != nil {
            // One print: parallel test cases must not interleave their lines.
            let lines = ["=== \(name)"] + output.map { "# expect: \($0)" } + diagnostics.map { "# \($0)" }
            print(lines.joined(separator: "\n"))
        }
        #expect(output == expected.output, "output of \(name)")
        #expect(diagnostics == expected.diagnostics, "diagnostics of \(name)")
        #expect(!expected.output.isEmpty || !expected.diagnostics.isEmpty, "\(name) expects nothing")
    }
}
