import Foundation
import Testing
import TestSupport

/// Each fault of the sandbox — 500s, 429, a timeout, a dropped connection, a 400 — met by a
/// piped `certorder` session (or `certorder send`): the send ends in a clear journal state with
/// the message the user sees, the draft is unchanged (`json` prints the same payload after the
/// failed `send`), and what follows (`reconcile`, a re-send) never places the order twice.
@Suite("certorder against the sandbox's faults")
struct SafetyFaultTests {
    /// A piped session on `endpoint` that has loaded the order, listed the account's custom
    /// fields (so the send needs no more lookups) and printed the draft's payload; the test then
    /// changes the sandbox's faults and types the rest.
    struct Session {
        let process: SafetyProcess
        /// The payload `json` printed before the send.
        let payload: String

        init(_ cli: SafetyCLI, endpoint: String, order: String, environment: [String: String] = [:]) async throws {
            process = try cli.start(["--endpoint", endpoint, "--keep-going"], label: "session", input: .pipe, environment: environment)
            try process.send("load \(order)\nfields\njson\n")
            try await process.waitForOutput("\"payment_method\": \"balance\"\n}\n")
            let fields = "12  Cost center  text  required\n13  Ticket number  int  optional\n"
            let out = process.stdout
            #expect(out.hasPrefix(fields), "\(out)")
            payload = String(out.dropFirst(fields.count))
            #expect(payload.hasPrefix("{\n") && !payload.contains("alternative_order_id"))
        }

        /// Whether `json` printed the same payload after the send as before it.
        func showedTheSameDraft(_ result: SafetyResult) -> Bool {
            result.stdout.hasSuffix(payload) && result.stdout.components(separatedBy: payload).count == 3
        }

        /// Types `send --yes` and `json`, ends the input, waits for the session to end.
        func sendAndShowDraft() async throws -> SafetyResult {
            try process.send("send --yes\njson\n")
            process.closeInput()
            return try await finish()
        }

        /// Waits for the session to end.
        func finish() async throws -> SafetyResult {
            let status = try await process.wait()
            return SafetyResult(status: status, stdout: process.stdout, stderr: process.stderr)
        }
    }

    /// 500 on the order: `unknown` (an error on CertCentral's side may come after the order was
    /// made) with the HTTP status; reconcile within the request timeout keeps it unknown (a gateway's
    /// 5xx may hide a server still placing it); after it, finding none: `failed`, and the order is
    /// then sent once.
    @Test func serverErrorLeavesTheSendUnknownUntilReconciled() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let order = try dir.write("order.order", safetyOrderScript())
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit"])
        let session = try await Session(cli, endpoint: sandbox.baseURL, order: order)
        try await sandbox.setFaults(["failure_rate": 1])

