import Foundation
import Testing

/// Every file in `Examples/` works against the sandbox CertCentral ships with, as a user runs it:
/// checked, compiled, sent to the embedded sandbox, and its exports run against a `certorder
/// sandbox` process. An example that the bundled sandbox refuses teaches a user that the tool is
/// broken (issue 12, finding 8: `standard-csr.order` lacked the account's required custom field).
@Suite("Every example works against the bundled sandbox")
struct ExamplesTests {
    /// The scripts that describe orders, and how many orders each holds.
    static let orderScripts: [(file: String, orders: Int)] = [
        ("documented-ev.order", 1),
        ("documented-ev-one-line.order", 1),
        ("standard-csr.order", 1),
        ("batch.order", 3),
    ]

    /// Every file of `Examples/` copied into the world, with its folders (recipes, the CSV, the CSR).
    static func worldWithExamples() throws -> CLIWorld {
        let world = try CLIWorld()
        let examples = CLIPackage.root.appendingPathComponent("Examples").path
        let files = FileManager.default.enumerator(atPath: examples)?.compactMap { $0 as? String } ?? []
        for file in files where !file.hasSuffix("/") {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: examples + "/" + file, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            try world.copy(packageFile: "Examples/" + file, as: file)
        }
        return world
    }

    @Test("the examples list is complete: every .order file is exercised here")
    func everyExampleIsCovered() throws {
        let examples = CLIPackage.root.appendingPathComponent("Examples").path
        let scripts = (FileManager.default.enumerator(atPath: examples)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".order") }
            .sorted()
        let covered = (Self.orderScripts.map(\.file) + ["recipes/acme.order", "run-commands.order"]).sorted()
        #expect(scripts == covered)
    }

    @Test("check passes with no error", arguments: orderScripts.map(\.file) + ["recipes/acme.order", "run-commands.order"])
    func check(file: String) async throws {
        let world = try Self.worldWithExamples()
        let result = try await world.certorder(["check", file])
        #expect(result.status == 0, "\(result)")
        #expect(!result.stderr.contains("error:"), "\(result)")
    }

    @Test("compile gives one request per order", arguments: orderScripts)
    func compile(file: String, orders: Int) async throws {
        let world = try Self.worldWithExamples()
        let result = try await world.certorder(["compile", "--requests", file])
        #expect(result.status == 0, "\(result)")
        let requests = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        #expect(requests?.count == orders, "\(result)")
        #expect(requests?.allSatisfy { ($0["method"] as? String) == "POST" } == true)
    }

    @Test("send places every order in the embedded sandbox", arguments: orderScripts)
    func send(file: String, orders: Int) async throws {
        let world = try Self.worldWithExamples()
        let result = try await world.certorder(["send", "--yes", file], timeout: .seconds(60))
        #expect(result.status == 0, "\(result)")
        #expect(!result.stderr.contains("nothing sent"), "\(result)")
        let placed = result.stdout.cliLines.filter { $0.contains("placed") }
        #expect(!placed.isEmpty, "\(result)")
        if orders > 1 {
            #expect(result.stdout.contains("\(orders) orders: \(orders) placed"), "\(result)")
        } else {
            #expect(result.stdout.contains("placed order 11223"), "\(result)")
        }
    }

    @Test("run-commands.order runs its commands: validate, json, export swift")
    func runCommands() async throws {
        let world = try Self.worldWithExamples()
        let result = try await world.certorder(["run", "run-commands.order"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("\"signature_hash\": \"sha256\""), "\(result)")
        #expect(result.stdout.contains("let order = Order(.codeSigningEV)"), "\(result)")
    }

    @Test("the python export of each single-order example places it in a `certorder sandbox`: 201",
          .enabled(if: CLIPackage.hasOrRequiresPythonRequests, "needs python3 with requests"),
          arguments: orderScripts.filter { $0.orders == 1 }.map(\.file))
    func pythonExport(file: String) async throws {
        let world = try Self.worldWithExamples()
        try world.write("order.py", try await ExportSnippetTests.export("python", in: world, file: file))
        let sandbox = try await CLISandbox.start(world: world)
        let result = try await world.run("python3", ["order.py"], environment: ExportSnippetTests.snippetEnvironment(sandbox))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("201 {\n"), "\(result)")
        #expect(ExportSnippetTests.orderID(in: result.stdout) == 112233, "\(result)")
    }
}
