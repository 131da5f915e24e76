import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 12's remaining findings (6, 9, 12) and the rest of its "Build" list, run as a careless
/// user would run them.
@Suite("Trust holes, the rest")
struct TrustRemainderTests {
    /// A batch of `rows` EV orders (a CSV through a recipe), all valid for the sandboxes.
    static func batch(rows: Int, in dir: SafetyDirectory) throws -> String {
        let csv = (["name,addr1,zip"] + (0..<rows).map { "Developer \($0 + 1),\($0 + 1) Main Street,\(23000 + $0)" })
            .joined(separator: "\n") + "\n"
        try dir.write("batch/developers.csv", csv)
        return try dir.write("batch/batch.order", SafetyBatchTests.script)
    }

    /// Finding 6: a rehearsal is paced like the live run. 130 orders on a sandbox that enforces
    /// CertCentral's limits (100 requests per 5 s) were sent unpaced, and some 30 came back
    /// `HTTP 429` (each a note in the progress). Paced by default, the sandbox refuses none and
    /// places each order once. (The pacer waits on conditions of its own clock; nothing here
    /// measures time.)
    @Test("finding 6: a batch on a rate-limited sandbox is paced by default: no HTTP 429")
    func finding6_aRehearsalIsPacedByDefault() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let script = try Self.batch(rows: 130, in: dir)
        let sandbox = try await SafetySandbox(cli)  // the documented limits
        let sent = try await cli.run(["send", script, "--endpoint", sandbox.baseURL], timeout: .seconds(120))
        #expect(sent.status == 0, "\(sent)")
        #expect(!sent.stderr.contains("429"), "\(sent)")
        #expect(sent.stdout.contains("130 orders: 130 placed"), "\(sent)")
        let state = try await sandbox.state()
        #expect(state.rateLimited == 0)
        #expect(state.orders == 130)
    }

    /// Finding 6: `--no-pacing` is for a sandbox on this machine only; with a live endpoint it
    /// is a usage error (64), said before anything else (the key, the journal, a connection).
    @Test("finding 6: --no-pacing off loopback is refused with 64", arguments: ["us", "https://www.digicert.com/services/v2",
                                                                              "https://certcentral.example.test/services/v2"])
    func finding6_noPacingIsForLoopbackOnly(endpoint: String) async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir, environment: ["DIGICERT_API_KEY": "trust-test-key-0123456789"])
        let order = try dir.write("x.order", safetyOrderScript())
        let name = endpoint == "us" || endpoint.contains("www.digicert.com") ? "us" : endpoint
        let message = "error: --no-pacing is only for a sandbox on this machine; \(name) is a live endpoint and is always paced to CertCentral's limits\n"
        for arguments in [["send", order, "--yes"], ["run", order, "--yes"], ["-c", "validate"]] {
            let result = try await cli.run(arguments + ["--endpoint", endpoint, "--no-pacing"])
            #expect(result.status == 64, "\(arguments): \(result)")
            #expect(result.stderr == message, "\(arguments): \(result)")
            #expect(result.stdout.isEmpty, "\(arguments): \(result)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.journal))
        // Without a key the refusal is the same: the command line is wrong first.
        let keyless = try await cli.run(["send", order, "--endpoint", endpoint, "--no-pacing"], environment: ["DIGICERT_API_KEY": ""])
        #expect(keyless.status == 64, "\(keyless)")
        #expect(keyless.stderr.hasSuffix(message), "\(keyless)")

        // A loopback sandbox takes it.
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit"])
        let loopback = try await cli.run(["send", order, "--endpoint", sandbox.baseURL, "--no-pacing"])
        #expect(loopback.status == 0, "\(loopback)")
    }

    /// Finding 12: the read-only commands carry only the options they use. `orders --endpoint us`
    /// read the local journal only after demanding an API key, and did not filter by the
    /// endpoint; `orders show N --json` printed text; `--yes` ("do not ask before sending") was
    /// in the help of commands that send nothing.
    @Test("finding 12: orders needs no key, --endpoint filters it, show N --json is JSON; --yes only where it sends")
    func finding12_readOnlyCommandsHaveOnlyTheirOptions() async throws {
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/documented-ev.order", as: "x.order")
        let sent = try await world.certorder(["send", "x.order", "--yes"])
        #expect(sent.status == 0, "\(sent)")

        // No key in the environment: the journal is read all the same, and us has no entry.
        let live = try await world.certorder(["orders", "--endpoint", "us", "--json"])
        #expect(live.status == 0, "\(live)")
        #expect(live.stderr.isEmpty, "\(live)")
        #expect(try JSONSerialization.jsonObject(with: Data(live.stdout.utf8)) as? [Any] != nil && live.stdout.hasPrefix("["), "\(live)")
        #expect((try JSONSerialization.jsonObject(with: Data(live.stdout.utf8)) as? [Any])?.isEmpty == true, "\(live)")
        let url = try await world.certorder(["orders", "--endpoint", "https://www.digicert.com/services/v2"])
        #expect(url.status == 0, "\(url)")
        #expect(!url.stdout.contains("sandbox"), "\(url)")
        let sandbox = try await world.certorder(["orders", "--endpoint", "sandbox", "--json"])
        #expect(sandbox.status == 0, "\(sandbox)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(sandbox.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == 1)
        #expect(entries.first?["endpoint"] as? String == "sandbox")

        // One entry as a JSON object, with the members of the list.
        let shown = try await world.certorder(["orders", "show", "1", "--json"])
        #expect(shown.status == 0, "\(shown)")
        let entry = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any], "\(shown)")
        #expect(entry["id"] as? Int == 1)
        #expect(entry["state"] as? String == "placed")
        #expect(Set(entry.keys) == Set(entries[0].keys))
        // The shell's orders show N --json too.
        let piped = try await world.certorder(["-c", "orders show 1 --json"])
        #expect(piped.status == 0, "\(piped)")
        #expect((try JSONSerialization.jsonObject(with: Data(piped.stdout.utf8)) as? [String: Any])?["id"] as? Int == 1, "\(piped)")

        // --yes is an option of the commands that send, and of no other.
        for command in ["status", "approve", "reject", "cancel", "orders", "account", "reconcile", "compile", "check", "export"] {
            let help = try await world.certorder([command, "--help"])
            #expect(help.status == 0, "\(command): \(help)")
            #expect(!help.stdout.contains("--yes"), "\(command) --help offers --yes:\n\(help.stdout)")
            #expect(!help.stdout.contains("--no-pacing"), "\(command) --help offers --no-pacing:\n\(help.stdout)")
        }
        for command in ["send", "run", "shell"] {
            let help = try await world.certorder([command, "--help"])
            #expect(help.stdout.contains("--yes"), "\(command): \(help)")
        }
        // orders takes no key file: it reads nothing but the journal.
        let keyFile = try await world.certorder(["orders", "--api-key-file", "key.txt"])
        #expect(keyFile.status == 64, "\(keyFile)")
        #expect(keyFile.stdout.isEmpty, "\(keyFile)")
    }

    /// Finding 9: a refused statement (`payment bitcoin`) and the validator's errors for the rest
    /// of the order (`validity 9`) in one run; the refused field is unknown, not missing, so
    /// `validity banana` brings no "a validity is required" with it. In `check`, `compile` and
    /// `send` (nothing sent).
    @Test("finding 9: refusals and validator errors are reported together, with no spurious 'missing'")
    func finding9_allErrorsAtOnce() async throws {
        let world = try CLIWorld()
        let documented = try CLIPackage.read("Examples/documented-ev.order")
        try world.write("f9.order", documented.replacingOccurrences(of: "validity 1", with: "validity 9")
                                              .replacingOccurrences(of: "payment balance", with: "payment bitcoin"))
        try world.write("banana.order", documented.replacingOccurrences(of: "validity 1", with: "validity banana"))
        let lines = documented.split(separator: "\n", omittingEmptySubsequences: false)
        let validityLine = try #require(lines.firstIndex { $0.contains("validity 1") }) + 1
        let paymentLine = try #require(lines.firstIndex { $0.contains("payment balance") }) + 1
        for command in ["check", "compile", "send"] {
            let result = try await world.certorder([command, "f9.order"] + (command == "send" ? ["--yes"] : []))
            #expect(result.status == 65, "\(command): \(result)")
            #expect(result.stderr.contains("f9.order:\(paymentLine):11: error: 'payment' must be balance, card or profile; got 'bitcoin'"),
                    "\(command): \(result)")
            #expect(result.stderr.contains("f9.order:\(validityLine):12: error: validity_years must be 1, 2 or 3; got 9"), "\(command): \(result)")
            #expect(!result.stdout.contains("placed"), "\(command): \(result)")

            let banana = try await world.certorder([command, "banana.order"] + (command == "send" ? ["--yes"] : []))
            #expect(banana.status == 65, "\(command): \(banana)")
            #expect(banana.stderr.contains("got 'banana'"), "\(command): \(banana)")
            #expect(!banana.stderr.contains("a validity is required"), "\(command): \(banana)")
            #expect(!banana.stderr.contains("validity_years"), "\(command): \(banana)")
        }
        // Nothing was sent: the journal holds no entry.
        let orders = try await world.certorder(["orders", "--json"])
        #expect((try JSONSerialization.jsonObject(with: Data(orders.stdout.utf8)) as? [Any])?.isEmpty == true, "\(orders)")
    }
}
