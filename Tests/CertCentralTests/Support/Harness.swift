import CertCentral
import CertCentralSandbox
import CertOrder
import Foundation
import Testing
import TestSupport

/// The API key the tests send.
let testKey = "test-key-0123456789"

/// A client configuration for tests: short timeout, no retries unless asked.
func testConfiguration(timeout: Duration = .seconds(15), retry: RetryPolicy = .none) -> CertCentralClient.Configuration {
    CertCentralClient.Configuration(requestTimeout: timeout, retry: retry)
}

/// Fast retries: `attempts` in all, 10 ms apart.
func quickRetry(_ attempts: Int) -> RetryPolicy {
    RetryPolicy(maxAttempts: attempts, initialDelay: .milliseconds(10), maxDelay: .milliseconds(20), rateLimitDelay: .milliseconds(10))
}

/// The sandbox's Services API base for `port`.
func sandboxURL(_ port: Int) -> URL {
    URL(string: "http://127.0.0.1:\(port)/services/v2")!
}

/// Starts a sandbox on an ephemeral port of 127.0.0.1, runs `body` with it and a client of it
/// (key `testKey`, pacing off unless given), and stops the sandbox whatever happens.
func withSandbox<T>(
    _ configure: (inout SandboxConfiguration) -> Void = { _ in },
    apiKey: String? = testKey,
    client clientConfiguration: CertCentralClient.Configuration = testConfiguration(),
    pacing: CertCentralClient.Pacing = .off,
    _ body: (SandboxServer, CertCentralClient) async throws -> T
) async throws -> T {
    var configuration = SandboxConfiguration()
    configure(&configuration)
    let sandbox = try SandboxServer(configuration: configuration)
    let port = try await sandbox.start()
    do {
        let client = try CertCentralClient(endpoint: .url(sandboxURL(port)), apiKey: apiKey,
                                           configuration: clientConfiguration, pacing: pacing)
        let result = try await body(sandbox, client)
        await sandbox.stop()
        return result
    } catch {
        await sandbox.stop()
        throw error
    }
}

// MARK: - Fixtures

/// `Tests/CertOrderTests/Fixtures/<name>`: the documented example and its three answers.
func fixture(_ name: String) throws -> Data { try DocumentedExample.fixture(name) }

/// The documented example order, as it stands.
func documentedPayload() throws -> Data { try DocumentedExample.payload() }

/// The documented example order, decoded.
func documentedOrder() throws -> OrderRequest { try DocumentedExample.request() }

/// The documented example without `skip_approval`, so that the account's workflow applies.
func orderNeedingApproval(alternativeID: String? = nil) throws -> OrderRequest {
    var order = try documentedOrder()
    order.skipApproval = false
    order.alternativeOrderID = alternativeID
    return order
}

// MARK: - Processes

/// Runs `/usr/bin/curl` with `arguments` on a thread of its own (never blocking the cooperative
/// pool that serves the sandbox); answers its exit status and standard output.
func curl(_ arguments: [String]) async throws -> (status: Int32, output: Data) {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            do {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
                process.arguments = ["--silent", "--max-time", "10"] + arguments
                let pipe = Pipe()
                process.standardOutput = pipe
                process.standardError = FileHandle.nullDevice
                try process.run()
                let output = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: (process.terminationStatus, output))
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }
}

/// Runs `body` expecting a ``CertCentralError``; answers it (`nil` when it succeeded or threw another error).
func expectFailure<T>(_ body: () async throws -> T) async -> CertCentralError? {
    do {
        _ = try await body()
        return nil
    } catch let error as CertCentralError {
        return error
    } catch {
        Issue.record("expected a CertCentralError, got \(error)")
        return nil
    }
}
