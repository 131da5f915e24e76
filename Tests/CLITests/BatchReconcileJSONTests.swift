import Foundation
import Testing

/// Issue 17, item 4: `reconcile --batch FILE… --json` prints what the batch's runs placed on the
/// account, order by order (Docs/schemas/reconcile-batch.schema.json), as the text form does.
@Suite("reconcile --batch --json", .enabled(if: SchemaValidator.isAvailable))
struct BatchReconcileJSONTests {
    @Test("a batch whose journal was lost: every order found placed, recorded again, in the schema's shape")
    func lostJournal() async throws {
        let world = try CLIWorld(copying: "Examples/batch.order", "Examples/developers.csv")
        try world.copy(packageFile: "Examples/recipes/acme.order", as: "recipes/acme.order")
        let sent = try await world.certorder(["send", "batch.order", "--yes", "--force"])
        #expect(sent.status == 0, "\(sent)")
        for suffix in ["", "-wal", "-shm"] { unlink(world.journal + suffix) }

        let reconciled = try await world.certorder(["reconcile", "--batch", "batch.order", "--json"])
        #expect(reconciled.status == 0, "\(reconciled)")
        try await JSONSchemaTests.validate(world, reconciled, against: "reconcile-batch")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(reconciled.stdout.utf8)) as? [String: Any], "\(reconciled)")
        let batch = try #require(report["batch"] as? String)
        let orders = try #require(report["orders"] as? [[String: Any]])
        let placed = orders.filter { $0["state"] as? String == "placed" }
        #expect(placed.count == 3, "\(reconciled.stdout)")
        #expect(report["endpoint"] as? String == "sandbox" && report["placed"] as? Int == 3)
        #expect(report["latest_run"] as? String == batch + "-1")
        #expect(report["not_placed_in_latest_run"] as? Int == 0)
        // Each placed order: its place, its line in the script, its derived id, its order and journal entry.
        #expect(placed.map { $0["index"] as? Int } == [1, 2, 3])
        // Each order is made by the recipe's `order` statement; its note says which row of the CSV.
        #expect(placed.allSatisfy { $0["run"] as? String == batch + "-1" && $0["file"] as? String == "recipes/acme.order" && $0["line"] as? Int == 16 },
                "\(reconciled.stdout)")
        #expect(Set(placed.compactMap { $0["note"] as? String }).count == 3, "\(reconciled.stdout)")
        #expect(placed.allSatisfy { ($0["order_id"] as? Int ?? 0) > 0 && ($0["journal_id"] as? Int ?? 0) > 0 })
        #expect(Set(placed.compactMap { $0["alternative_order_id"] as? String }).count == 3)

        let listed = try await world.certorder(["orders", "--json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]], "\(listed)")
        #expect(Set(entries.compactMap { $0["alternative_order_id"] as? String }) == Set(placed.compactMap { $0["alternative_order_id"] as? String }))
    }
}
