import Foundation
import Testing

/// Issue 17, item 6: `Docs/man/certorder.1` is the page swift-argument-parser's `generate-manual`
/// (the tool behind `swift package generate-manual`) makes of the command tree as built now.
/// scripts/test builds the tool (`swift build --product generate-manual`); without it the test
/// is skipped, except under scripts/test, where it must be there.
@Suite("The man page", .enabled(if: ManPageGenerator.path != nil || CLIPackage.requiresEveryTool,
                                "build generate-manual: swift build --product generate-manual"))
struct ManPageTests {
    /// The page without its `.Dd` line (the date it was generated on).
    static func undated(_ page: String) -> String {
        page.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix(".Dd ") }.joined(separator: "\n")
    }

    @Test("Docs/man/certorder.1 is current (regenerate: scripts/man)")
    func manPageIsCurrent() async throws {
        let tool = try #require(ManPageGenerator.path, "generate-manual is not built: swift build --product generate-manual")
        let world = try CLIWorld()
        try FileManager.default.createDirectory(atPath: world.path + "/man", withIntermediateDirectories: true)
        let generated = try await world.run(tool, [try CLIPackage.certorder(), "--output-directory", world.path + "/man",
                                                   "--authors", "The CertOrder authors"])
        #expect(generated.status == 0, "\(generated)")
        let page = try String(contentsOfFile: world.path + "/man/certorder.1", encoding: .utf8)
        let committed = try CLIPackage.read("Docs/man/certorder.1")
        #expect(Self.undated(page) == Self.undated(committed), "Docs/man/certorder.1 is out of date: run scripts/man")
        for command in ["compile", "check", "fmt", "send", "status", "orders", "reconcile"] {
            #expect(page.contains(command), "\(command) is missing")
        }
    }
}

/// The built `generate-manual`, when there is one.
enum ManPageGenerator {
    /// The built `generate-manual`, beside the products (as a product, or as the plugin's tool).
    static let path: String? = {
        let bin = (try? BuiltProducts.directory().path) ?? CLIPackage.root.path + "/.build/debug"
        // `swift build --product generate-manual` makes the first; `swift package generate-manual` the second.
        return [bin + "/generate-manual", bin + "/generate-manual-tool"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()
}
