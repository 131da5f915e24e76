import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A team's journal on PostgreSQL (issue 18): several `certorder` processes — as on several
/// machines — share one journal and one rate budget. Each test has its own database on the
/// throwaway server of scripts/with-postgres.
@Suite("A shared PostgreSQL journal", .enabled(if: PostgresTestDatabase.isAvailable, "needs scripts/with-postgres's server"))
struct PostgresJournalCLITests {
    /// One EV order per developer of a CSV: `rows` distinct orders named `Developer <prefix>N`.
    static func batch(_ dir: SafetyDirectory, rows: Int, prefix: String = "", name: String = "batch") throws -> String {
        let csv = (["name,addr1,zip"] + (0..<rows).map { "Developer \(prefix)\($0 + 1),\($0 + 1) Main Street,\(23000 + $0)" })
            .joined(separator: "\n") + "\n"
        try dir.write("\(name)/developers.csv", csv)
        return try dir.write("\(name)/batch.order", SafetyBatchTests.script)
    }

    @Test("two sends of the same 200-order batch, started together: 200 orders, each alternative id once")
    func twoProcessesOneBatch() async throws {
        let database = try PostgresTestDatabase()
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir, environment: ["CERTORDER_JOURNAL": database.url])
        let script = try Self.batch(dir, rows: 200)
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit", "--latency-ms", "20"])
        let arguments = ["send", script, "--endpoint", sandbox.baseURL, "--force", "--no-pacing"]
        let first = try cli.start(arguments, label: "send-1")
        let second = try cli.start(arguments, label: "send-2")
        let statuses = (try await first.wait(timeout: .seconds(240)), try await second.wait(timeout: .seconds(240)))

        let state = try await sandbox.state()
        #expect(state.orders == 200)
        #expect(state.byAlternativeID.count == 200)
        #expect(state.byAlternativeID.values.allSatisfy { $0.count == 1 })
        let entries = try await cli.journal()
        #expect(entries.filter { $0["state"] as? String == "placed" }.count == 200)
        #expect(Set(entries.compactMap { $0["alternative_order_id"] as? String }).count == 200)
        // Neither run took the other's sends for unknown ones: both end well.
        #expect(statuses.0 == 0, "\(first.stdout)\n\(first.stderr)")
        #expect(statuses.1 == 0, "\(second.stdout)\n\(second.stderr)")
        for run in [first, second] {
            #expect(!run.stderr.contains("unknown outcome"), "\(run.stderr)")
            #expect(!run.stderr.contains(database.url.split(separator: ":")[2].split(separator: "@")[0]), "the password must not be shown")
        }
    }

    @Test("one of the two killed with SIGKILL mid-batch: reconcile from the other's side, send again, 200 orders once each")
    func oneKilledThenReconciled() async throws {
        let database = try PostgresTestDatabase()
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir, environment: ["CERTORDER_JOURNAL": database.url])
        let script = try Self.batch(dir, rows: 200)
        // Slow answers, so the kill lands while sends are in flight.
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit", "--latency-ms", "150"])
        let arguments = ["send", script, "--endpoint", sandbox.baseURL, "--force", "--no-pacing"]
        let victim = try cli.start(arguments, label: "send-killed")
        let survivor = try cli.start(arguments, label: "send-survivor")
        let killed = try await safetyWatch(timeout: .seconds(60), until: { (sandbox.stateNow()?.orders ?? 0) >= 40 },
                                           then: { victim.deliver(SIGKILL) })
        #expect(killed)
        let victimStatus = try await victim.wait()
        #expect(victimStatus == 128 + SIGKILL)
        _ = try await survivor.wait(timeout: .seconds(240))

        // The killed run's sends are unknown (its process is gone); reconcile settles them from
        // the sandbox's account by their alternative ids, then the batch is sent again.
        let reconciled = try await cli.reconcileUntilSettled(
            endpoint: sandbox.baseURL, timeout: "1",
            after: SafetyResult(status: 75, stdout: "", stderr: ""))
        #expect(reconciled.status == 0, "\(reconciled)")
        let again = try await cli.run(arguments, timeout: .seconds(240))
        #expect(again.status == 0, "\(again)")

        let state = try await sandbox.state()
        #expect(state.orders == 200)
        #expect(state.byAlternativeID.count == 200)
        #expect(state.byAlternativeID.values.allSatisfy { $0.count == 1 })
        let entries = try await cli.journal()
        #expect(entries.filter { $0["state"] as? String == "placed" }.count == 200)
        #expect(!entries.contains { ["sending", "unknown"].contains($0["state"] as? String) })
    }

    @Test("three processes on one account with the sandbox's limits: a shared PostgreSQL journal draws no 429, three SQLite journals do")
    func sharedRateBudget() async throws {
        let rows = 60  // 3 × 60 = 180 requests: beyond the 100 per 5 s that one account may make
        let key = "shared-budget-key-\(UUID().uuidString.prefix(8))"

        /// Runs three sends of distinct batches at once; answers the sandbox's 429 count and the runs.
        func threeSends(journals: [String]) async throws -> (rateLimited: Int, placed: Int, runs: [SafetyProcess]) {
            let dir = try SafetyDirectory()
            let cli = try SafetyCLI(dir, environment: ["DIGICERT_API_KEY": key])
            let sandbox = try await SafetySandbox(cli)  // the documented limits
            var runs: [SafetyProcess] = []
            for (index, journal) in journals.enumerated() {
                let script = try Self.batch(dir, rows: rows, prefix: "\(index)-", name: "batch-\(index)")
                runs.append(try cli.start(["send", script, "--endpoint", sandbox.baseURL, "--force", "--concurrency", "16"],
                                          label: "send-\(index)", environment: ["CERTORDER_JOURNAL": journal]))
            }
            for run in runs {
                let status = try await run.wait(timeout: .seconds(240))
                #expect(status == 0, "\(run.stdout)\n\(run.stderr)")
            }
            let state = try await sandbox.state()
            return (state.rateLimited, state.orders, runs)
        }

        let database = try PostgresTestDatabase()
        let shared = try await threeSends(journals: Array(repeating: database.url, count: 3))
        #expect(shared.placed == 3 * rows)
        #expect(shared.rateLimited == 0, "a shared budget must keep the three within the account's limits")
        for run in shared.runs { #expect(!run.stderr.contains("HTTP 429"), "\(run.stderr)") }
        #expect(try database.sql("SELECT count(DISTINCT account), min(length(account)) FROM rate_permit") == "1|16\n")
        #expect(try database.sql("SELECT count(*) FROM rate_permit WHERE account LIKE '%\(key)%'") == "0\n")

        let files = try TemporaryDirectory()
        let separate = try await threeSends(journals: (0..<3).map { files.path("journal-\($0).sqlite") })
        #expect(separate.placed == 3 * rows)
        #expect(separate.rateLimited > 0, "three processes pacing alone overrun the account's limits")
    }
}
