import CertCentral
import CertCentralSandbox
import CertOrder
import Foundation
import Testing
import TestSupport

/// What is sent again and what is not: reads retry, an order that may have reached the server is
/// never resent.
@Suite("Retries and the order-not-resent rule")
struct DeliveryTests {
    @Test("commit then drop: the client reports connectionLost, the sandbox holds exactly one order")
    func droppedAfterCommit() async throws {
        // Retries are on (four attempts): the order must still go once.
        try await withSandbox({ $0.dropNextOrders = 1 }, client: testConfiguration(retry: quickRetry(4))) { sandbox, client in
            let order = try orderNeedingApproval(alternativeID: "ci-run-7")
            let error = await expectFailure { try await client.placeOrder(order, product: .codeSigningEV) }
            #expect(error == .connectionLost)
            #expect(error?.orderMayHaveBeenPlaced == true)
            #expect(error?.message == "The connection to CertCentral was lost before its answer arrived; the request may have reached it. An order may have been placed: run 'certorder reconcile', which looks it up by its alternative order id, before sending it again.")

            let snapshot = await sandbox.snapshot()
            #expect(snapshot.orderCount == 1)
            #expect(snapshot.orders(alternativeID: "ci-run-7").count == 1)
            #expect(snapshot.ordersByAlternativeID == ["ci-run-7": [112233]])
            #expect(snapshot.droppedConnections == 1)

            // Reconciliation finds it; the next order is answered normally.
            #expect(try await client.orderByAlternativeID("ci-run-7")?.id == 112233)
            let next = try await client.placeOrder(try orderNeedingApproval(alternativeID: "ci-run-8"), product: .codeSigningEV)
            #expect(next.id == 112234)
            #expect(await sandbox.snapshot().orderCount == 2)
        }
    }

