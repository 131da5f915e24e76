import Foundation
import Testing
import CertOrder
import TestSupport
@testable import OrderLanguage

/// The ``IncrementalCompiler`` gives, version after version, exactly what ``Compiler`` gives for
/// each version alone: the same diagnostics in the same order, at the same places, with the same
/// notes. Checked on every golden script (each line taken out, then put back, with a checkpoint
/// after every statement so that each edit resumes somewhere), and on a CSV batch like the
/// language server's benchmark, with edits after, inside and before its loop and to its CSV file.
@Suite struct IncrementalCompilerTests {
    /// Each diagnostic as one line: severity, code, place (`<doc>` for the script itself, in any
    /// of its versions, else the file's name; byte offsets), message and notes with their places.
    static func render(_ diagnostics: [LanguageDiagnostic], script: Source, earlier: [Source] = []) -> [String] {
        func place(_ range: SourceRange?) -> String {
            guard let range else { return "-" }
            let isScript = range.source === script || earlier.contains { $0 === range.source }
            return "\(isScript ? "<doc>" : range.source.name)@\(range.start)-\(range.end)"
        }
        return diagnostics.map { d in
            "\(d.severity.rawValue) \(d.code) \(place(d.range)) \(d.message) | "
                + d.notes.map { "\($0.message) @ \(place($0.range))" }.joined(separator: " ; ")
        }
    }

