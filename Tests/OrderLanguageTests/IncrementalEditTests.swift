import Foundation
import Testing
import CertOrder
import TestSupport
@testable import OrderLanguage

/// Edits above a checkpoint that the ``IncrementalCompiler`` carries the checkpoint over
/// (``ScriptEdit``): a field statement of the recipe a CSV loop uses, spacing and comments in it,
/// and the edits it must not carry over (a variable the loop reads, the loop itself, a statement
/// that now fails). Every result is compared with a whole ``Compiler`` run of the same text.
@Suite struct IncrementalEditTests {
    static func compile(_ compiler: IncrementalCompiler, _ text: String, url: URL, _ comment: Testing.Comment) async -> IncrementalCompiler.Result? {
        await IncrementalCompilerTests.expectSame(compiler, text, url: url, name: "batch.order", comment)
    }

    /// The batch of ``IncrementalCompilerTests/batch(in:rows:)``, compiled once.
    static func opened(rows: Int = 200) async throws -> (TemporaryDirectory, IncrementalCompiler, URL, String) {
        let folder = try TemporaryDirectory()
        let (url, text) = try IncrementalCompilerTests.batch(in: folder.url, rows: rows)
        let compiler = IncrementalCompiler(validator: Validator(today: testToday))
        await compile(compiler, text, url: url, "as written")
        return (folder, compiler, url, text)
    }

    @Test func aRecipeStatementThatChangesEveryRowIsRunAgainForEachRow() async throws {
        let (folder, compiler, url, text) = try await Self.opened()
        defer { withExtendedLifetime(folder) {} }
        var current = text
        // As the benchmark types: one edit after another to the same line, each carried over.
        for n in 0..<4 {
            let next = text.replacingOccurrences(of: "Token for", with: "Token \(n) for")
            let result = await Self.compile(compiler, next, url: url, "comments edited (\(n))")
            #expect(result?.carriedOverEdit == true)
            #expect(result?.changedOrders == 200)
            current = next
        }
        // Longer, shorter, then a value that no longer interpolates.
        for edit in ["Token for a developer named ${name}", "T", "Token for ${id}: ${name}"] {
            let next = current.replacingOccurrences(of: current.slice(between: "comments \"", and: "\"")!, with: edit)
            let result = await Self.compile(compiler, next, url: url, "comments \(edit)")
            #expect(result?.carriedOverEdit == true)
            current = next
        }
        // Rows 3 and 7's validator errors (country zz) stay, at the places they moved to.
        let platform = current.replacingOccurrences(of: "certificate < hash sha256; platform 52 >\n    provisioning",
                                                    with: "certificate < hash sha256; platform 45 >\n    provisioning")
        let moved = await Self.compile(compiler, platform, url: url, "a value in the recipe's certificate block")
        #expect(moved?.carriedOverEdit == true)
        let country = platform.replacingOccurrences(of: "country $country; method", with: "country us; method")
        let fixed = await Self.compile(compiler, country, url: url, "the country every row gave, fixed")
        #expect(fixed?.carriedOverEdit == true)
        #expect(fixed?.compilation.diagnostics.count ?? 0 < moved?.compilation.diagnostics.count ?? 0, "rows 3 and 7 are right now")
        await Self.compile(compiler, platform, url: url, "and back")
    }

    @Test func spacingAndCommentsInTheRecipeChangeNoOrder() async throws {
        let (folder, compiler, url, text) = try await Self.opened()
        defer { withExtendedLifetime(folder) {} }
        let commented = text.replacingOccurrences(of: "    provisioning ship_token\n", with: "    # shipped on a token\n    provisioning ship_token\n")
        let result = await Self.compile(compiler, commented, url: url, "a comment line in the recipe")
        #expect(result?.carriedOverEdit == true)
        #expect(result?.changedOrders == 0)
        #expect((result?.reusedValidations ?? 0) >= 200, "the loop's orders' validations moved, not made again")
        let spaced = commented.replacingOccurrences(of: "validity 1\n    comments", with: "validity 1\n\n    comments")
        let again = await Self.compile(compiler, spaced, url: url, "spacing in the recipe")
        #expect(again?.carriedOverEdit == true)
        let above = "# a batch of tokens\n\n" + spaced
        let top = await Self.compile(compiler, above, url: url, "a comment above everything")
        #expect(top?.carriedOverEdit == true)
    }

