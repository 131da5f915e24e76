import CertCentral
import CertCentralSandbox
import CertOrder
import Foundation
import Testing
import TestSupport

/// The pacer against a manual clock: exact waits.
@Suite("Pacer")
struct PacerTests {
    @Test("100 requests go at once; the 101st waits exactly 5 s; the next 99 then go at once")
    func fivesecondWindow() async throws {
        let clock = ManualClock()
        let pacer = Pacer(margin: .zero, clock: clock)
        for _ in 0..<100 { #expect(try await pacer.acquire() == .zero) }
        #expect(await pacer.currentDelay() == .seconds(5))
        #expect(try await pacer.acquire() == .seconds(5))
        #expect(clock.elapsed == .seconds(5))
        for _ in 0..<99 { #expect(try await pacer.acquire() == .zero) }
        #expect(try await pacer.acquire() == .seconds(5))
        #expect(clock.sleeps == [.seconds(5), .seconds(5)])
    }

    @Test("requests spread out wait only for the request 100 back")
    func spreadOut() async throws {
        let clock = ManualClock()
        let pacer = Pacer(margin: .zero, clock: clock)
        for _ in 0..<100 {
            #expect(try await pacer.acquire() == .zero)
            clock.advance(by: .milliseconds(30))  // 100 requests over 3 s
        }
        // The first went at 0 s, it is now 3 s: the next may go at 5 s.
        #expect(try await pacer.acquire() == .seconds(2))
        // The second went at 0.03 s: the next may go at 5.03 s.
        #expect(try await pacer.acquire() == .milliseconds(30))
    }

    @Test("1000 requests in 3 minutes: the 1001st waits for the first to leave the window")
    func threeMinuteWindow() async throws {
        let clock = ManualClock()
        let pacer = Pacer(margin: .zero, clock: clock)
        var waits: [Duration] = []
        for _ in 0..<1000 {
            let wait = try await pacer.acquire()
            if wait != .zero { waits.append(wait) }
        }
        // Ten bursts of 100, 5 s apart: the last at 45 s.
        #expect(waits == Array(repeating: .seconds(5), count: 9))
        #expect(clock.elapsed == .seconds(45))
        // The 1001st may go when the first (at 0 s) is 3 minutes old.
        #expect(try await pacer.acquire() == .seconds(135))
        #expect(clock.elapsed == .seconds(180))
        // In the window now: the 900 sent at 5–45 s and this one.
        #expect(await pacer.recentCount == 901)
    }

    @Test("the default margin keeps a little more than a window between request n and n + 100")
    func margin() async throws {
        let clock = ManualClock()
        let pacer = Pacer(clock: clock)
        for _ in 0..<100 { try await pacer.acquire() }
        #expect(try await pacer.acquire() == .milliseconds(5100))
        #expect(pacer.margin == .milliseconds(100))
        #expect(pacer.limits == Pacer.certCentralLimits)
    }

    @Test("concurrent callers are given successive slots")
    func concurrent() async throws {
        let clock = ManualClock()
        let pacer = Pacer(limits: [.init(requests: 2, per: .seconds(1))], margin: .zero, clock: clock)
        let waits = try await withThrowingTaskGroup(of: Duration.self) { group in
            for _ in 0..<6 { group.addTask { try await pacer.acquire() } }
            var all: [Duration] = []
            for try await wait in group { all.append(wait) }
            return all.sorted()
        }
        // Two slots at 0 s, two at 1 s, two at 2 s: each caller waited for its own slot.
        #expect(clock.elapsed == .seconds(2))
        #expect(waits.filter { $0 == .zero }.count >= 2)
        #expect(waits.count == 6)
        #expect(waits.allSatisfy { $0 <= .seconds(2) })
    }

    @Test("a request is counted from when its answer arrived")
    func countedAtCompletion() async throws {
        let clock = ManualClock()
        let pacer = Pacer(limits: [.init(requests: 2, per: .seconds(10))], margin: .zero, clock: clock)
        let first = try await pacer.acquireTicket()
        clock.advance(by: .seconds(3))  // the answer takes 3 s
        await pacer.complete(first)
        _ = try await pacer.acquire()
        // The first counts from 3 s: the third may go at 13 s, not 10 s.
        #expect(try await pacer.acquire() == .seconds(10))
        #expect(clock.elapsed == .seconds(13))
    }

    @Test("a cancelled wait throws")
    func cancelled() async throws {
        let pacer = Pacer(limits: [.init(requests: 1, per: .seconds(60))])
        try await pacer.acquire()
        let task = Task { try await pacer.acquire() }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test("one pacer per key, shared by the clients of that key")
    func sharedPerKey() async throws {
        #expect(Pacer.shared(forKey: "a") === Pacer.shared(forKey: "a"))
        #expect(Pacer.shared(forKey: "a") !== Pacer.shared(forKey: "b"))
        let one = try CertCentralClient(endpoint: .us, apiKey: "k1")
        let two = try CertCentralClient(endpoint: .us, apiKey: "k1")
        let other = try CertCentralClient(endpoint: .us, apiKey: "k2")
        #expect(one.pacer === two.pacer)
        #expect(one.pacer !== other.pacer)
        #expect(try CertCentralClient(endpoint: .us, apiKey: "k1", pacing: .off).pacer == nil)
    }

    @Test("the client waits on its pacer before each request (manual clock)")
    func clientUsesPacer() async throws {
        let clock = ManualClock()
        let pacer = Pacer(limits: [.init(requests: 2, per: .seconds(3600))], margin: .zero, clock: clock)
        try await withSandbox(pacing: .pacer(pacer)) { _, client in
            for _ in 0..<5 { _ = try await client.containers() }
            // Requests 3 and 5 each waited an hour on the manual clock.
            #expect(clock.sleeps == [.seconds(3600), .seconds(3600)])
        }
    }

    @Test("paced to the sandbox's limits on the real clock, no request is refused")
    func pacedAgainstSandbox() async throws {
        // Each request is counted from when its answer arrived, so however late the server saw
        // it (the first one also opens the connection; the machine may be loaded), the request
        // five later reaches it a whole window after.
        let limit = Pacer.Limit(requests: 5, per: .milliseconds(400))
        let pacer = Pacer(limits: [limit], margin: .milliseconds(10))
        try await withSandbox({ $0.rateLimits = [SandboxRateLimit(requests: 5, per: .milliseconds(400))] }, pacing: .pacer(pacer)) { sandbox, client in
            let clock = ContinuousClock()
            let start = clock.now
            for _ in 0..<12 { _ = try await client.containers() }
            #expect(clock.now - start >= .milliseconds(800))
            #expect(await sandbox.snapshot().rateLimited == 0)
        }
        // Unpaced, the same burst is refused.
        try await withSandbox({ $0.rateLimits = [SandboxRateLimit(requests: 5, per: .seconds(10))] }) { _, client in
            for _ in 0..<5 { _ = try await client.containers() }
            #expect(await expectFailure { try await client.containers() } == .rateLimited)
        }
    }

    @Test("retry delays double up to the maximum, and wait longer after a 429")
    func retryDelays() {
        let policy = RetryPolicy.standard
        #expect((1...6).map { policy.delay(afterAttempt: $0, rateLimited: false) }
                == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(8)])
        #expect(policy.delay(afterAttempt: 1, rateLimited: true) == .seconds(2))
        #expect(RetryPolicy.none.maxAttempts == 1)
    }
}