    @Test("the dropped connection is really dropped: curl gets an empty reply")
    func droppedForCurl() async throws {
        try await withSandbox { sandbox, _ in
            let port = try #require(sandbox.port)
            // Set the fault at run time through the control route, as for a standalone sandbox.
            let (_, faults) = try await curl(["-X", "POST", "http://127.0.0.1:\(port)/sandbox/faults", "--data-binary", #"{"drop_next_orders": 1}"#])
            #expect((try JSONSerialization.jsonObject(with: faults) as? [String: Any])?["drop_next_orders"] as? Int == 1)
            #expect(sandbox.faults.dropNextOrders == 1)

            let (status, output) = try await curl([
                "-X", "POST", "\(sandboxURL(port).absoluteString)/order/certificate/code_signing_ev",
                "-H", "X-DC-DEVKEY: \(testKey)", "--data-binary", String(decoding: try documentedPayload(), as: UTF8.self),
            ])
            #expect(status == 52)  // curl: "Empty reply from server"
            #expect(output.isEmpty)
            #expect(await sandbox.snapshot().orderCount == 1)
            #expect(sandbox.faults.dropNextOrders == 0)

            let (_, state) = try await curl(["http://127.0.0.1:\(port)/sandbox/state"])
            let object = try #require(try JSONSerialization.jsonObject(with: state) as? [String: Any])
            #expect(object["orders"] as? Int == 1)
            #expect(object["dropped_connections"] as? Int == 1)
        }
    }

    @Test("an order POST that timed out is not resent, even with retries on")
    func orderTimeoutNotResent() async throws {
        try await withSandbox({ $0.latency = .milliseconds(400) },
                              client: testConfiguration(timeout: .milliseconds(100), retry: quickRetry(4))) { sandbox, client in
            let error = await expectFailure { try await client.placeOrder(try orderNeedingApproval(alternativeID: "slow"), product: .codeSigningEV) }
            #expect(error == .timeout)
            // The sandbox goes on and commits the order it received...
            // (It commits 400 ms after the request came in. The client had made every attempt it
            // would make before it reported the timeout, and the sandbox counts a request as it
            // comes in: a second attempt would have been counted long before this commit.)
            #expect(await eventually { await sandbox.snapshot().orderCount == 1 })
            // ...and it is the only one: the client sent it once.
            let snapshot = await sandbox.snapshot()
            #expect(snapshot.orderCount == 1)
            #expect(snapshot.requestCount == 1)
        }
    }

    @Test("an order POST answered 500 is not resent; a read is retried")
    func serverErrors() async throws {
        try await withSandbox({ $0.failureRate = 1 }, client: testConfiguration(retry: quickRetry(3))) { sandbox, client in
            #expect(await expectFailure { try await client.placeOrder(try documentedOrder(), product: .codeSigningEV) } == .server(status: 500))
            #expect(await sandbox.snapshot().requestCount == 1)

            #expect(await expectFailure { try await client.containers() } == .server(status: 500))
            let snapshot = await sandbox.snapshot()
            #expect(snapshot.requestCount == 4)  // 1 order + 3 attempts of the read
            #expect(snapshot.injectedFailures == 4)
            #expect(snapshot.orderCount == 0)
        }
    }

    @Test("reads retry through injected 500s until they pass (seeded, so the same every run)")
    func readsRetryThroughFailures() async throws {
        try await withSandbox({ $0.faults = SandboxFaults(failureRate: 0.5, seed: 7) }, client: testConfiguration(retry: quickRetry(8))) { sandbox, client in
            for _ in 0..<10 {
                let containers = try await client.containers()
                #expect(containers.map(\.id) == [654321])
            }
            let snapshot = await sandbox.snapshot()
            #expect(snapshot.injectedFailures > 0)
            #expect(snapshot.requestCount == 10 + snapshot.injectedFailures)
        }
    }

    @Test("reads retry after a lost connection and a timeout")
    func readsRetryAfterTimeout() async throws {
        try await withSandbox({ $0.latency = .milliseconds(1_000) },
                              client: testConfiguration(timeout: .milliseconds(200), retry: quickRetry(3))) { sandbox, client in
            #expect(await expectFailure { try await client.containers() } == .timeout)
            // The last attempt may reach the sandbox a moment after the client gave up on it.
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(5)
            while await sandbox.snapshot().requestCount < 3 && clock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            #expect(await sandbox.snapshot().requestCount == 3)
            sandbox.setFaults(.none)
            let containers = try await client.containers()
            #expect(containers.count == 1)
        }
    }

    @Test("an order to a host that refuses connections is tried again (nothing was sent) and then reported")
    func unreachableRetried() async throws {
        let reserved = try ReservedPort()
        defer { reserved.release() }
        let port = reserved.port
        let client = try CertCentralClient(endpoint: .url(sandboxURL(port)), apiKey: testKey, configuration: testConfiguration(retry: quickRetry(3)), pacing: .off)
        let clock = ContinuousClock()
        let start = clock.now
        #expect(await expectFailure { try await client.orderInfo(id: 1) } == .unreachable(host: "127.0.0.1:\(port)", reason: "connection refused"))
        #expect(clock.now - start >= .milliseconds(30))  // two waits: 10 ms, 20 ms
    }

    @Test("status changes are not retried after a 500 (a second approval would count twice)")
    func statusChangeNotRetried() async throws {
        try await withSandbox({ $0.approval = .twoStep }, client: testConfiguration(retry: quickRetry(4))) { sandbox, client in
            let placed = try await client.placeOrder(try orderNeedingApproval(), product: .codeSigningEV)
            sandbox.setFaults(SandboxFaults(failureRate: 1))
            #expect(await expectFailure { try await client.updateRequestStatus(id: placed.requests[0].id, .approved) } == .server(status: 500))
            sandbox.setFaults(.none)
            #expect(try await client.requestInfo(id: placed.requests[0].id).status == "submitted")
            #expect(await sandbox.snapshot().injectedFailures == 1)
        }
    }

    @Test("requests carry the documented headers")
    func headers() async throws {
        try await withSandbox { sandbox, client in
            _ = try await client.containers()
            #expect(await sandbox.snapshot().lastUserAgent == "certorder/\(CertCentralClient.version)")
        }
    }
}
