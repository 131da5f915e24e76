import Foundation
import Testing

/// Scripts as the certificates that should exist: `plan` says what would change, `apply` changes
/// exactly that, with the built `certorder` and a sandbox of its own.
@Suite("plan and apply")
struct PlanApplyTests {
    /// A declared order: email provisioning with the example CSR, named `name`.
    static func declared(_ name: String) -> String {
        """
        order code_signing <
          certificate < hash sha256; csr @request.csr >
          provisioning email
          validity 1
          organization 123456
          custom_field 12 "SEC-\(name.uppercased())"
          alternative_order_id "\(name)"
        >

        """
    }

    /// The sandbox's orders now (`GET /order/certificate`), oldest first: id and alternative id.
    static func sandboxOrders(_ world: CLIWorld, _ sandbox: CLISandbox) async throws -> [(id: Int, alternativeID: String)] {
        let object = try await get(world, sandbox.baseURL + "/order/certificate")
        let orders = try #require(object["orders"] as? [[String: Any]])
        return orders.map { (id: $0["id"] as? Int ?? 0, alternativeID: $0["alternative_order_id"] as? String ?? "") }.sorted { $0.id < $1.id }
    }

    /// A JSON object the sandbox answers with, fetched by curl.
    static func get(_ world: CLIWorld, _ url: String) async throws -> [String: Any] {
        let result = try await world.run("curl", ["-sS", "-H", "X-DC-DEVKEY: test-key", url])
        #expect(result.status == 0, "\(result)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
    }

    /// The actions of `plan --json`: name → action.
    static func actions(_ result: CLIResult) throws -> [String: String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
        let actions = try #require(object["actions"] as? [[String: Any]], "\(result)")
        var out: [String: String] = [:]
        for action in actions { out[action["name"] as? String ?? "-"] = action["action"] as? String }
        return out
    }