    @Test func aStatementALaterOneOverwritesChangesNothing() async throws {
        let (folder, compiler, url, text) = try await Self.opened()
        defer { withExtendedLifetime(folder) {} }
        let twice = text.replacingOccurrences(of: "    payment balance\n  >\n>", with: "    payment balance\n    comments \"last\"\n  >\n>")
        await Self.compile(compiler, twice, url: url, "a second comments statement")
        let edited = twice.replacingOccurrences(of: "Token for", with: "Token 1 for")
        let result = await Self.compile(compiler, edited, url: url, "the first one edited")
        #expect(result?.carriedOverEdit == true)
        #expect(result?.changedOrders == 0)
        let last = edited.replacingOccurrences(of: "comments \"last\"", with: "comments \"the last\"")
        let other = await Self.compile(compiler, last, url: url, "the second one edited")
        #expect(other?.carriedOverEdit == true)
        #expect(other?.changedOrders == 200)
    }

    @Test func editsThatAreRunAgainInstead() async throws {
        let (folder, compiler, url, text) = try await Self.opened()
        defer { withExtendedLifetime(folder) {} }
        // A variable above the loop that the loop reads.
        let org = text.replacingOccurrences(of: "let org = 123456", with: "let org = 654321")
        let variable = await Self.compile(compiler, org, url: url, "the variable the recipe reads")
        #expect(variable?.carriedOverEdit == false)
        // A statement that now fails, for every row; then fixed.
        let failing = org.replacingOccurrences(of: "Token for ${name}", with: "Token for ${nobody}")
        let failed = await Self.compile(compiler, failing, url: url, "an unknown variable in the recipe")
        #expect(failed?.carriedOverEdit == false)
        await Self.compile(compiler, org, url: url, "fixed")
        let integer = org.replacingOccurrences(of: "validity 1\n    comments", with: "validity x\n    comments")
        await Self.compile(compiler, integer, url: url, "a special statement (validity) edited")
        await Self.compile(compiler, org, url: url, "fixed again")
        // A variable bound after the recipe, read by the edited statement: not carried over.
        let late = org.replacingOccurrences(of: "for dev in csv", with: "let who = late\nfor dev in csv")
        await Self.compile(compiler, late, url: url, "a variable bound before the loop")
        let reads = late.replacingOccurrences(of: "Token for ${name}", with: "Token for ${who}")
        let result = await Self.compile(compiler, reads, url: url, "the recipe reads it")
        #expect(result?.carriedOverEdit == false)
        // The loop's `use`, the recipe's parameters, the keyword of a statement.
        await Self.compile(compiler, late.replacingOccurrences(of: "$dev.country)", with: "$dev.name)"), url: url, "the loop body edited")
        await Self.compile(compiler, late.replacingOccurrences(of: "recipe dev_token(id, name, country)", with: "recipe dev_token(id, name, country = us)"),
                           url: url, "the recipe's parameters edited")
        await Self.compile(compiler, late.replacingOccurrences(of: "    comments \"Token", with: "    comment \"Token"), url: url, "a keyword edited")
        await Self.compile(compiler, late.replacingOccurrences(of: "    comments \"Token for ${name}\"", with: "    comments \"Token for ${name}\"; validity 2"),
                           url: url, "a statement added on the line")
        await Self.compile(compiler, late, url: url, "as it was")
    }
}

extension String {
    /// The text between the first `start` and the next `end` after it.
    func slice(between start: String, and end: String) -> String? {
        guard let a = range(of: start), let b = self[a.upperBound...].range(of: end) else { return nil }
        return String(self[a.upperBound..<b.lowerBound])
    }
}
