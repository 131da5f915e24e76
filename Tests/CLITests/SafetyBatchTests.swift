import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A batch of 200 orders (a CSV through a recipe) sent by `certorder send`, interrupted half way
/// with SIGINT, and sent again: the sandbox ends with exactly 200 orders, none twice, and the
/// journal with 200 placed entries.
@Suite("An interrupted batch, sent again")
struct SafetyBatchTests {
    static let rows = 200

    /// The script: one EV order per developer of `developers.csv`, through a recipe.
    static let script = """
        # One EV order with a token per developer of developers.csv.
        recipe developer_token(name, addr1, zip) <
        \(DocumentedExample.tokenOrderScript(name: "$name", addr1: "$addr1", zip: "$zip"))
        >

        for dev in csv "developers.csv" <
          use developer_token($dev.name, $dev.addr1, $dev.zip)
        >

        """

    static var csv: String {
        (["name,addr1,zip"] + (0..<rows).map { "Developer \($0 + 1),\($0 + 1) Main Street,\(23000 + $0)" })
            .joined(separator: "\n") + "\n"
    }

    @Test func interruptedBatchSentAgainPlacesEachOrderOnce() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        try dir.write("batch/developers.csv", Self.csv)
        let script = try dir.write("batch/batch.order", Self.script)
        // Slow enough to interrupt part way (8 in flight, 100 ms each: 2.5 s at least).
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit", "--latency-ms", "100"])

        let first = try cli.start(["send", script, "--endpoint", sandbox.baseURL], label: "send-1")
        let caught = try await safetyWatch(until: { (sandbox.stateNow()?.orders ?? 0) >= 40 }, then: { first.deliver(SIGINT) })
        #expect(caught)
        let status = try await first.wait()
        #expect(status == 130, "the batch finished before the interrupt: \(first.stdout)\n\(first.stderr)")
        #expect(first.stderr.hasSuffix("interrupted: run the same command again to send the rest (what was placed is skipped)\n"))

        // Every send that started was finished and recorded: none is left sending or unknown.
        let placedFirst = try await sandbox.state().orders
        #expect(placedFirst > 0 && placedFirst < Self.rows)
        #expect(first.stdout.hasSuffix("\n\(Self.rows) orders: \(placedFirst) placed, \(Self.rows - placedFirst) not sent\n"), "\(first.stdout)")
        var entries = try await cli.journal()
        #expect(entries.count == placedFirst)
        #expect(entries.allSatisfy { $0["state"] as? String == "placed" })

        // Resumed three days later (the journal is backdated past the 24-hour guard): the batch's
        // unfinished run knows what it placed. What was placed is skipped, the rest is sent.
        try await Self.backdateJournal(cli, dir, days: 3)
        let second = try await cli.run(["send", script, "--endpoint", sandbox.baseURL])
        #expect(second.status == 0, "\(second)")
        #expect(second.stdout.hasSuffix("\n\(Self.rows) orders: \(Self.rows - placedFirst) placed, \(placedFirst) skipped\n"), "\(second.stdout)")

        // And a third time: nothing is sent.
        let third = try await cli.run(["send", script, "--endpoint", sandbox.baseURL])
        #expect(third.status == 0, "\(third)")
        #expect(third.stdout.hasSuffix("\n\(Self.rows) orders: \(Self.rows) skipped\n"), "\(third.stdout)")
        #expect(third.stderr.contains("note: \(Self.rows) orders were skipped: already placed (journal #"), "\(third.stderr)")
        #expect(third.stderr.hasSuffix(", …); add --allow-duplicate to place them again\n"), "\(third.stderr)")


        // Exactly 200 orders, one per alternative id, one per developer.
        let state = try await sandbox.state()
        #expect(state.orders == Self.rows)
        #expect(state.ordersPlaced == Self.rows)
        #expect(state.byAlternativeID.count == Self.rows)
        #expect(state.byAlternativeID.values.allSatisfy { $0.count == 1 })
        #expect(Set(state.orderIDs).count == Self.rows)

