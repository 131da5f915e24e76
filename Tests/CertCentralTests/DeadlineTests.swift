import CertCentral
import CertCentralSandbox
import CertOrder
import Foundation
import Testing
import TestSupport

/// The client's deadlines (issue 13, findings 4 and 5) and its cancellation: a request ends by
/// its timeout however slowly its answer arrives, a call's retries end by the call's deadline, a
/// long wait says what it waits for, and a cancelled call sends nothing more.
@Suite("Deadlines and cancellation of the client")
struct DeadlineTests {
    /// Collects what the client says while it waits.
    final class Notices: @unchecked Sendable {
        private let lock = NSLock()
        private var texts: [String] = []
        func add(_ text: String) { lock.withLock { texts.append(text) } }
        var all: [String] { lock.withLock { texts } }
    }

    static func client(_ server: DribblingServer, timeout: Duration, retry: RetryPolicy = .none,
                       notices: Notices? = nil, noticeAfter: Duration = .seconds(2), grace: Duration = .seconds(5)) throws -> CertCentralClient {
        var configuration = CertCentralClient.Configuration(requestTimeout: timeout, retry: retry, cancellationGrace: grace)
        if let notices { configuration.waitNotice = { notices.add($0) } }
        configuration.waitNoticeAfter = noticeAfter
        return try CertCentralClient(endpoint: .url(URL(string: server.baseURL)!), apiKey: "deadline-tests", configuration: configuration,
                                     pacing: .off, httpClient: nil)
    }

    /// Finding 5: headers at once, then one byte every 200 ms of a 100 KB body (hours). With a
    /// 1 s timeout the lookup ends in `timeout`; without a deadline over the whole answer it
    /// would still be reading (and end in an unreadable body, not a timeout).
    @Test func finding5_aDribblingAnswerIsGivenUpAtTheRequestDeadline() async throws {
        let server = try DribblingServer(interval: .milliseconds(200))
        defer { server.stop() }
        let client = try Self.client(server, timeout: .seconds(1))
        await #expect(throws: CertCentralError.timeout) { try await client.customFieldMetadata() }
        #expect(server.requests == ["GET /services/v2/account/metadata HTTP/1.1"])
    }

