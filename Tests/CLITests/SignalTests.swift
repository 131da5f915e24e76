import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Interruption is part of the protocol (issue 13, findings 1 and 6): SIGINT, SIGTERM and SIGHUP
/// are handled alike by `certorder send` — no request leaves after the signal, the sends in
/// flight are awaited (bounded) and recorded, no journal entry is left `sending`, the summary is
/// printed, and the exit status is 130, 143 or 129. Each test drives the real binary against a
/// `certorder sandbox` process with latency.
@Suite("Signals stop certorder send cleanly")
struct SignalTests {
    /// Finding 1: the signal comes while the sandbox holds the account lookups (GET
    /// /account/metadata, GET /organization/123456/validation and GET /user/me, made together),
    /// before the order's POST. Nothing is sent, nothing journaled.
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func finding1_aSignalDuringTheAccountLookupSendsNothing(signal: Int32) async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let order = try dir.write("order.order", safetyOrderScript())
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit", "--latency-ms", "4000"])

        let send = try cli.start(["send", order, "--endpoint", sandbox.baseURL], label: "send")
        let caught = try await safetyWatch(until: { sandbox.stateNow()?.requestCount == 3 }, then: { send.deliver(signal) })
        #expect(caught)
        let status = try await send.wait(timeout: .seconds(30))
        #expect(status == 128 + signal, "stdout:\n\(send.stdout)\nstderr:\n\(send.stderr)")
        #expect(send.stdout.isEmpty)
        #expect(send.stderr.contains("error: nothing sent: the account's custom fields (GET /account/metadata) could not be looked up: interrupted\n"),
                "\(send.stderr)")
        #expect(try await cli.journal().isEmpty)
        // Only the three lookups ever reached the sandbox.
        let state = try await sandbox.state()
        #expect(state.requestCount == 3)
        #expect(state.orders == 0)
    }

    /// The signal comes while the sandbox holds the order's POST (for less than the grace): the
    /// answer is awaited and recorded, the order reported placed, and the exit status is still
    /// the signal's.
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func aSignalWhileTheOrderIsInFlightAwaitsAndRecordsIt(signal: Int32) async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let order = try dir.write("order.order", safetyOrderScript())
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit", "--latency-ms", "1500"])

        // --force: no lookup, the POST is the first request.
        let send = try cli.start(["send", order, "--endpoint", sandbox.baseURL, "--force"], label: "send")
        let caught = try await safetyWatch(until: { sandbox.stateNow()?.requestCount == 1 }, then: { send.deliver(signal) })
        #expect(caught)
        let status = try await send.wait(timeout: .seconds(30))
        #expect(status == 128 + signal, "stdout:\n\(send.stdout)\nstderr:\n\(send.stderr)")
        #expect(send.stdout.hasPrefix("placed order 112233 (journal #1, alternative id certorder-"), "\(send.stdout)")
        let entries = try await cli.journal()
        #expect(entries.map { $0["state"] as? String } == ["placed"])
        #expect(entries.first?["order_id"] as? Int == 112233)
        #expect(try await sandbox.state().orders == 1)
    }

    /// An order held by the server past the grace (5 s; the sandbox holds it 60 s): the live
    /// process gives it up and records it `unknown` itself — not `sending` — and exits 143
    /// without waiting for the request's own 30 s timeout.
    @Test func aSendHeldPastTheGraceIsRecordedUnknownNotSending() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let order = try dir.write("order.order", safetyOrderScript())
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit", "--latency-ms", "60000"])

        let send = try cli.start(["send", order, "--endpoint", sandbox.baseURL, "--force"], label: "send")
        let caught = try await safetyWatch(until: { sandbox.stateNow()?.requestCount == 1 }, then: { send.deliver(SIGTERM) })
        #expect(caught)
        // The bound: the grace, well before the sandbox's 60 s or the 30 s request timeout.
        let status = try await send.wait(timeout: .seconds(25))
        #expect(status == 143, "stdout:\n\(send.stdout)\nstderr:\n\(send.stderr)")
        let entries = try await cli.journal()
        #expect(entries.map { $0["state"] as? String } == ["unknown"])
        // Recorded by the process itself, not found dead by the next start.
        #expect((entries.first?["error_message"] as? String)?.hasPrefix("The request was cancelled before its answer arrived") == true,
                "\(entries)")
        #expect(send.stderr.contains("(journal #1: unknown; 'reconcile' settles it"), "\(send.stderr)")
    }

    /// Finding 6: SIGTERM (a CI runner's cancel) or SIGHUP in the middle of a batch stops it as
    /// SIGINT does: no entry left `sending`, the summary printed, exit 143 / 129; run again, the
    /// batch sends only the rest and the sandbox ends with each order once.
    @Test(arguments: [SIGTERM, SIGHUP])
    func finding6_aSignalMidBatchRecordsEverySendAndPrintsTheSummary(signal: Int32) async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        try dir.write("batch/developers.csv", SafetyBatchTests.csv)
        let script = try dir.write("batch/batch.order", SafetyBatchTests.script)
        let rows = SafetyBatchTests.rows
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit", "--latency-ms", "100"])

        let first = try cli.start(["send", script, "--endpoint", sandbox.baseURL], label: "send-1")
        let caught = try await safetyWatch(until: { (sandbox.stateNow()?.orders ?? 0) >= 20 }, then: { first.deliver(signal) })
        #expect(caught)
        let status = try await first.wait()
        #expect(status == 128 + signal, "stdout:\n\(first.stdout)\nstderr:\n\(first.stderr)")
        #expect(first.stderr.hasSuffix("interrupted: run the same command again to send the rest (what was placed is skipped)\n"))

        let placed = try await sandbox.state().orders
        #expect(placed > 0 && placed < rows)
        #expect(first.stdout.hasSuffix("\n\(rows) orders: \(placed) placed, \(rows - placed) not sent\n"), "\(first.stdout)")
        let entries = try await cli.journal()
        #expect(entries.count == placed)
        #expect(entries.allSatisfy { $0["state"] as? String == "placed" }, "\(entries.map { $0["state"] ?? "?" })")

        let second = try await cli.run(["send", script, "--endpoint", sandbox.baseURL])
        #expect(second.status == 0, "\(second)")
        #expect(second.stdout.hasSuffix("\n\(rows) orders: \(rows - placed) placed, \(placed) skipped\n"), "\(second.stdout)")
        let state = try await sandbox.state()
        #expect(state.orders == rows)
        #expect(state.byAlternativeID.values.allSatisfy { $0.count == 1 })
    }
}