        entries = try await cli.journal()
        #expect(entries.count == Self.rows)
        #expect(entries.allSatisfy { $0["state"] as? String == "placed" })
        #expect(Set(entries.compactMap { $0["order_id"] as? Int }) == Set(state.orderIDs))
        #expect(Set(entries.compactMap { $0["alternative_order_id"] as? String }) == Set(state.byAlternativeID.keys))
        #expect(Set(entries.compactMap { $0["payload_digest"] as? String }).count == Self.rows)
        let names = Set(entries.compactMap { entry -> String? in
            guard let payload = entry["payload"] as? [String: Any],
                  let ship = payload["ship_info"] as? [String: Any] else { return nil }
            return ship["name"] as? String
        })
        #expect(names == Set((1...Self.rows).map { "Developer \($0)" }))

        // A finished batch run again more than 24 hours after it finished is a new run (a
        // renewal): every order is sent, once.
        try await Self.backdateJournal(cli, dir, days: 3)
        let renewal = try await cli.run(["send", script, "--endpoint", sandbox.baseURL])
        #expect(renewal.status == 0, "\(renewal)")
        #expect(renewal.stdout.hasSuffix("\n\(Self.rows) orders: \(Self.rows) placed\n"), "\(renewal.stdout)")
        let renewed = try await sandbox.state()
        #expect(renewed.orders == 2 * Self.rows)
        #expect(renewed.byAlternativeID.values.allSatisfy { $0.count == 1 })
    }

    /// Moves every journal entry `days` into the past, as if the runs so far had happened then.
    static func backdateJournal(_ cli: SafetyCLI, _ dir: SafetyDirectory, days: Int) async throws {
        let shift = days * 86_400_000
        let result = try await cli.runTool("sqlite3", [dir.journal, "UPDATE journal_entry SET created_at = created_at - \(shift), updated_at = updated_at - \(shift)"])
        #expect(result.status == 0, "\(result)")
    }

    /// A batch whose first order met a dropped connection: on the re-run that order is skipped
    /// (its outcome is unknown) and the run says so and fails (75) instead of reporting success;
    /// after `reconcile`, a re-run is clean. Each order is placed once.
    @Test func aBatchWithAnUnknownOrderIsNotDoneUntilReconciled() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        try dir.write("batch/developers.csv", "name,addr1,zip\nAda,1 First Street,23001\nBo,2 Second Street,23002\n")
        let script = try dir.write("batch/batch.order", Self.script)
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit", "--drop-next-orders", "1"])

        let first = try await cli.run(["send", script, "--endpoint", sandbox.baseURL, "--concurrency", "1", "--keep-going"])
        #expect(first.status == 69, "\(first)")
        #expect(first.stdout.hasSuffix("\n2 orders: 1 placed, 1 unknown\n"), "\(first)")
        #expect(try await cli.journal().map { $0["state"] as? String } == ["placed", "unknown"])

        let second = try await cli.run(["send", script, "--endpoint", sandbox.baseURL])
        #expect(second.status == 75, "\(second)")
        #expect(second.stdout.hasSuffix("\n2 orders: 2 skipped\n"), "\(second)")
        #expect(second.stderr.hasPrefix("note: 1 earlier send has an unknown outcome (journal #1); run 'reconcile' before sending them again\n"), "\(second)")
        #expect(second.stderr.hasSuffix("1 order was skipped because an earlier send has an unknown outcome (journal #1): "
                                        + "run 'certorder reconcile --endpoint \(sandbox.baseURL)', then this command again\n"), "\(second)")

        let reconciled = try await cli.run(["reconcile", "--endpoint", sandbox.baseURL])
        #expect(reconciled.status == 0, "\(reconciled)")
        #expect(reconciled.stdout.hasSuffix(": placed as order 112233\n"), "\(reconciled)")

        let third = try await cli.run(["send", script, "--endpoint", sandbox.baseURL])
        #expect(third.status == 0, "\(third)")
        #expect(third.stdout.hasSuffix("\n2 orders: 2 skipped\n"), "\(third)")
        #expect(!third.stderr.contains("unknown outcome"), "\(third)")
        let state = try await sandbox.state()
        #expect(state.orderIDs == [112233, 112234])
        #expect(state.byAlternativeID.values.allSatisfy { $0.count == 1 })
        #expect(try await cli.journal().map { $0["state"] as? String } == ["placed", "placed"])
    }
}