    @Test("place, keep, a lost journal, a third order, renewal near expiry: plan's exit status and apply's orders at every step")
    func lifecycle() async throws {
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/request.csr")
        let script = try world.write("certificates.order", Self.declared("release-signing") + Self.declared("nightly-signing"))
        let sandbox = try await CLISandbox.start(world: world, arguments: ["--approval", "auto"])
        let endpoint = ["--endpoint", sandbox.baseURL]

        // Nothing placed: two to place, exit 2; nothing is sent and no journal is made.
        let first = try await world.certorder(["plan", script] + endpoint)
        #expect(first.status == 2, "\(first)")
        #expect(first.stdout == """
            action  name             order  certificate  valid till  reason
            place   release-signing  -      -            -
            place   nightly-signing  -      -            -

            plan on \(sandbox.baseURL): 2 to place, 0 to renew, 0 to keep, 0 waiting, 0 blocked

            """, "\(first)")
        #expect(first.stderr == "", "\(first)")
        #expect(!FileManager.default.fileExists(atPath: world.journal))
        #expect(try await Self.sandboxOrders(world, sandbox).isEmpty)

        // apply: the plan, the price and the balance, two orders placed.
        let applied = try await world.certorder(["apply", script, "--yes"] + endpoint)
        #expect(applied.status == 0, "\(applied)")
        #expect(applied.stdout.contains("""
              price         2 × code_signing, 1 year: 948.00 USD
              balance       10000.00 USD, 9052.00 USD after these orders

            """), "\(applied)")
        #expect(applied.stdout.hasSuffix("2 orders: 2 placed\napply on \(sandbox.baseURL): 2 placed, 0 renewed\n"), "\(applied)")
        let placed = try await Self.sandboxOrders(world, sandbox)
        // Sent side by side: in either order.
        #expect(placed.map(\.alternativeID).sorted() == ["nightly-signing", "release-signing"])
        let balance = try await Self.get(world, sandbox.baseURL + "/finance/balance")
        #expect(balance["balance"] as? String == "9052.00")

        // Placed and issued: keep both, exit 0.
        let kept = try await world.certorder(["plan", script, "--json"] + endpoint)
        #expect(kept.status == 0, "\(kept)")
        #expect(try Self.actions(kept) == ["release-signing": "keep", "nightly-signing": "keep"])

        // The journal lost: the account says the same; apply places nothing.
        for suffix in ["", "-wal", "-shm"] { unlink(world.journal + suffix) }
        let fresh = try await world.certorder(["plan", script] + endpoint)
        #expect(fresh.status == 0, "\(fresh)")
        #expect(fresh.stdout.cliLines.last == "plan on \(sandbox.baseURL): 0 to place, 0 to renew, 2 to keep, 0 waiting, 0 blocked", "\(fresh)")
        let again = try await world.certorder(["apply", script, "--yes"] + endpoint)
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.cliLines.last == "nothing to apply: every declared order is placed and good beyond its renewal window", "\(again)")
        #expect(try await Self.sandboxOrders(world, sandbox).map(\.id) == placed.map(\.id))

        // A third declared order: one to place, two to keep.
        try world.write("certificates.order", Self.declared("release-signing") + Self.declared("nightly-signing") + Self.declared("driver-signing"))
        let third = try await world.certorder(["plan", script, "--json"] + endpoint)
        #expect(third.status == 2, "\(third)")
        #expect(try Self.actions(third) == ["release-signing": "keep", "nightly-signing": "keep", "driver-signing": "place"])
        let appliedThird = try await world.certorder(["apply", script, "--yes"] + endpoint)
        #expect(appliedThird.status == 0, "\(appliedThird)")
        let three = try await Self.sandboxOrders(world, sandbox)
        #expect(three.map(\.alternativeID) == placed.map(\.alternativeID) + ["driver-signing"])

        // 350 days later the year's certificates expire within 30 days: renew all three.
        let clock = try await world.run("curl", ["-sS", "-X", "POST", "-d", #"{"advance_days": 350}"#, sandbox.baseURL.replacingOccurrences(of: "/services/v2", with: "/sandbox/clock")])
        #expect(clock.status == 0, "\(clock)")
        let late = try await world.certorder(["plan", script] + endpoint)
        #expect(late.status == 2, "\(late)")
        #expect(late.stdout.cliLines.filter { $0.hasPrefix("renew ") }.count == 3, "\(late)")
        #expect(late.stdout.contains("expires in 14 days (renewal window 30 days)"), "\(late)")
        // A narrower window keeps them.
        let narrow = try await world.certorder(["plan", script, "--renew-within", "10"] + endpoint)
        #expect(narrow.status == 0, "\(narrow)")

        let renewed = try await world.certorder(["apply", script, "--yes"] + endpoint)
        #expect(renewed.status == 0, "\(renewed)")
        #expect(renewed.stdout.hasSuffix("apply on \(sandbox.baseURL): 0 placed, 3 renewed\n"), "\(renewed)")
        let six = try await Self.sandboxOrders(world, sandbox)
        #expect(six.count == 6)
        // Each renewal carries the name's next id and names the order it renews.
        for original in three {
            // Renewals are sent side by side: found by the name's next id, not by their place.
            let renewal = try #require(six.dropFirst(3).first { $0.alternativeID == original.alternativeID + "~r1" }, "\(six)")
            let info = try await Self.get(world, sandbox.baseURL + "/order/certificate/\(renewal.id)")
            #expect(info["renewal_of_order_id"] as? Int == original.id, "\(info)")
            #expect(info["is_renewal"] as? Bool == true)
        }
        let done = try await world.certorder(["plan", script, "--json"] + endpoint)
        #expect(done.status == 0, "\(done)")
        #expect(try Self.actions(done) == ["release-signing": "keep", "nightly-signing": "keep", "driver-signing": "keep"])
        #expect(try await Self.sandboxOrders(world, sandbox).count == 6)
        try await sandbox.stop()
    }

    @Test("two applies of one script started at the same moment place each order once")
    func concurrentApplies() async throws {
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/request.csr")
        let script = try world.write("certificates.order", Self.declared("release-signing") + Self.declared("nightly-signing"))
        let sandbox = try await CLISandbox.start(world: world, arguments: ["--approval", "auto"])
        let endpoint = ["--endpoint", sandbox.baseURL]
        // Both started before either is awaited: they plan and send side by side on one journal.
        var pids: [pid_t] = []
        for run in 1...2 {
            pids.append(try Spawn.start(
                try CLIPackage.certorder(), ["apply", script, "--yes"] + endpoint, environment: world.environment, directory: world.path,
                stdin: .null, stdout: .file(world.path + "/apply-\(run).out"), stderr: .file(world.path + "/apply-\(run).err")))
        }
        var outputs: [String] = []
        for (run, pid) in pids.enumerated() {
            let status = try await CLIProcess.wait(pid, timeout: .seconds(60), what: "certorder apply")
            let output = (try? world.read("apply-\(run + 1).out")) ?? ""
            let errors = (try? world.read("apply-\(run + 1).err")) ?? ""
            #expect(status == 0, "\(output)\n\(errors)")
            outputs.append(output + errors)
        }
        let (a, b) = (outputs[0], outputs[1])
        // Between them the two runs placed two orders: each run says how many it placed itself.
        let placedByRun = outputs.map { output in
            output.cliLines.first { $0.hasPrefix("apply on ") }.flatMap { line in
                line.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber }) }
            } ?? 0
        }
        #expect(placedByRun.reduce(0, +) == 2, "\(a)\n\(b)")
        let orders = try await Self.sandboxOrders(world, sandbox)
        #expect(orders.map(\.alternativeID).sorted() == ["nightly-signing", "release-signing"], "\(a)\n\(b)")
        let plan = try await world.certorder(["plan", script] + endpoint)
        #expect(plan.status == 0, "\(plan)")
        try await sandbox.stop()
    }

    @Test("undeclared and blocked orders: plan exits 65 with the reason; apply applies nothing")
    func blockedAndUndeclared() async throws {
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/request.csr")
        let undeclared = Self.declared("x").replacingOccurrences(of: "  alternative_order_id \"x\"\n", with: "")
        let script = try world.write("certificates.order", Self.declared("release-signing") + undeclared + Self.declared("bad~name"))
        let sandbox = try await CLISandbox.start(world: world, arguments: ["--approval", "auto"])
        let endpoint = ["--endpoint", sandbox.baseURL]
        let plan = try await world.certorder(["plan", script, "--json"] + endpoint)
        #expect(plan.status == 65, "\(plan)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])
        let actions = try #require(object["actions"] as? [[String: Any]])
        #expect(actions.map { $0["action"] as? String } == ["place", "undeclared", "blocked"])
        #expect(actions[1]["name"] is NSNull)
        #expect((actions[1]["label"] as? String)?.hasSuffix("/certificates.order:9") == true, "\(actions[1])")
        #expect(actions[2]["reason"] as? String == "the name 'bad~name' holds '~', which separates a name from its renewals' numbers (name~r1)")
        let apply = try await world.certorder(["apply", script, "--yes"] + endpoint)
        #expect(apply.status == 65, "\(apply)")
        #expect(apply.stderr == "error: nothing applied: 2 orders cannot be applied (blocked or undeclared, as the plan says why)\n", "\(apply)")
        #expect(try await Self.sandboxOrders(world, sandbox).isEmpty)
        try await sandbox.stop()
    }
}

/// Many names: the account's order list, not a lookup per name.
@Suite("plan from the account's order list")
struct PlanListingTests {
    @Test("four names applied, the journal lost: plan finds all four in the order list and keeps them")
    func fourNames() async throws {
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/request.csr")
        let names = ["a-signing", "b-signing", "c-signing", "d-signing"]
        let script = try world.write("certificates.order", names.map(PlanApplyTests.declared).joined())
        let sandbox = try await CLISandbox.start(world: world, arguments: ["--approval", "one-step"])
        let endpoint = ["--endpoint", sandbox.baseURL]
        let applied = try await world.certorder(["apply", script, "--yes"] + endpoint)
        #expect(applied.status == 0, "\(applied)")
        for suffix in ["", "-wal", "-shm"] { unlink(world.journal + suffix) }
        // One-step approval: placed, waiting for approval.
        let plan = try await world.certorder(["plan", script, "--json"] + endpoint)
        #expect(plan.status == 0, "\(plan)")
        #expect(try PlanApplyTests.actions(plan) == Dictionary(uniqueKeysWithValues: names.map { ($0, "wait") }))
        #expect(plan.stdout.contains("\"reason\" : \"order 112233 is needs_approval\""), "\(plan)")
        #expect(try await PlanApplyTests.sandboxOrders(world, sandbox).count == 4)
        try await sandbox.stop()
    }
}

/// The language's `plan` and `apply`: the same operations in a script run by `certorder run`.
@Suite("plan and apply in scripts")
struct PlanApplyCommandTests {
    @Test("run: plan, apply --yes, plan again on files; plan of a draft without a name is undeclared (65)")
    func inScripts() async throws {
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/request.csr")
        try world.write("certificates.order", PlanApplyTests.declared("release-signing"))
        let sandbox = try await CLISandbox.start(world: world, arguments: ["--approval", "auto"])
        let endpoint = ["--endpoint", sandbox.baseURL]
        let script = try world.write("ops.order", "plan certificates.order\napply certificates.order --yes\nplan certificates.order --renew-within 10\n")
        let run = try await world.certorder(["run", script] + endpoint)
        #expect(run.status == 0, "\(run)")
        let summaries = run.stdout.cliLines.filter { $0.hasPrefix("plan on ") }
        #expect(summaries == [
            "plan on \(sandbox.baseURL): 1 to place, 0 to renew, 0 to keep, 0 waiting, 0 blocked",
            "plan on \(sandbox.baseURL): 1 to place, 0 to renew, 0 to keep, 0 waiting, 0 blocked",
            "plan on \(sandbox.baseURL): 0 to place, 0 to renew, 1 to keep, 0 waiting, 0 blocked",
        ], "\(run)")
        #expect(run.stdout.contains("apply on \(sandbox.baseURL): 1 placed, 0 renewed\n"), "\(run)")
        #expect(try await PlanApplyTests.sandboxOrders(world, sandbox).map(\.alternativeID) == ["release-signing"])

        let draft = try world.write("draft.order", PlanApplyTests.declared("x").replacingOccurrences(of: "  alternative_order_id \"x\"\n", with: "") + "plan\n")
        let undeclared = try await world.certorder(["run", draft] + endpoint)
        #expect(undeclared.status == 65, "\(undeclared)")
        #expect(undeclared.stdout.hasPrefix("action      name         order  certificate  valid till  reason\nundeclared  (the draft)  -"), "\(undeclared)")
        try await sandbox.stop()
    }
}
