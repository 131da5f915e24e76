import Foundation
import Testing

/// Issue 17, item 4: every `--json` shape has a JSON Schema under `Docs/schemas/`, and the
/// binary's real output is validated against it (Python's `jsonschema`, installed by
/// scripts/test; the test runs whenever python3 has it, and always under scripts/test).
@Suite("--json shapes against Docs/schemas", .enabled(if: SchemaValidator.isAvailable))
struct JSONSchemaTests {
    /// Validates `instance` (the text a command printed) against `Docs/schemas/<schema>.schema.json`
    /// with Draft 2020-12 and format checking; the schema itself is checked first.
    static func validate(_ world: CLIWorld, _ result: CLIResult, against schema: String,
                         sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let instance = try world.write("instance-\(UUID().uuidString.prefix(8)).json", result.stdout)
        let schemaPath = CLIPackage.root.appendingPathComponent("Docs/schemas/\(schema).schema.json").path
        let check = try await world.run("python3", ["-c", """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            instance = json.load(open(sys.argv[2]))
            items = instance if sys.argv[3] == "each" else [instance]
            for item in items:
                jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(item)
            print("valid")
            """, schemaPath, instance, "whole"])
        #expect(check.status == 0 && check.stdout == "valid\n", "\(schema): \(check)\n\(result.stdout)", sourceLocation: sourceLocation)
    }

    @Test("send, status, account, requests, reconcile, orders show and orders (each entry) print their schemas' shapes")
    func sessionShapes() async throws {
        let world = try CLIWorld(copying: "Examples/documented-ev.order", "Examples/batch.order", "Examples/developers.csv")
        try world.copy(packageFile: "Examples/recipes/acme.order", as: "recipes/acme.order")
        let sent = try await world.certorder(["send", "documented-ev.order", "--yes", "--json"])
        #expect(sent.status == 0, "\(sent)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(sent.stdout.utf8)) as? [String: Any], "\(sent)")
        #expect(summary["total"] as? Int == 1 && summary["endpoint"] as? String == "sandbox")
        #expect(summary["counts"] as? [String: Int] == ["placed": 1])
        try await Self.validate(world, sent, against: "send")

        // A batch: several orders, each with its outcome; the same batch again skips them all.
        let batch = try await world.certorder(["send", "batch.order", "--yes", "--json", "--force"])
        #expect(batch.status == 0, "\(batch)")
        try await Self.validate(world, batch, against: "send")
        let again = try await world.certorder(["send", "batch.order", "--yes", "--json", "--force"])
        try await Self.validate(world, again, against: "send")
        let skipped = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any], "\(again)")
        #expect((skipped["counts"] as? [String: Int])?["skipped"] == skipped["total"] as? Int, "\(again)")

        let status = try await world.certorder(["status", "112233", "--json"])
        #expect(status.status == 0, "\(status)")
        #expect(status.stdout.contains(#""order_id" : 112233"#), "\(status)")
        try await Self.validate(world, status, against: "status")

        for what in ["orgs", "containers", "fields"] {
            let listed = try await world.certorder(["account", what, "--json"])
            #expect(listed.status == 0, "\(listed)")
            #expect(listed.stdout.hasPrefix("["), "\(listed)")
            try await Self.validate(world, listed, against: "account-\(what)")
        }

        let requests = try await world.certorder(["requests", "--json"])
        #expect(requests.status == 0, "\(requests)")
        try await Self.validate(world, requests, against: "requests")

        let reconciled = try await world.certorder(["reconcile", "--json"])
        #expect(reconciled.status == 0, "\(reconciled)")
        try await Self.validate(world, reconciled, against: "reconcile")

        let shown = try await world.certorder(["orders", "show", "1", "--json"])
        #expect(shown.status == 0, "\(shown)")
        try await Self.validate(world, shown, against: "journal-entry")
        let entry = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        // The payload is an object, not a string of JSON.
        #expect((entry["payload"] as? [String: Any])?["payment_method"] as? String == "balance", "\(shown)")

        let orders = try await world.certorder(["orders", "--json"])
        #expect(orders.status == 0, "\(orders)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(orders.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count > 1)
        for (index, _) in entries.enumerated() {
            let one = try JSONSerialization.data(withJSONObject: entries[index])
            try await Self.validate(world, CLIResult(status: 0, stdout: String(decoding: one, as: UTF8.self), stderr: ""), against: "journal-entry")
        }
    }

    @Test("check --json (file, line, column, end_line, end_column, severity, id, message, path) and compile --array")
    func languageShapes() async throws {
        let world = try CLIWorld(copying: "Examples/documented-ev.order")
        try world.write("bad.order", "order ev <\n  organization 123456\n  validity 4\n  ship < method expedited >\n>\n")
        let checked = try await world.certorder(["check", "--json", "bad.order"])
        #expect(checked.status == 65, "\(checked)")
        try await Self.validate(world, checked, against: "check")
        let diagnostics = try #require(try JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [[String: Any]])
        let range = try #require(diagnostics.first { $0["id"] as? String == "order.validity.range" }, "\(checked)")
        #expect(range["file"] as? String == "bad.order")
        #expect(range["line"] as? Int == 3 && range["column"] as? Int == 12)
        #expect(range["end_line"] as? Int == 3 && range["end_column"] as? Int == 13)
        #expect(range["severity"] as? String == "error")
        #expect(range["path"] as? String == "validity_years")

        // One order: an object by default, an array with --array.
        let one = try await world.certorder(["compile", "documented-ev.order"])
        #expect(one.status == 0 && one.stdout.hasPrefix("{"), "\(one)")
        let array = try await world.certorder(["compile", "--array", "documented-ev.order"])
        #expect(array.status == 0 && array.stdout.hasPrefix("["), "\(array)")
        try await Self.validate(world, array, against: "compile")
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(array.stdout.utf8)) as? [[String: Any]])
        #expect(decoded.count == 1)
        #expect(NSDictionary(dictionary: decoded[0])
                == NSDictionary(dictionary: try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])))
    }
}

/// Whether python3 has `jsonschema` (always assumed under scripts/test, which installs it, so a
/// missing validator fails there instead of skipping).
enum SchemaValidator {
    static let isAvailable: Bool = {
        if CLIPackage.requiresEveryTool { return true }
        guard let python = CLIPackage.which("python3") else { return false }
        return (try? Subprocess.run(python, ["-c", "import jsonschema"], environment: ProcessInfo.processInfo.environment).status) == 0
    }()
}
