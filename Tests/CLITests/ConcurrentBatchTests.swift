import Foundation
import Testing
import TestSupport

/// Issue 13, finding 12: two runs of one batch on one journal at once. Before, each blamed the
/// other's in-flight sends as "unknown outcome … run reconcile" and exited 75 while nothing was
/// unknown. Now a send another live process has under way is "in flight by another run", and
/// the two runs together place each order once.
@Suite("Concurrent batches on one journal")
struct ConcurrentBatchTests {
    static let rows = 12

    static var csv: String {
        (["name,addr1,zip"] + (0..<rows).map { "Developer \($0 + 1),\($0 + 1) Main Street,\(23000 + $0)" })
            .joined(separator: "\n") + "\n"
    }

    @Test("finding 12: a second run skips the first run's in-flight sends as in flight, not unknown; no exit 75")
    func finding12InFlightByAnotherRunIsNotUnknown() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        try dir.write("batch/developers.csv", Self.csv)
        let script = try dir.write("batch/batch.order", SafetyBatchTests.script)
        // Every answer takes 15 s (half the request timeout) and the first run sends all its orders at once: they stay in
        // flight for 15 s, while the second run (however slow to start on a loaded machine)
        // records its intents. --force: no account lookup before the sends.
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit", "--latency-ms", "15000"])

        let first = try cli.start(["send", script, "--endpoint", sandbox.baseURL, "--concurrency", "\(Self.rows)", "--force"], label: "send-1")
        // In flight: every order has reached the sandbox, which holds its answer. (This waited
        // on `orders --json` seeing `sending` entries before, a process per poll; beside the
        // other CLI tests those polls missed the window. The sandbox's count is one cheap read.)
        #expect(await eventually(timeout: .seconds(60), every: .milliseconds(20)) {
            (sandbox.stateNow()?.requestCount ?? 0) >= Self.rows
        }, "the first run's orders never reached the sandbox")

        // --verbose: each skipped order's line too (by default a batch prints failures and counts).
        let second = try await cli.run(["send", script, "--endpoint", sandbox.baseURL, "--concurrency", "8", "--force", "--verbose"], timeout: .seconds(90))
        let firstStatus = try await first.wait(timeout: .seconds(90))
        #expect(second.status == 0, "\(second)")
        #expect(firstStatus == 0, "\(first.stdout)\n\(first.stderr)")
        #expect(second.stderr.contains("in flight by another run (process \(first.pid), journal #"), "\(second.stderr)")
        #expect(second.stderr.contains(" skipped: another run is sending "), "\(second.stderr)")
        for run in [second.stderr, first.stderr] {
            #expect(!run.contains("unknown outcome"), "\(run)")
        }

        // Together, each order once.
        let state = try await sandbox.state()
        #expect(state.orders == Self.rows)
        #expect(state.byAlternativeID.count == Self.rows)
        #expect(state.byAlternativeID.values.allSatisfy { $0.count == 1 })
        let entries = try await cli.journal()
        #expect(entries.filter { $0["state"] as? String == "placed" }.count == Self.rows)
    }
}
