import CertCentral
import CertCentralSandbox
import CertOrder
import Foundation
import Testing

/// The server itself: start and stop, ports, the state file, faults at run time.
@Suite("Sandbox server")
struct SandboxServerTests {
    @Test("orders and id counters survive a restart with a state file")
    func stateFile() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("certorder-sandbox-\(UUID().uuidString)/state.json")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        try await withSandbox({ $0.stateFile = file }) { _, client in
            let placed = try await client.placeOrder(try orderNeedingApproval(alternativeID: "kept"), product: .codeSigningEV)
            try await client.updateRequestStatus(id: placed.requests[0].id, .approved)
        }
        #expect(FileManager.default.fileExists(atPath: file.path))
        try await withSandbox({ $0.stateFile = file }) { sandbox, client in
            #expect(await sandbox.snapshot().orderCount == 1)
            let info = try #require(try await client.orderByAlternativeID("kept"))
            #expect(info.id == 112233)
            #expect(info.status == "issued")
            #expect(info.certificateID == 113)
            let next = try await client.placeOrder(try orderNeedingApproval(), product: .codeSigningEV)
            #expect(next.id == 112234)
            #expect(next.requests[0].id == 114)
        }
    }

    @Test("a state file that is not a sandbox state is reported")
    func badStateFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("certorder-bad-\(UUID().uuidString).json")
        try Data("not json".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        var configuration = SandboxConfiguration()
        configuration.stateFile = file
        #expect {
            _ = try SandboxServer(configuration: configuration)
        } throws: { error in
            "\(error)".hasPrefix("The sandbox state file \(file.path) cannot be read")
        }
    }

    @Test("a port in use is reported; stop clears the port")
    func ports() async throws {
        let first = try SandboxServer()
        let port = try await first.start()
        #expect(port > 0)
        #expect(first.baseURL == sandboxURL(port))
        await #expect(throws: SandboxError.alreadyStarted) { try await first.start() }

        let second = try SandboxServer(configuration: SandboxConfiguration(port: port))
        await #expect { try await second.start() } throws: { error in
            (error as? SandboxError).map { "\($0)".hasPrefix("The sandbox cannot listen on 127.0.0.1:\(port)") } ?? false
        }
        let waiter = Task { await first.waitUntilStopped() }
        await first.stop()
        await waiter.value
        #expect(first.port == nil)

        // Whether the port is free again is not asserted: in a parallel test run another test's
        // listener or client may take it at once. "stop returns promptly" checks that a stopped
        // sandbox answers nothing more.
    }

    @Test("stop returns promptly with keep-alive connections open")
    func stopWithOpenConnections() async throws {
        let sandbox = try SandboxServer()
        let port = try await sandbox.start()
        let client = try CertCentralClient(endpoint: .url(sandboxURL(port)), apiKey: testKey, configuration: testConfiguration(), pacing: .off)
        for _ in 0..<3 { _ = try await client.containers() }
        let clock = ContinuousClock()
        let start = clock.now
        await sandbox.stop()
        #expect(clock.now - start < .seconds(2))
        #expect(await expectFailure { try await client.containers() } != nil)
    }

    @Test("faults can be changed while running, and added latency is felt")
    func runtimeFaults() async throws {
        try await withSandbox { sandbox, client in
            sandbox.updateFaults { $0.latency = .milliseconds(200) }
            let clock = ContinuousClock()
            let start = clock.now
            _ = try await client.containers()
            #expect(clock.now - start >= .milliseconds(200))
            sandbox.setFaults(.none)
            #expect(sandbox.faults == SandboxFaults.none)
        }
    }

    @Test("approval modes read their command-line names")
    func approvalNames() {
        #expect(SandboxConfiguration.ApprovalMode(name: "one-step") == .oneStep)
        #expect(SandboxConfiguration.ApprovalMode(name: "Two_Step") == .twoStep)
        #expect(SandboxConfiguration.ApprovalMode(name: "auto") == .auto)
        #expect(SandboxConfiguration.ApprovalMode(name: "three-step") == nil)
        #expect(Endpoint(name: "EU") == .eu)
        #expect(Endpoint(name: "http://127.0.0.1:8080")?.baseURL.absoluteString == "http://127.0.0.1:8080/services/v2")
        #expect(Endpoint(name: "nonsense") == nil)
    }
}
