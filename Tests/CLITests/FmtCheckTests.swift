import Foundation
import Testing

/// Issue 17, item 5: `fmt` for CI: `--check` (names, exit 1), `--diff` (a unified diff that
/// `patch` applies), several files and directories (every `*.order` under them).
@Suite("fmt --check, --diff, directories")
struct FmtCheckTests {
    static let unformatted = "order cs <organization 123456\n  unit 42>\n"
    static let formatted = "order cs <\n  organization 123456\n  unit 42\n>\n"

    /// A world with `ok.order` formatted, `scripts/bad.order` not, `scripts/deep/also.order` not,
    /// and a file that is not a script.
    static func world() throws -> CLIWorld {
        let world = try CLIWorld()
        try world.write("ok.order", formatted)
        try world.write("scripts/bad.order", unformatted)
        try world.write("scripts/deep/also.order", unformatted)
        try world.write("scripts/notes.txt", unformatted)
        return world
    }

    @Test("--check names each unformatted file under the directories (recursing, *.order only) and exits 1; writes nothing")
    func checkNamesUnformattedFiles() async throws {
        let world = try Self.world()
        let result = try await world.certorder(["fmt", "--check", "ok.order", "scripts"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout == "scripts/bad.order\nscripts/deep/also.order\n", "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
        #expect(try world.read("scripts/bad.order") == Self.unformatted)

        let clean = try await world.certorder(["fmt", "--check", "ok.order"])
        #expect(clean.status == 0 && clean.stdout.isEmpty && clean.stderr.isEmpty, "\(clean)")
    }

    @Test("--diff prints a unified diff, exit 0; with --check, exit 1; the diff applies with patch")
    func diffIsUnified() async throws {
        let world = try Self.world()
        let result = try await world.certorder(["fmt", "--diff", "scripts/bad.order", "ok.order"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == """
            --- a/scripts/bad.order
            +++ b/scripts/bad.order
            @@ -1,2 +1,4 @@
            -order cs <organization 123456
            -  unit 42>
            +order cs <
            +  organization 123456
            +  unit 42
            +>

            """, "\(result)")
        let checked = try await world.certorder(["fmt", "--check", "--diff", "scripts/bad.order"])
        #expect(checked.status == 1 && checked.stdout == result.stdout, "\(checked)")

        // A long script changed in the middle: one hunk with three lines of context, applied by patch.
        try world.copy(packageFile: "Examples/documented-ev.order", as: "ev.order")
        let canonical = try await world.certorder(["fmt", "ev.order"])
        let diff = try await world.certorder(["fmt", "--diff", "ev.order"])
        #expect(diff.status == 0, "\(diff)")
        try world.write("ev.diff", diff.stdout)
        let patched = try await world.run("patch", ["-s", "-p1", "-i", "ev.diff"])
        #expect(patched.status == 0, "\(patched)")
        #expect(try world.read("ev.order") == canonical.stdout)
        let none = try await world.certorder(["fmt", "--diff", "ev.order"])
        #expect(none.status == 0 && none.stdout.isEmpty, "\(none)")
    }

    @Test("--write rewrites every unformatted file of a directory; then --check passes")
    func writeDirectory() async throws {
        let world = try Self.world()
        let written = try await world.certorder(["fmt", "--write", "scripts"])
        #expect(written.status == 0 && written.stdout.isEmpty, "\(written)")
        #expect(try world.read("scripts/bad.order") == Self.formatted)
        #expect(try world.read("scripts/deep/also.order") == Self.formatted)
        #expect(try world.read("scripts/notes.txt") == Self.unformatted)
        let checked = try await world.certorder(["fmt", "--check", "scripts", "ok.order"])
        #expect(checked.status == 0 && checked.stdout.isEmpty, "\(checked)")
    }

    @Test("a syntax error is 65 with its place; stdin is <stdin>; --write with --check is a usage error")
    func errorsAndUsage() async throws {
        let world = try Self.world()
        try world.write("broken.order", "order cs <\n")
        let broken = try await world.certorder(["fmt", "--check", "broken.order", "scripts/bad.order"])
        #expect(broken.status == 65, "\(broken)")
        #expect(broken.stderr.hasPrefix("broken.order:"), "\(broken)")
        #expect(broken.stdout == "scripts/bad.order\n", "\(broken)")

        let stdin = try await world.certorder(["fmt", "--check", "-"], stdin: Self.unformatted)
        #expect(stdin.status == 1 && stdin.stdout == "<stdin>\n", "\(stdin)")

        let usage = try await world.certorder(["fmt", "--write", "--check", "ok.order"])
        #expect(usage.status == 64, "\(usage)")
        #expect(usage.stderr.contains("--write rewrites the files; --check and --diff only report"), "\(usage)")
    }
}
