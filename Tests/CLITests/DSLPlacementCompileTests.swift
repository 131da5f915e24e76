import Foundation
import Testing

/// README.md and `CertOrder.docc/GettingStarted.md` ("Misplaced components do not compile"):
/// each result builder accepts only the components of its context, so a misplaced component is
/// a compile-time error with the documented message. Type-checked with `swiftc` against the
/// CertOrder module `swift build` made (as ``SwiftSnippetBuilder`` does), no linking.
@Suite("DSL placement is checked at compile time")
struct DSLPlacementCompileTests {
    /// The documented example, with `import CertOrder` on line 1 so that the positions are the
    /// documented ones (3:5 and 6:19).
    static let misplaced = """
        import CertOrder
        let a = Order(.codeSigningEV) {
            Hash(.sha256)
        }
        let b = Order(.codeSigningEV) {
            Certificate { Organization(123456) }
        }

        """

    /// The same components, each in its place.
    static let placed = """
        import CertOrder
        let a = Order(.codeSigningEV) {
            Certificate { Hash(.sha256) }
        }
        let b = Order(.codeSigningEV) {
            Organization(123456)
        }

        """

    /// The errors GettingStarted.md shows (README.md quotes the first one).
    static let documentedErrors = [
        "main.swift:3:5: error: static method 'buildExpression' requires that 'Hash' conform to 'OrderComponent'",
        "main.swift:6:19: error: static method 'buildExpression' requires that 'Organization' conform to 'CertificateComponent'",
    ]

    /// `swiftc -typecheck main.swift` in a world holding `source` as main.swift.
    static func typecheck(_ source: String) async throws -> CLIResult {
        let world = try CLIWorld()
        try world.write("main.swift", source)
        let bin = try BuiltProducts.directory().resolvingSymlinksInPath()
        let swiftc = try #require(CLIPackage.which("swiftc"))
        return try await world.run(swiftc, [
            "-typecheck", "main.swift", "-module-name", "Snippet", "-I", bin.path + "/Modules",
        ], timeout: .seconds(120))
    }

    @Test("a misplaced component fails with the documented error; placed, the same components compile",
          .enabled(if: CLIPackage.has("swiftc"), "needs swiftc"))
    func misplacedComponentsDoNotCompile() async throws {
        let failed = try await Self.typecheck(Self.misplaced)
        #expect(failed.status != 0, "\(failed)")
        // The header line of each error, whatever diagnostic style swiftc frames it with.
        let errors = (failed.stdout + failed.stderr).cliLines.filter { $0.hasPrefix("main.swift:") && $0.contains(": error: ") }
        #expect(errors == Self.documentedErrors, "\(failed)")

        let compiled = try await Self.typecheck(Self.placed)
        #expect(compiled.status == 0, "\(compiled)")
        #expect(!(compiled.stdout + compiled.stderr).contains("error:"), "\(compiled)")
    }
}