    /// Compiles `text` (as the file at `url`) both ways and expects the same; the incremental
    /// compile's result.
    @discardableResult
    static func expectSame(_ compiler: IncrementalCompiler, _ text: String, url: URL, name: String,
                           overlay: [String: String] = [:], _ comment: Testing.Comment) async -> IncrementalCompiler.Result? {
        let source = Source(name: name, text: text, url: url)
        let full = await Compiler(validator: Validator(today: testToday)).compile(source)
        guard let result = await compiler.compile(source, overlay: overlay) else {
            Issue.record("the compile was cancelled", sourceLocation: SourceLocation(fileID: #fileID, filePath: #filePath, line: #line, column: 1))
            return nil
        }
        #expect(render(result.compilation.diagnostics, script: source, earlier: result.earlierSources)
                == render(full.diagnostics, script: source), comment)
        #expect(result.compilation.payloads == full.payloads, comment)
        return result
    }

    @Test(arguments: GoldenTests.files)
    func goldenScriptsLineByLine(_ name: String) async throws {
        let url = GoldenTests.folder.appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let compiler = IncrementalCompiler(validator: Validator(today: testToday), checkpointSteps: 0)
        await Self.expectSame(compiler, text, url: url, name: name, "\(name) as written")
        for removed in lines.indices.prefix(60) {
            var edited = lines
            edited.remove(at: removed)
            await Self.expectSame(compiler, edited.joined(separator: "\n"), url: url, name: name, "\(name) without line \(removed + 1)")
            await Self.expectSame(compiler, text, url: url, name: name, "\(name) with line \(removed + 1) back")
        }
    }

    /// The benchmark's shape, smaller: a recipe, a CSV loop (rows 3 and 7 give a validator error,
    /// repeated with a note), then recipes and orders, one of them wrong.
    static func batch(in folder: URL, rows: Int) throws -> (url: URL, text: String) {
        var csv = "id,name,country\r\n"
        for i in 1...rows { csv += "\(i),Dev \(i),\(i == 3 || i == 7 ? "zz" : "us")\r\n" }
        try csv.write(to: folder.appendingPathComponent("devs.csv"), atomically: true, encoding: .utf8)
        var text = """
            let org = 123456
            recipe dev_token(id, name, country) <
              order code_signing_ev <
                certificate < hash sha256; platform 52 >
                provisioning ship_token
                validity 1
                comments "Token for ${name}"
                organization $org; container 654321
                ship < name $name; addr1 "1 Main Street"; city Richmond; state va; zip 23219; country $country; method standard >
                custom_field 12 $id
                payment balance
              >
            >
            for dev in csv "devs.csv" <
              use dev_token($dev.id, $dev.name, $dev.country)
            >

            """
        for i in 0..<40 {
            text += """
                # filler \(i)
                recipe part_\(i) <
                  certificate < hash sha256; platform 52 >
                  organization 123456; container 654321; payment balance
                >
                order cs < use part_\(i); validity \(i == 20 ? "9" : "1"); alternative_order_id "filler-\(i)" >

                """
        }
        text += "# edited: 0\n"
        let url = folder.appendingPathComponent("batch.order")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return (url, text)
    }

    @Test func csvBatchEditedAfterInsideAndBeforeItsLoop() async throws {
        let folder = try TemporaryDirectory()
        let (url, text) = try Self.batch(in: folder.url, rows: 300)
        let compiler = IncrementalCompiler(validator: Validator(today: testToday))
        let first = await Self.expectSame(compiler, text, url: url, name: "batch.order", "as written")
        #expect(first?.resumedStatements == 0)

        // A comment at the end: resumed after the loop, and its orders' validations reused.
        let comment = text.replacingOccurrences(of: "# edited: 0", with: "# edited: 1")
        let after = await Self.expectSame(compiler, comment, url: url, name: "batch.order", "the last comment edited")
        #expect((after?.resumedStatements ?? 0) >= 3)
        #expect((after?.reusedValidations ?? 0) >= 300)

        // An error typed after the loop, then fixed.
        let wrong = comment.replacingOccurrences(of: "validity 1; alternative_order_id \"filler-30\"", with: "validity x; alternative_order_id \"filler-30\"")
        await Self.expectSame(compiler, wrong, url: url, name: "batch.order", "an error after the loop")
        await Self.expectSame(compiler, comment, url: url, name: "batch.order", "fixed")

        // The recipe the loop uses, before the loop, given a shipping method there is not: the
        // loop runs again (the latest checkpoint is carried over an edit of a recipe's field only
        // when the statement still succeeds; IncrementalEditTests has those).
        let recipe = comment.replacingOccurrences(of: "method standard", with: "method overnight")
        let before = await Self.expectSame(compiler, recipe, url: url, name: "batch.order", "the loop's recipe edited")
        #expect(before?.resumedStatements == 0)
        #expect(before?.carriedOverEdit == false)

        // The CSV file changed on disk, then given as an unsaved buffer: the loop runs again.
        var csv = try String(contentsOf: folder.url.appendingPathComponent("devs.csv"), encoding: .utf8)
        csv = csv.replacingOccurrences(of: "5,Dev 5,us", with: "5,Dev 5,yy")
        try csv.write(to: folder.url.appendingPathComponent("devs.csv"), atomically: true, encoding: .utf8)
        await Self.expectSame(compiler, recipe, url: url, name: "batch.order", "the CSV file changed")
        let buffer = csv.replacingOccurrences(of: "9,Dev 9,us", with: "9,Dev 9,")
        try buffer.write(to: folder.url.appendingPathComponent("devs.csv"), atomically: true, encoding: .utf8)
        let edited = await Self.expectSame(compiler, recipe.replacingOccurrences(of: "# edited: 1", with: "# edited: 2"), url: url, name: "batch.order",
                                           "the CSV file's row 9 emptied")
        #expect(edited?.files.contains(folder.url.appendingPathComponent("devs.csv").standardizedFileURL.path) == true)
        // The buffer back on disk as it was, and given as an unsaved buffer instead: read.
        try csv.write(to: folder.url.appendingPathComponent("devs.csv"), atomically: true, encoding: .utf8)
        let path = folder.url.appendingPathComponent("devs.csv").standardizedFileURL.path
        let overlaid = await compiler.compile(Source(name: "batch.order", text: recipe, url: url), overlay: [path: buffer])
        #expect(overlaid?.compilation.diagnostics.map { $0.message } == edited?.compilation.diagnostics.map { $0.message },
                "the overlay's text is read, not the disk's")
        await Self.expectSame(compiler, recipe, url: url, name: "batch.order", "the disk's again")

        // Everything after the loop deleted, then a syntax error, then the whole text again.
        let cut = String(recipe[..<recipe.range(of: "# filler 0")!.lowerBound])
        await Self.expectSame(compiler, cut, url: url, name: "batch.order", "cut after the loop")
        await Self.expectSame(compiler, cut + "order cs <\n", url: url, name: "batch.order", "an unclosed block")
        await Self.expectSame(compiler, recipe, url: url, name: "batch.order", "whole again")
    }

    /// Hands the compiler to the task that cancels itself (one task uses it at a time).
    final class Held: @unchecked Sendable {
        let compiler = IncrementalCompiler(validator: Validator(today: testToday))
    }

    @Test func aCancelledCompileReturnsNothingAndTheNextIsComplete() async throws {
        let folder = try TemporaryDirectory()
        let (url, text) = try Self.batch(in: folder.url, rows: 3_000)
        let held = Held()
        let source = Source(name: "batch.order", text: text, url: url)
        let cancelled = await Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await held.compiler.compile(source) == nil
        }.value
        #expect(cancelled)
        await Self.expectSame(held.compiler, text, url: url, name: "batch.order", "after a cancelled compile")
    }
}