/// Deadlines seen from the command line (issue 13, findings 4 and 5): a lookup that fails stops
/// the send before its POST with "nothing sent"; a long wait says what it waits for; the
/// account is looked up once per send; a dribbling answer ends at the deadline.
@Suite("certorder send against slow, silent and failing servers")
struct DeadlineCLITests {
    /// Finding 4: the sandbox holds every request 30 s; with a 1.5 s timeout the lookups (the
    /// custom fields, the organisation's validations, the key's owner, made together: four
    /// attempts each within the 31.5 s call deadline) fail, and the order is never POSTed:
    /// exit 69. The custom fields' failure is the one reported.
    @Test func finding4_anUnansweredLookupStopsTheSendBeforeThePOST() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let order = try dir.write("order.order", safetyOrderScript())
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit", "--latency-ms", "30000"])

        let result = try await cli.run(["send", order, "--endpoint", sandbox.baseURL], environment: ["CERTORDER_TIMEOUT": "1.5"],
                                       timeout: .seconds(40))
        #expect(result.status == 69, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("note: waiting for 127.0.0.1:\(sandbox.port) to answer GET /account/metadata "
                                       + "(the account's custom fields): 2 s so far; giving up after 31.5 s\n"), "\(result)")
        #expect(result.stderr.hasSuffix("error: nothing sent: the account's custom fields (GET /account/metadata) could not be looked up: "
                                        + "CertCentral did not answer in time (CERTORDER_TIMEOUT sets how long a request may take)\n"), "\(result)")
        #expect(try await cli.journal().isEmpty)
        let state = try await sandbox.state()
        #expect(state.requestCount == 12, "four attempts of each of the three lookups, no POST")
        #expect(state.orders == 0)
    }

    /// Finding 4: a lookup answered 500 (retried, still 500) stops the send: exit 75, nothing sent.
    @Test func finding4_aFailingLookupStopsTheSendWithStatus75() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let order = try dir.write("order.order", safetyOrderScript())
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit"])
        try await sandbox.setFaults(["failure_rate": 1.0])

        let result = try await cli.run(["send", order, "--endpoint", sandbox.baseURL])
        #expect(result.status == 75, "\(result)")
        #expect(result.stderr.contains("error: nothing sent: the account's custom fields (GET /account/metadata) could not be looked up: "
                                       + "CertCentral failed with HTTP 500"), "\(result)")
        #expect(try await cli.journal().isEmpty)
        #expect(try await sandbox.state().orders == 0)
    }

    /// Finding 4: the account (its custom fields, the organisation's validations, the key's
    /// owner) is looked up once per `certorder send`, and once per endpoint in a session however
    /// many sends follow.
    @Test func finding4_theAccountIsLookedUpOncePerSendAndSession() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let order = try dir.write("order.order", safetyOrderScript())
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit"])

        let sent = try await cli.run(["send", order, "--endpoint", sandbox.baseURL])
        #expect(sent.status == 0, "\(sent)")
        #expect(try await sandbox.state().requestCount == 4, "three lookups (custom fields, validations, key owner), one POST")

        let other = try dir.write("other.order", safetyOrderScript(name: "Ada Lovelace"))
        let session = try await cli.run(["--endpoint", sandbox.baseURL],
                                        input: "load \(other)\nsend --yes\nsend --yes --allow-duplicate\n")
        #expect(session.status == 0, "\(session)")
        let state = try await sandbox.state()
        #expect(state.requestCount == 9, "the session: three lookups, two POSTs")
        #expect(state.orders == 3)
    }

    /// Finding 5: a server that sends its headers and then a byte every 200 ms holds a request
    /// no longer than CERTORDER_TIMEOUT: the order ends `unknown` (exit 69), and without
    /// --force the lookup fails first and nothing is sent.
    @Test func finding5_aDribblingServerIsGivenUpAtTheDeadline() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let order = try dir.write("order.order", safetyOrderScript())
        let server = try DribblingServer(interval: .milliseconds(200))
        defer { server.stop() }

        let lookup = try await cli.run(["send", order, "--endpoint", server.baseURL], environment: ["CERTORDER_TIMEOUT": "1"],
                                       timeout: .seconds(20))
        #expect(lookup.status == 69, "\(lookup)")
        #expect(lookup.stderr.contains("error: nothing sent: the account's custom fields (GET /account/metadata) could not be looked up: "
                                       + "CertCentral did not answer in time"), "\(lookup)")
        #expect(try await cli.journal().isEmpty)
        #expect(!server.requests.contains { $0.hasPrefix("POST") })

        let forced = try await cli.run(["send", order, "--endpoint", server.baseURL, "--force"], environment: ["CERTORDER_TIMEOUT": "1"],
                                       timeout: .seconds(20))
        #expect(forced.status == 69, "\(forced)")
        #expect(forced.stderr.contains("CertCentral did not answer in time; the request may have reached it."), "\(forced)")
        #expect(try await cli.journal().map { $0["state"] as? String } == ["unknown"])
        #expect(server.requests.filter { $0.hasPrefix("POST") }.count == 1)
    }
}
