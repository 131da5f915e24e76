import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 13, finding 3: a journal deleted while a batch runs. Before, the batch wrote on into
/// the unlinked file, reported every order placed, and a re-run placed them all again. Now the
/// batch stops at its next journal write with a clear error; `reconcile --batch` finds what the
/// run placed on the account (its orders' alternative ids are derived from the run and their
/// place in it) and records it; the re-run sends only the rest.
@Suite("A journal lost during a batch")
struct JournalLossTests {
    static let rows = 40

    static var csv: String {
        (["name,addr1,zip"] + (0..<rows).map { "Developer \($0 + 1),\($0 + 1) Main Street,\(23000 + $0)" })
            .joined(separator: "\n") + "\n"
    }

    @Test("finding 3: a journal deleted during a batch stops it; reconcile --batch and a re-run leave exactly its orders")
    func finding3DeletedJournalStopsTheBatchAndIsRecoveredFromTheAccount() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        try dir.write("batch/developers.csv", Self.csv)
        let script = try dir.write("batch/batch.order", SafetyBatchTests.script)
        // Slow enough to delete the journal part way (2 in flight, 100 ms each: 2 s at least).
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit", "--latency-ms", "100"])

        let first = try cli.start(["send", script, "--endpoint", sandbox.baseURL, "--concurrency", "2"], label: "send-1")
        let journal = dir.journal
        let deleted = try await safetyWatch(until: { (sandbox.stateNow()?.orders ?? 0) >= 5 }, then: {
            for suffix in ["", "-wal", "-shm"] { unlink(journal + suffix) }
        })
        #expect(deleted)
        let status = try await first.wait()
        #expect(status == 70, "\(first.stdout)\n\(first.stderr)")
        #expect(first.stderr.hasSuffix("error: the journal \(journal) was deleted or replaced while this run used it; nothing more is sent. "
                                       + "The orders this run placed can be found with 'certorder reconcile --batch' (see 'certorder reconcile --help')\n"),
                "\(first.stderr)")
        let placedFirst = try await sandbox.state().orders
        #expect(placedFirst >= 5 && placedFirst < Self.rows, "the batch went on after its journal was deleted")
        #expect(!FileManager.default.fileExists(atPath: journal))

        // The journal is gone; the account knows what the run placed.
        let reconciled = try await cli.run(["reconcile", "--batch", script, "--endpoint", sandbox.baseURL])
        #expect(reconciled.status == 0, "\(reconciled)")
        let lines = reconciled.stdout.split(separator: "\n")
        #expect(lines.count == Self.rows + 1, "\(reconciled)")
        #expect(lines.filter { $0.contains(": placed as order ") }.count == placedFirst, "\(reconciled)")
        #expect(lines.last?.hasPrefix("\(placedFirst) orders of this batch found on \(sandbox.baseURL); \(Self.rows - placedFirst) of run batch-") == true,
                "\(reconciled)")
        var entries = try await cli.journal()
        #expect(entries.count == placedFirst)
        #expect(entries.allSatisfy { $0["state"] as? String == "placed" })

        // The re-run sends only the rest.
        let second = try await cli.run(["send", script, "--endpoint", sandbox.baseURL])
        #expect(second.status == 0, "\(second)")
        #expect(second.stdout.hasSuffix("\n\(Self.rows) orders: \(Self.rows - placedFirst) placed, \(placedFirst) skipped\n"), "\(second.stdout)")

        // Exactly the batch's orders, each once.
        let state = try await sandbox.state()
        #expect(state.orders == Self.rows)
        #expect(state.byAlternativeID.count == Self.rows)
        #expect(state.byAlternativeID.values.allSatisfy { $0.count == 1 })
        entries = try await cli.journal()
        #expect(entries.count == Self.rows)
        #expect(Set(entries.compactMap { $0["alternative_order_id"] as? String }) == Set(state.byAlternativeID.keys))
    }
}
