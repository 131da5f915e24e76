import Foundation
import Testing

/// `renew_within N days` in an order (issue 15): the order's own renewal window for `plan` and
/// `apply`. It wins over `--renew-within`, which is the window of the orders that do not say
/// (default 30 days). With the built `certorder` and a sandbox whose clock is moved.
@Suite("renew_within: the order's renewal window")
struct RenewWithinPlanTests {
    /// A declared order named with the short `name` statement, with `extra` statements.
    static func declared(_ name: String, _ extra: String = "") -> String {
        """
        order code_signing <
          certificate < hash sha256; csr @request.csr >
          provisioning email
          validity 1
          organization 123456
          custom_field 12 "SEC-\(name.uppercased())"
          name "\(name)"
          \(extra)
        >

        """
    }

    @Test("350 days on: the statement's window decides, over the default and over --renew-within")
    func statementWins() async throws {
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/request.csr")
        // Fourteen days left after 350 days: `narrow` (10) keeps, `wide` (20) and `plain` (30) renew.
        let script = try world.write("certificates.order", Self.declared("narrow", "renew_within 10 days")
                                     + Self.declared("wide", "renew_within 20 days") + Self.declared("plain"))
        let sandbox = try await CLISandbox.start(world: world, arguments: ["--approval", "auto"])
        let endpoint = ["--endpoint", sandbox.baseURL]

        let first = try await world.certorder(["plan", script, "--json"] + endpoint)
        #expect(first.status == 2, "\(first)")
        #expect(try PlanApplyTests.actions(first) == ["narrow": "place", "wide": "place", "plain": "place"])
        let applied = try await world.certorder(["apply", script, "--yes"] + endpoint)
        #expect(applied.status == 0, "\(applied)")
        // The window is no payload field: the orders placed carry their names, nothing else of it.
        let placed = try await PlanApplyTests.sandboxOrders(world, sandbox)
        #expect(placed.map(\.alternativeID).sorted() == ["narrow", "plain", "wide"])
        let kept = try await world.certorder(["plan", script, "--json"] + endpoint)
        #expect(kept.status == 0, "\(kept)")

        let clock = try await world.run("curl", ["-sS", "-X", "POST", "-d", #"{"advance_days": 350}"#,
                                                  sandbox.baseURL.replacingOccurrences(of: "/services/v2", with: "/sandbox/clock")])
        #expect(clock.status == 0, "\(clock)")

        let late = try await world.certorder(["plan", script] + endpoint)
        #expect(late.status == 2, "\(late)")
        let lines = late.stdout.cliLines
        #expect(lines.contains { $0.hasPrefix("keep ") && $0.contains("narrow") && $0.hasSuffix("14 days left") }, "\(late)")
        #expect(lines.contains { $0.hasPrefix("renew ") && $0.contains("wide") && $0.hasSuffix("expires in 14 days (renewal window 20 days)") }, "\(late)")
        #expect(lines.contains { $0.hasPrefix("renew ") && $0.contains("plain") && $0.hasSuffix("expires in 14 days (renewal window 30 days)") }, "\(late)")

        // --renew-within sets the window of the order that does not say; the statements stand.
        let narrowFlag = try await world.certorder(["plan", script, "--json", "--renew-within", "5"] + endpoint)
        #expect(narrowFlag.status == 2, "\(narrowFlag)")
        #expect(try PlanApplyTests.actions(narrowFlag) == ["narrow": "keep", "wide": "renew", "plain": "keep"])
        let wideFlag = try await world.certorder(["plan", script, "--json", "--renew-within", "60"] + endpoint)
        #expect(try PlanApplyTests.actions(wideFlag) == ["narrow": "keep", "wide": "renew", "plain": "renew"])

        // apply renews exactly the two; the order that keeps is left alone.
        let renewed = try await world.certorder(["apply", script, "--yes"] + endpoint)
        #expect(renewed.status == 0, "\(renewed)")
        #expect(renewed.stdout.hasSuffix("apply on \(sandbox.baseURL): 0 placed, 2 renewed\n"), "\(renewed)")
        let five = try await PlanApplyTests.sandboxOrders(world, sandbox)
        #expect(five.map(\.alternativeID).sorted() == ["narrow", "plain", "plain~r1", "wide", "wide~r1"])
        let done = try await world.certorder(["plan", script, "--json"] + endpoint)
        #expect(done.status == 0, "\(done)")
        #expect(try PlanApplyTests.actions(done) == ["narrow": "keep", "wide": "keep", "plain": "keep"])
        try await sandbox.stop()
    }

    @Test("a bad renew_within stops plan with its diagnostic and exit 65; nothing is asked of the account")
    func badWindow() async throws {
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/request.csr")
        let script = try world.write("certificates.order", Self.declared("release", "renew_within 500 days"))
        let plan = try await world.certorder(["plan", script, "--endpoint", "http://127.0.0.1:9/services/v2"])
        #expect(plan.status == 65, "\(plan)")
        #expect(plan.stderr.hasPrefix("\(script):8:16: error: 'renew_within' takes a number of days from 1 to 459 (the longest a certificate lasts); got '500'\n"), "\(plan)")
        #expect(plan.stdout == "", "\(plan)")
    }
}
