import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `certorder send` killed with SIGKILL at each point of a send — before the request leaves,
/// while the sandbox delays its answer, after the sandbox committed the order and dropped the
/// connection — and what survives: the journal holds the entry, `reconcile` settles it against
/// the sandbox, a plain re-send is refused as a duplicate where an order was placed, and the
/// sandbox holds exactly one order for it.
@Suite("certorder send killed with SIGKILL")
struct SafetyKillTests {
    /// (a) The intent is committed, the POST has not left: the connect hangs on a port whose
    /// accept queue is full (no byte of the request is sent). Killed there, the entry is
    /// `unknown`; reconcile finds no order ("never placed"), and the order is sent once.
    @Test func killedBeforeTheRequestLeaves() async throws {
        // The client gives up connecting after its connect timeouts (about 40 s); on a loaded
        // machine the test may first see the entry after that. Such a run proves nothing either
        // way, so the scenario starts again (at most three times) instead of failing or passing.
        var dir: SafetyDirectory, cli: SafetyCLI, order: String, hole: SafetyBlackHole, endpoint: String
        var send: SafetyProcess
        var intent: [String: Any] = [:]
        var tries = 0
        repeat {
            tries += 1
            dir = try SafetyDirectory()
            cli = try SafetyCLI(dir)
            order = try dir.write("order.order", safetyOrderScript())
            hole = try SafetyBlackHole()
            endpoint = "http://127.0.0.1:\(hole.port)/services/v2"
            // --force skips the client-side checks (and with them the custom-field lookup), so the
            // order's POST is the first request and the first thing to need a connection.
            send = try cli.start(["send", order, "--endpoint", endpoint, "--force"], label: "send")
            let observedCli = cli
            var seen: [String: Any] = [:]
            let committed = try await eventually(timeout: .seconds(15)) {
                guard let entry = try await observedCli.journal().first else { return false }
                seen = entry
                return true
            }
            #expect(committed)
            intent = seen
            if intent["state"] as? String == "sending", send.poll() == nil { break }
            // Not a pid that may have been reused: only a send still running is signalled.
            if send.poll() == nil { send.deliver(SIGKILL) }
            _ = try await send.wait()
        } while tries < 3
        #expect(intent["state"] as? String == "sending")
        #expect(send.poll() == nil, "send must still be connecting")
        send.deliver(SIGKILL)
        #expect(try await send.wait() == 128 + SIGKILL)
        #expect(send.stdout.isEmpty)

        // The journal holds the entry: its process is gone, so it is unknown.
        var entries = try await cli.journal()
        #expect(entries.count == 1)
        let alternativeID = try #require(entries[0]["alternative_order_id"] as? String)
        #expect(alternativeID == intent["alternative_order_id"] as? String)
        #expect(entries[0]["state"] as? String == "unknown")
        #expect(entries[0]["order_id"] is NSNull, "absent values are null")
        #expect((entries[0]["error_message"] as? String)?.hasPrefix("process \(send.pid) ended before the outcome of the send was recorded") == true)
        #expect(entries[0]["endpoint"] as? String == endpoint)

        // The sandbox comes up on that port; it never saw the order.
        hole.close()
        let sandbox = try await SafetySandbox(cli, port: hole.port, ["--no-rate-limit"])
        #expect(try await sandbox.state().orders == 0)

        // Right after the crash the order might still be under way at CertCentral, so within the
        // request timeout (the default 30 s here) "not found" is not yet "never placed"…
        let early = try await cli.run(["reconcile", "--endpoint", endpoint])
        #expect(early.status == 75, "\(early)")
        #expect(early.stdout.contains("#1 \(alternativeID): still unknown: no order has this alternative id yet"), "\(early)")
        #expect(early.stderr.contains("1 send still has an unknown outcome"), "\(early)")
        #expect(try await cli.journal()[0]["state"] as? String == "unknown")

        // …once that grace has passed, it is (a 1 s timeout, and more than 1 s since the entry
        // was found unknown). Until then each reconcile leaves the entry unknown, so reconcile
        // again until it settles.
        let reconciled = try await cli.reconcileUntilSettled(endpoint: endpoint, timeout: "1", after: early)
        #expect(reconciled.status == 0, "\(reconciled)")
        #expect(reconciled.stdout == "#1 \(alternativeID): never placed; safe to send again\n")
        entries = try await cli.journal()
        #expect(entries[0]["state"] as? String == "failed")
        #expect(entries[0]["error_message"] as? String == "no order has alternative id \(alternativeID): it was never placed")

        // Nothing blocks the send now; it places the order once.
        let again = try await cli.run(["send", order, "--endpoint", endpoint])
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.hasPrefix("placed order 112233 (journal #2, alternative id certorder-"), "\(again)")
        entries = try await cli.journal()
        #expect(entries.map { $0["state"] as? String } == ["placed", "failed"])
        let placedID = try #require(entries[0]["alternative_order_id"] as? String)
        let state = try await sandbox.state()
        #expect(state.orders == 1)
        #expect(state.byAlternativeID == [placedID: [112233]])