        let result = try await session.sendAndShowDraft()
        #expect(result.status == 75, "\(result)")
        #expect(session.showedTheSameDraft(result), "the draft must be unchanged: \(result)")
        #expect(result.stderr.contains("""
            <stdin>:4:1: error: CertCentral failed with HTTP 500, an error on its side. Try again in a few minutes. \
            An order may have been placed all the same: run 'certorder reconcile', which looks it up by its alternative order id, before sending it again.
            (journal #1: unknown; 'reconcile' settles it, and until then the same order is not sent again; the draft is unchanged)
            """), "\(result)")

        let entries = try await cli.journal()
        #expect(entries.count == 1)
        #expect(entries[0]["state"] as? String == "unknown")
        #expect(entries[0]["http_status"] as? Int == 500)
        #expect(entries[0]["order_id"] is NSNull, "absent values are null")
        let alternativeID = try #require(entries[0]["alternative_order_id"] as? String)
        var state = try await sandbox.state()
        #expect(state.injectedFailures == 1, "the POST is not retried")
        #expect(state.orders == 0)

        // While it is unknown, a re-send is refused.
        let blocked = try await cli.run(["send", order, "--endpoint", sandbox.baseURL, "--force"])
        #expect(blocked.status == 65, "\(blocked)")
        #expect(blocked.stderr.contains("with an unknown outcome (run 'reconcile') (journal #1)."), "\(blocked)")

        // Reconciling another endpoint leaves it, and says where it is.
        let elsewhere = try await cli.run(["reconcile", "--endpoint", "http://127.0.0.1:9/services/v2"])
        #expect(elsewhere.status == 0, "\(elsewhere)")
        #expect(elsewhere.stdout == "nothing to reconcile on http://127.0.0.1:9/services/v2: every send has a known outcome\n"
                + "note: 1 send on \(sandbox.baseURL) has an unknown outcome; reconcile it with --endpoint \(sandbox.baseURL)\n")

        try await sandbox.setFaults(["failure_rate": 0])
        // A 5xx may come from a gateway in front of a server still placing the order: within the
        // request timeout, "not found" is not yet "never placed".
        let early = try await cli.run(["reconcile", "--endpoint", sandbox.baseURL])
        #expect(early.status == 75, "\(early)")
        #expect(early.stdout.hasPrefix("#1 \(alternativeID): still unknown: no order has this alternative id yet, but the send got HTTP 500 "
                                       + "and may still be under way at CertCentral; reconcile again in "), "\(early)")
        // Once the grace (a 0.2 s timeout) has passed, it is: each reconcile before that leaves
        // the entry unknown, so reconcile again until it settles.
        let reconciled = try await cli.reconcileUntilSettled(endpoint: sandbox.baseURL, timeout: "0.2", after: early)
        #expect(reconciled.status == 0, "\(reconciled)")
        #expect(reconciled.stdout == "#1 \(alternativeID): never placed; safe to send again\n")
        #expect(try await cli.journalState() == "failed")

        let again = try await cli.run(["send", order, "--endpoint", sandbox.baseURL])
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.hasPrefix("placed order 112233 (journal #2"), "\(again)")
        state = try await sandbox.state()
        #expect(state.orders == 1)
        #expect(state.orderIDs == [112233])
    }

    /// 429 on the order (the key's window of 100 requests per 5 s is full): nothing was placed,
    /// so the sender says so, waits and sends again; the order is placed once.
    @Test func rateLimitIsWaitedOutAndTheOrderPlacedOnce() async throws {
        let dir = try SafetyDirectory()
        let key = "safety-rate-limit-key-4f1c"
        let cli = try SafetyCLI(dir, environment: ["DIGICERT_API_KEY": key])
        let order = try dir.write("order.order", safetyOrderScript())
        let sandbox = try await SafetySandbox(cli)  // the documented limits
        let session = try await Session(cli, endpoint: sandbox.baseURL, order: order)
        // Past the window: the burst's last requests are refused, so the window is full; the send
        // is typed the moment the burst ends (from a thread of its own, not after a wait for the
        // cooperative pool), well within the 5 s window.
        let process = session.process
        let burst = try await safetyOffThePool {
            let statuses = try sandbox.burstNow(104, key: key)
            try process.send("send --yes\njson\n")
            process.closeInput()
            return statuses
        }
        #expect(burst.count == 104)
        let burstRefused = burst.filter { $0 == 429 }.count
        // The session's `fields` made three requests (custom fields, the organisation's
        // validations, the key's owner) before the burst: 97 or 98 of the 100 are left.
        #expect(burst.allSatisfy { $0 == 200 || $0 == 429 } && (6...7).contains(burstRefused), "\(burst)")

        let result = try await session.finish()
        #expect(result.status == 0, "\(result)")
        #expect(session.showedTheSameDraft(result), "the draft must be unchanged: \(result)")
        let notices = result.stderr.split(separator: "\n").filter { $0.hasPrefix("note: CertCentral's rate limit was reached (HTTP 429), so nothing was placed; sending journal #1 again in ") }
        #expect(notices.first == "note: CertCentral's rate limit was reached (HTTP 429), so nothing was placed; sending journal #1 again in 1 s (retry 1 of 6)")
        #expect((1...3).contains(notices.count), "\(result)")
        #expect(result.stdout.contains("placed order 112233 (journal #1, alternative id certorder-"), "\(result)")

        let state = try await sandbox.state()
        #expect(state.orders == 1)
        #expect(state.rateLimited == burstRefused + notices.count, "every 429 of the order was reported")
        let entries = try await cli.journal()
        #expect(entries.count == 1)
        #expect(entries[0]["state"] as? String == "placed")
        #expect(entries[0]["order_id"] as? Int == 112233)
        #expect(entries[0]["http_status"] as? Int == 201)
        #expect(state.byAlternativeID == [entries[0]["alternative_order_id"] as? String ?? "": [112233]])
    }

    /// No answer within the request timeout (`CERTORDER_TIMEOUT`): `unknown`. The sandbox is still
    /// working on it, so reconcile does not yet call it "never placed"; once the sandbox has placed
    /// it, reconcile finds it, and a re-send is refused.
    @Test func timeoutLeavesTheSendUnknownAndReconcileWaitsForTheServer() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let order = try dir.write("order.order", safetyOrderScript())
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit"])
        let session = try await Session(cli, endpoint: sandbox.baseURL, order: order, environment: ["CERTORDER_TIMEOUT": "1"])
        // The sandbox holds the POST for 20 s: long enough that the early reconcile below runs
        // while it is still held, however loaded the machine.
        try await sandbox.setFaults(["latency_ms": 20_000])

        let result = try await session.sendAndShowDraft()
        #expect(result.status == 69, "\(result)")
        #expect(session.showedTheSameDraft(result), "the draft must be unchanged: \(result)")
        #expect(result.stderr.contains("""
            <stdin>:4:1: error: CertCentral did not answer in time; the request may have reached it. An order may have been placed: \
            run 'certorder reconcile', which looks it up by its alternative order id, before sending it again. Otherwise try again, or allow a longer timeout.
            (journal #1: unknown; 'reconcile' settles it, and until then the same order is not sent again; the draft is unchanged)
            """), "\(result)")
        var entries = try await cli.journal()
        #expect(entries.count == 1)
        #expect(entries[0]["state"] as? String == "unknown")
        #expect(entries[0]["http_status"] is NSNull, "absent values are null")
        let alternativeID = try #require(entries[0]["alternative_order_id"] as? String)

        // The sandbox still holds the POST (20 s); lookups are answered at once.
        try await sandbox.setFaults(["latency_ms": 0])
        #expect(try await sandbox.state().orders == 0)
        // Its grace is its own request timeout: 60 s, so a slow machine still reconciles within it.
        let early = try await cli.run(["reconcile", "--endpoint", sandbox.baseURL], environment: ["CERTORDER_TIMEOUT": "60"])
        #expect(early.status == 75, "\(early)")
        #expect(early.stdout.hasPrefix("#1 \(alternativeID): still unknown: no order has this alternative id yet, but the send went unanswered and may still be under way at CertCentral; reconcile again in "), "\(early)")
        #expect(try await cli.journal()[0]["state"] as? String == "unknown")

        #expect(try await eventually(timeout: .seconds(90)) { try await sandbox.state().orders == 1 })
        let reconciled = try await cli.run(["reconcile", "--endpoint", sandbox.baseURL], environment: ["CERTORDER_TIMEOUT": "10"])
        #expect(reconciled.status == 0, "\(reconciled)")
        #expect(reconciled.stdout == "#1 \(alternativeID): placed as order 112233\n")
        entries = try await cli.journal()
        #expect(entries[0]["state"] as? String == "placed")
        #expect(entries[0]["order_id"] as? Int == 112233)

        let again = try await cli.run(["send", order, "--endpoint", sandbox.baseURL])
        #expect(again.status == 65, "\(again)")
        #expect(again.stderr.contains(" as order 112233 (journal #1).\nNot sent."), "\(again)")
        #expect(try await sandbox.state().orderIDs == [112233])
    }

    /// The sandbox commits the order and drops the connection: `unknown`; reconcile finds the order.
    @Test func droppedConnectionLeavesTheSendUnknownAndReconcileFindsTheOrder() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let order = try dir.write("order.order", safetyOrderScript())
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit", "--drop-next-orders", "1"])
        let session = try await Session(cli, endpoint: sandbox.baseURL, order: order)

        let result = try await session.sendAndShowDraft()
        #expect(result.status == 69, "\(result)")
        #expect(session.showedTheSameDraft(result), "the draft must be unchanged: \(result)")
        #expect(result.stderr.contains("""
            <stdin>:4:1: error: The connection to CertCentral was lost before its answer arrived; the request may have reached it. \
            An order may have been placed: run 'certorder reconcile', which looks it up by its alternative order id, before sending it again.
            (journal #1: unknown; 'reconcile' settles it, and until then the same order is not sent again; the draft is unchanged)
            """), "\(result)")
        let entries = try await cli.journal()
        #expect(entries.count == 1)
        #expect(entries[0]["state"] as? String == "unknown")
        let alternativeID = try #require(entries[0]["alternative_order_id"] as? String)
        var state = try await sandbox.state()
        #expect(state.droppedConnections == 1)
        #expect(state.byAlternativeID == [alternativeID: [112233]])

        let reconciled = try await cli.run(["reconcile", "--endpoint", sandbox.baseURL])
        #expect(reconciled.status == 0, "\(reconciled)")
        #expect(reconciled.stdout == "#1 \(alternativeID): placed as order 112233\n")
        #expect(try await cli.journalState() == "placed")

        let again = try await cli.run(["send", order, "--endpoint", sandbox.baseURL])
        #expect(again.status == 65, "\(again)")
        state = try await sandbox.state()
        #expect(state.orders == 1)
        #expect(state.ordersPlaced == 1)
    }

    /// An order the account refuses (400: a required custom field is missing). `send` blocks it
    /// before sending; `send --force` lets CertCentral judge: `refused`, with the API's code.
    @Test func refusedOrderIsRecordedAndBlocksNothing() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let lacking = safetyOrderScript().replacingOccurrences(of: "  custom_field 12 \"123456\"\n", with: "")
        let order = try dir.write("lacking.order", lacking)
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit"])

        let blocked = try await cli.run(["send", order, "--endpoint", sandbox.baseURL])
        #expect(blocked.status == 65, "\(blocked)")
        #expect(blocked.stderr.contains("error: the account requires custom field 12 (Cost center); add 'custom_field 12 \"…\"'"), "\(blocked)")
        #expect(blocked.stderr.hasSuffix("nothing sent: 1 error\n"), "\(blocked)")
        #expect(try await cli.journal().isEmpty)

        let forced = try await cli.run(["send", order, "--endpoint", sandbox.baseURL, "--force"])
        #expect(forced.status == 65, "\(forced)")
        #expect(forced.stderr.contains("""
            error: CertCentral refused the request (HTTP 400):
              invalid_custom_field_value: custom field 12 (Cost center) is required by this account; \
            add {"metadata_id": 12, "value": "..."} to custom_fields
            Correct what it names and send again.
            (journal #1: refused; nothing was placed; the draft is unchanged)
            """), "\(forced)")
        let entries = try await cli.journal()
        #expect(entries.count == 1)
        #expect(entries[0]["state"] as? String == "refused")
        #expect(entries[0]["http_status"] as? Int == 400)
        #expect(entries[0]["error_code"] as? String == "invalid_custom_field_value")
        #expect(try await sandbox.state().orders == 0)

        // A refused send created nothing, so it does not count as a duplicate.
        let fixed = try await cli.run(["send", try dir.write("order.order", safetyOrderScript()), "--endpoint", sandbox.baseURL])
        #expect(fixed.status == 0, "\(fixed)")
        #expect(try await sandbox.state().orderIDs == [112233])
    }
}
