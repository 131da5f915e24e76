import Foundation
import Testing
import TestSupport

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

    // MARK: - send --dry-run

    /// `send --dry-run` says what a send would do — place, skip (the duplicate guard), block —
    /// and sends nothing and journals nothing: in the CLI, the shell (piped and `-c`) and `run`.
    @Test("send --dry-run: would place, skipped, blocked; nothing sent, nothing journaled")
    func dryRunSendsAndJournalsNothing() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit"])
        let order = try dir.write("x.order", safetyOrderScript())
        let other = try dir.write("y.order", safetyOrderScript(name: "Grace Hopper"))
        let bad = try dir.write("bad.order", safetyOrderScript(name: "Ada").replacingOccurrences(of: "validity 1", with: "validity 9"))
        let endpoint = ["--endpoint", sandbox.baseURL]

        // Nothing journaled yet: no journal file is made.
        let first = try await cli.run(["send", order, "--dry-run"] + endpoint)
        #expect(first.status == 0, "\(first)")
        #expect(first.stdout == "would place  \(order):2 (code_signing_ev)\n"
                + "dry run on \(sandbox.baseURL): 1 would be placed, 0 skipped, 0 blocked; nothing was sent\n", "\(first)")
        #expect(!FileManager.default.fileExists(atPath: dir.journal))

        // Place x for real; then a dry run of x, y and bad: skip, place, block (exit 65).
        let sent = try await cli.run(["send", order] + endpoint)
        #expect(sent.status == 0, "\(sent)")
        let before = try await cli.journal()
        let mixed = try await cli.run(["send", order, other, bad, "--dry-run"] + endpoint)
        #expect(mixed.status == 65, "\(mixed)")
        #expect(mixed.stdout.contains("would skip   \(order):2 (code_signing_ev): already placed on \(sandbox.baseURL) as order 112233 (journal #1)"), "\(mixed)")
        #expect(mixed.stdout.contains("would place  \(other):2 (code_signing_ev)"), "\(mixed)")
        #expect(mixed.stdout.contains("blocked      \(bad):2 (code_signing_ev): validity_years must be 1, 2 or 3; got 9"), "\(mixed)")
        #expect(mixed.stdout.hasSuffix("dry run on \(sandbox.baseURL): 1 would be placed, 1 skipped, 1 blocked; nothing was sent\n"), "\(mixed)")

        // The shell's send --dry-run, piped, in -c and in run: the same judgement.
        let piped = try await cli.run(endpoint, input: "load \(other)\nsend --dry-run\nsend --dry-run --yes\n")
        #expect(piped.status == 0, "\(piped)")
        #expect(piped.stdout.components(separatedBy: "would place  the draft (code_signing_ev)").count == 3, "\(piped)")
        let dashC = try await cli.run(endpoint + ["-c", "load \(order); send --dry-run"])
        #expect(dashC.status == 0, "\(dashC)")
        #expect(dashC.stdout.contains("would skip   the draft (code_signing_ev): already placed"), "\(dashC)")
        let script = try dir.write("run.order", safetyOrderScript(name: "Grace Hopper") + "send --dry-run --yes\n")
        let run = try await cli.run(["run", script] + endpoint)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("would place  the draft (code_signing_ev)"), "\(run)")
        let blocked = try await cli.run(endpoint + ["-c", "load \(bad); send --dry-run"])
        #expect(blocked.status == 65, "\(blocked)")
        #expect(blocked.stdout.contains("blocked      the draft (code_signing_ev): validity_years must be 1, 2 or 3; got 9"), "\(blocked)")

        // One order in the sandbox, one entry in the journal: the real send's.
        #expect(try await sandbox.state().orders == 1)
        let after = try await cli.journal()
        #expect(after.count == before.count && after.count == 1)
    }

    // MARK: - Exit statuses

    /// The documented exit statuses (README, `certorder --help`, Docs/Safety.md), one outcome
    /// per row, by running the binary: what `ExitStatus.combine` and the commands give.
    @Test("exit statuses follow the documented table")
    func exitStatusesFollowTheTable() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let order = try dir.write("x.order", safetyOrderScript())
        let invalid = try dir.write("bad.order", safetyOrderScript(name: "Ada").replacingOccurrences(of: "validity 1", with: "validity 9"))
        let garbled = try dir.write("garbled.order", "order ev <\n")
        let both = try dir.write("both.order", safetyOrderScript(name: "Bea") + safetyOrderScript(name: "Cy").replacingOccurrences(of: "validity 1", with: "validity 9"))
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit"])
        let failing = try await SafetySandbox(cli, ["--no-rate-limit", "--failure-rate", "1"])
        let closed = try ReservedPort()
        let closedURL = "http://127.0.0.1:\(closed.port)/services/v2"

        let table: [(outcome: String, arguments: [String], input: String?, environment: [String: String], status: Int32)] = [
            ("a valid script checks", ["check", order], nil, [:], 0),
            ("an order placed", ["send", order, "--endpoint", sandbox.baseURL], nil, [:], 0),
            ("an unknown option", ["check", order, "--frobnicate"], nil, [:], 64),
            ("a missing file", ["run", dir.path + "/none.order"], nil, [:], 64),
            ("--no-pacing off loopback", ["send", order, "--endpoint", "us", "--no-pacing"], nil, ["DIGICERT_API_KEY": "exit-table-key-0123456789"], 64),
            ("a live endpoint without a key", ["send", order, "--endpoint", "us"], nil, [:], 64),
            ("a script that does not parse", ["check", garbled], nil, [:], 65),
            ("a validator error", ["send", invalid, "--endpoint", sandbox.baseURL], nil, [:], 65),
            ("an order refused by CertCentral (4xx)", ["send", invalid, "--force", "--endpoint", sandbox.baseURL], nil, [:], 65),
            ("a single order already placed", ["send", order, "--endpoint", sandbox.baseURL], nil, [:], 65),
            ("a live send with no terminal and no --yes", ["send", order, "--endpoint", "https://certcentral.example.test/services/v2"],
             nil, ["DIGICERT_API_KEY": "exit-table-key-0123456789"], 65),
            ("a dry run with a blocked order", ["send", invalid, "--dry-run", "--endpoint", sandbox.baseURL], nil, [:], 65),
            ("a batch: one placed, one refused (4xx)", ["send", both, "--force", "--keep-going", "--endpoint", sandbox.baseURL], nil, [:], 65),
            ("the API unreachable", ["send", try dir.write("z.order", safetyOrderScript(name: "Zed")), "--endpoint", closedURL], nil, [:], 69),
            ("a 5xx: try later", ["send", try dir.write("w.order", safetyOrderScript(name: "Wu")), "--force", "--endpoint", failing.baseURL],
             nil, [:], 75),
            ("a piped session with a bad flag", ["--endpoint", sandbox.baseURL], "send --bogus\n", [:], 65),
        ]
        for row in table {
            let result = try await cli.run(row.arguments, input: row.input, environment: row.environment, timeout: .seconds(60))
            #expect(result.status == row.status, "\(row.outcome): \(result)")
        }
        closed.release()
    }

    // MARK: - The shell's command line, fuzzed

    /// Random flags and arguments after every command of the shell, in a piped session that
    /// goes on after each failure (`--keep-going`): each line carries at least one flag no
    /// command has, so each must be refused, and none may reach a send — the sandbox records no
    /// order and the journal no entry, whatever `--yes`, `--force` or `--allow-duplicate` ride
    /// along. Seeded, so a failure replays.
    @Test("fuzz: random flags and arguments after every shell command never reach a send", arguments: [UInt64(1), 2, 3])
    func fuzzedCommandLinesNeverSend(seed: UInt64) async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit"])
        let order = try dir.write("x.order", safetyOrderScript())
        var random = SeededGenerator(seed: seed)
        let commands = ["new", "set", "unset", "show", "json", "validate", "explain", "export", "send", "status", "approve", "reject",
                        "cancel", "orders", "reconcile", "endpoint", "key", "orgs", "containers", "fields", "load", "save", "recipes",
                        "recipe", "help", "history", "quit", "exit"]
        let realFlags = ["--yes", "--force", "--allow-duplicate", "--dry-run", "--json", "--endpoint"]
        let words = ["send", "112233", "113", "ev", "sandbox", "us", order, "python", "validity", "1", "-", "--", "placed", "show", "x"]
        var lines = ["load \(order)"]
        for _ in 0..<8 {
            for command in commands.shuffled(using: &random) {
                var tokens: [String] = []
                for _ in 0..<Int.random(in: 0...3, using: &random) {
                    tokens.append(Bool.random(using: &random) ? realFlags.randomElement(using: &random)! : words.randomElement(using: &random)!)
                }
                // The flag no command has, somewhere among them.
                let bogus = "--" + ["frobnicate", "bogus", "yes-please", "sendit", "f", "dry", "forcefully"].randomElement(using: &random)!
                tokens.insert(bogus, at: Int.random(in: 0...tokens.count, using: &random))
                lines.append(([command] + tokens).joined(separator: " "))
            }
        }
        let result = try await cli.run(["--keep-going", "--endpoint", sandbox.baseURL], input: lines.joined(separator: "\n") + "\n",
                                       timeout: .seconds(120))
        #expect(result.status == 64 || result.status == 65, "\(result)")
        #expect(!result.stdout.contains("placed order"), "seed \(seed): \(result)")
        let state = try await sandbox.state()
        #expect(state.orders == 0, "seed \(seed): a fuzzed line placed an order:\n\(lines.joined(separator: "\n"))")
        let journal = try await cli.journal()
        #expect(journal.isEmpty, "seed \(seed): \(journal)")
    }

    // MARK: - State modes

    /// What CertOrder keeps under `$XDG_STATE_HOME` is its owner's only, whoever made it first:
    /// a state folder left 0755 and a history and journal left 0644 (an older CertOrder, a copy,
    /// a loose umask) are tightened to 0700 and 0600 by the next command, which says so.
    @Test("existing state folders and files with loose modes are tightened, with a note")
    func looseStateModesAreTightened() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir, environment: ["CERTORDER_JOURNAL": ""])
        let state = dir.stateHome + "/certorder"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: state)
        FileManager.default.createFile(atPath: state + "/history", contents: Data("send\n".utf8), attributes: [.posixPermissions: 0o644])
        let first = try await cli.run(["send", try dir.write("x.order", safetyOrderScript()), "--yes"])
        #expect(first.status == 0, "\(first)")
        #expect(first.stderr.contains("note: \(state) was readable by others (mode 755); it is now 700"), "\(first)")
        #expect(first.stderr.contains("note: \(state)/history was readable by others (mode 644); it is now 600"), "\(first)")
        #expect(try TrustTests.mode(state) == 0o700)
        #expect(try TrustTests.mode(state + "/history") == 0o600)
        #expect(try TrustTests.mode(state + "/journal.sqlite") == 0o600)
        #expect(try TrustTests.mode(state + "/sandbox.json") == 0o600)

        // Loosened again after the journal exists: the next read-only command tightens it too.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: state + "/journal.sqlite")
        let orders = try await cli.run(["orders"])
        #expect(orders.status == 0, "\(orders)")
        #expect(orders.stderr == "note: \(state)/journal.sqlite was readable by others (mode 644); it is now 600\n", "\(orders)")
        #expect(try TrustTests.mode(state + "/journal.sqlite") == 0o600)
        // Nothing left to tighten: no note.
        let again = try await cli.run(["orders"])
        #expect(again.stderr.isEmpty, "\(again)")
    }

    // MARK: - JSON payloads

    /// `load` of a JSON payload parses strictly (RFC 8259), a `compile --requests` envelope too
    /// (which Foundation's decoder read leniently): a comma before `}` is an error with its line
    /// and column, the piped session exits 65 and nothing is sent.
    @Test("load of a JSON payload or envelope parses strictly")
    func loadParsesJSONStrictly() async throws {
        let world = try CLIWorld()
        try world.write("comma.json", "{\"validity_years\": 1,}")
        try world.write("envelope.json", "{\"method\": \"POST\", \"path\": \"/order/certificate/code_signing_ev\", \"body\": {\"validity_years\": 1},}")
        for file in ["comma.json", "envelope.json"] {
            let result = try await world.certorder([], stdin: "load \(file)\nsend --yes\n")
            #expect(result.status == 65, "\(file): \(result)")
            #expect(result.stderr.contains("'\(file)' is not an order payload: the body is not valid JSON: expected a key in double quotes, found '}'"),
                    "\(file): \(result)")
            #expect(!result.stdout.contains("placed order"), "\(file): \(result)")
        }
    }
}