    /// Finding 5, for an order: the POST's answer dribbles; the order ends in `timeout` (its
    /// outcome unknown), sent once.
    @Test func finding5_aDribblingAnswerToAnOrderIsGivenUpAtTheRequestDeadline() async throws {
        let server = try DribblingServer(interval: .milliseconds(200))
        defer { server.stop() }
        let client = try Self.client(server, timeout: .seconds(1), retry: RetryPolicy(maxAttempts: 4))
        await #expect(throws: CertCentralError.timeout) {
            try await client.sendOrder(product: .codeSigningEV, payload: Data(#"{"certificate":{}}"#.utf8))
        }
        #expect(server.requests == ["POST /services/v2/order/certificate/code_signing_ev HTTP/1.1"])
    }

    /// Finding 4: a read is retried only while the retry can end before the call's deadline
    /// (here 2 s): two attempts of 1 s at most, not four.
    @Test func finding4_retriesEndByTheCallDeadline() async throws {
        let server = try DribblingServer(interval: .milliseconds(200))
        defer { server.stop() }
        var client = try Self.client(server, timeout: .seconds(1),
                                     retry: RetryPolicy(maxAttempts: 4, initialDelay: .milliseconds(10), maxDelay: .milliseconds(20)))
        var configuration = client.configuration
        configuration.callTimeout = .seconds(2)
        client = try CertCentralClient(endpoint: client.endpoint, apiKey: "deadline-tests", configuration: configuration, pacing: .off)
        await #expect(throws: CertCentralError.timeout) { try await client.customFieldMetadata() }
        // Four attempts would take 4 s; the deadline lets two start (one on a slow machine).
        #expect((1...2).contains(server.requests.count), "\(server.requests)")
    }

    /// The default call deadline: twice the request timeout, and at least 30 s more than it.
    @Test func theDefaultCallDeadline() {
        #expect(CertCentralClient.Configuration(requestTimeout: .seconds(30)).effectiveCallTimeout == .seconds(60))
        #expect(CertCentralClient.Configuration(requestTimeout: .seconds(1)).effectiveCallTimeout == .seconds(31))
        #expect(CertCentralClient.Configuration(requestTimeout: .seconds(1), callTimeout: .seconds(3)).effectiveCallTimeout == .seconds(3))
    }

    /// Finding 4: a call that has waited `waitNoticeAfter` says once what it waits for.
    @Test func finding4_aLongWaitSaysWhatItWaitsFor() async throws {
        let server = try DribblingServer(interval: .milliseconds(200))
        defer { server.stop() }
        let notices = Notices()
        let client = try Self.client(server, timeout: .seconds(1), notices: notices, noticeAfter: .milliseconds(300))
        await #expect(throws: CertCentralError.timeout) { try await client.customFieldMetadata() }
        #expect(notices.all == ["waiting for 127.0.0.1:\(server.port) to answer GET /account/metadata (the account's custom fields): "
                                + "0.3 s so far; giving up after 31 s"])
    }

    /// Cancelled before it starts, a call sends nothing: `cancelledBeforeSending`.
    @Test func aCancelledCallSendsNothing() async throws {
        let server = try DribblingServer()
        defer { server.stop() }
        let client = try Self.client(server, timeout: .seconds(30))
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.sendOrder(product: .codeSigningEV, payload: Data("{}".utf8))
        }
        await #expect(throws: CertCentralError.cancelledBeforeSending) { try await task.value }
        #expect(server.requests.isEmpty)
        #expect(!CertCentralError.cancelledBeforeSending.orderMayHaveBeenPlaced)
    }

    /// Cancelled while its read is under way, a lookup ends at once (`cancelled`), long before
    /// its 30 s timeout.
    @Test func aCancelledReadEndsAtOnce() async throws {
        let server = try DribblingServer()
        defer { server.stop() }
        let client = try Self.client(server, timeout: .seconds(30))
        let task = Task { try await client.customFieldMetadata() }
        #expect(await eventually(timeout: .seconds(60)) { server.requests.count == 1 })
        task.cancel()
        await #expect(throws: CertCentralError.cancelled) { try await task.value }
    }

    /// Cancelled while an order is under way, the client waits the grace for its answer, then
    /// gives it up as of unknown outcome (`cancelled`), long before its 30 s timeout.
    @Test func aCancelledOrderIsAwaitedForTheGraceThenUnknown() async throws {
        let server = try DribblingServer()
        defer { server.stop() }
        let client = try Self.client(server, timeout: .seconds(30), grace: .milliseconds(300))
        let task = Task { try await client.sendOrder(product: .codeSigningEV, payload: Data("{}".utf8)) }
        #expect(await eventually(timeout: .seconds(60)) { server.requests.count == 1 })
        task.cancel()
        await #expect(throws: CertCentralError.cancelled) { try await task.value }
        #expect(CertCentralError.cancelled.orderMayHaveBeenPlaced)
    }

    /// Cancelled while an order is under way, an answer within the grace is the call's result.
    @Test func aCancelledOrderAnsweredWithinTheGraceIsPlaced() async throws {
        var configuration = testConfiguration()
        configuration.cancellationGrace = .seconds(20)
        try await withSandbox({ $0.latency = .milliseconds(800) }, client: configuration) { sandbox, client in
            let order = try orderNeedingApproval(alternativeID: "cancelled-in-flight")
            let task = Task { try await client.placeOrder(order, product: .codeSigningEV) }
            #expect(await eventually(timeout: .seconds(60)) { await sandbox.snapshot().requestCount == 1 })
            task.cancel()
            let placed = try await task.value
            #expect(placed.id == 112233)
            #expect(await sandbox.snapshot().orderCount == 1)
        }
    }
}