        // And a plain re-send now is a duplicate.
        let third = try await cli.run(["send", order, "--endpoint", endpoint])
        #expect(third.status == 65, "\(third)")
        #expect(third.stderr.contains("as order 112233 (journal #2).\nNot sent. Add --allow-duplicate to place it again."), "\(third)")
        #expect(try await sandbox.state().orders == 1)
        #expect(try await sandbox.listedOrderIDs(key: "any-key") == [112233])
    }

    /// Starts `send` of `order` and delivers `signal` the moment the sandbox holds its POST: the
    /// fourth request, after the account lookups (custom fields, the organisation's
    /// validations, the key's owner: three GETs) and the intent. Returns the
    /// process and the sandbox's state at that moment.
    static func send(_ order: String, cli: SafetyCLI, sandbox: SafetySandbox,
                     signalledAtThePost signal: Int32) async throws -> (SafetyProcess, SafetySandboxState?) {
        let send = try cli.start(["send", order, "--endpoint", sandbox.baseURL], label: "send")
        let atSignal = SafetyBox<SafetySandboxState?>(nil)
        let caught = try await safetyWatch(until: { sandbox.stateNow()?.requestCount == 4 }, then: {
            send.deliver(signal)
            atSignal.value = sandbox.stateNow()
        })
        #expect(caught)
        return (send, atSignal.value)
    }

    /// (b) The POST reached the sandbox, which holds it (latency) before committing and answering.
    /// Killed there, the entry is `unknown`; the sandbox goes on and places the order; reconcile
    /// finds it; a plain re-send is refused as a duplicate naming the order.
    @Test func killedWhileTheSandboxDelaysItsAnswer() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let order = try dir.write("order.order", safetyOrderScript())
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit", "--latency-ms", "2000"])

        // Killed the moment the sandbox has the POST.
        let (send, atKill) = try await Self.send(order, cli: cli, sandbox: sandbox, signalledAtThePost: SIGKILL)
        #expect(try await send.wait() == 128 + SIGKILL)
        #expect(atKill?.orders == 0, "the POST must still have been held by the sandbox")

        // The sandbox finishes the request the dead client sent: the order is placed.
        #expect(try await eventually(timeout: .seconds(15)) { try await sandbox.state().orders == 1 })
        try await sandbox.setFaults(["latency_ms": 0])
        try await assertRecovered(cli: cli, sandbox: sandbox, order: order, killed: send)
    }

    /// (c) The sandbox committed the order and dropped the connection; the client is stopped
    /// (SIGSTOP) while the POST is held, so it is killed after the commit and before it could
    /// record anything.
    @Test func killedAfterTheSandboxCommittedAndDroppedTheConnection() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let order = try dir.write("order.order", safetyOrderScript())
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit", "--latency-ms", "2000", "--drop-next-orders", "1"])

        let (send, atStop) = try await Self.send(order, cli: cli, sandbox: sandbox, signalledAtThePost: SIGSTOP)
        #expect(atStop?.orders == 0, "the client must be stopped before the sandbox answers")
        let committed = try await eventually(timeout: .seconds(15)) {
            let state = try await sandbox.state()
            return state.orders == 1 && state.droppedConnections == 1
        }
        #expect(committed)
        // Stopped, the client has not seen the drop: its entry is still `sending`.
        #expect(try await cli.journal().first?["state"] as? String == "sending")
        send.deliver(SIGKILL)
        #expect(try await send.wait() == 128 + SIGKILL)

        try await sandbox.setFaults(["latency_ms": 0])
        try await assertRecovered(cli: cli, sandbox: sandbox, order: order, killed: send)
    }

    /// After a kill in (b) or (c): the journal holds the entry as `unknown`, reconcile finds the
    /// placed order, a plain re-send is refused as a duplicate (exit 65, naming the order), and
    /// the sandbox holds exactly one order for it.
    private func assertRecovered(cli: SafetyCLI, sandbox: SafetySandbox, order: String, killed: SafetyProcess) async throws {
        var entries = try await cli.journal()
        #expect(entries.count == 1)
        let alternativeID = try #require(entries.first?["alternative_order_id"] as? String)
        #expect(entries[0]["state"] as? String == "unknown")
        #expect((entries[0]["error_message"] as? String)?.hasPrefix("process \(killed.pid) ended before the outcome") == true)
        #expect(try await sandbox.state().byAlternativeID == [alternativeID: [112233]])

        // `orders` says so.
        let table = try await cli.run(["orders"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("unknown"), "\(table)")

        let reconciled = try await cli.run(["reconcile", "--endpoint", sandbox.baseURL])
        #expect(reconciled.status == 0, "\(reconciled)")
        #expect(reconciled.stdout == "#1 \(alternativeID): placed as order 112233\n")
        entries = try await cli.journal()
        #expect(entries.count == 1)
        #expect(entries[0]["state"] as? String == "placed")
        #expect(entries[0]["order_id"] as? Int == 112233)
        #expect(entries[0]["order_status"] as? String == "issued")
        let requests = entries[0]["requests"] as? [[String: Any]] ?? []
        #expect(requests.map { $0["id"] as? Int } == [113])
        #expect(requests.map { $0["status"] as? String } == ["approved"])

        let again = try await cli.run(["send", order, "--endpoint", sandbox.baseURL])
        #expect(again.status == 65, "\(again)")
        #expect(again.stdout.isEmpty)
        #expect(again.stderr.contains("error: The same order was sent to \(sandbox.baseURL) at "), "\(again)")
        #expect(again.stderr.contains(" as order 112233 (journal #1).\nNot sent. Add --allow-duplicate to place it again.\n"), "\(again)")

        let state = try await sandbox.state()
        #expect(state.orders == 1)
        #expect(state.ordersPlaced == 1)
        #expect(state.byAlternativeID == [alternativeID: [112233]])
        #expect(try await sandbox.listedOrderIDs(key: "any-key") == [112233])
        #expect(try await cli.journal().count == 1)
    }
}
