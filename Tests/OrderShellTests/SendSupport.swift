import CertCentral
import CertCentralSandbox
import CertOrder
import Foundation
import OrderJournal
import OrderLanguage
import OrderShell
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One in-process send setup: a ``SandboxServer`` on an ephemeral port of 127.0.0.1, a client of
/// it, a real SQLite journal in a private temporary directory, and an ``OrderSender``.
final class SendFixture: @unchecked Sendable {
    let directory: URL
    let journalPath: String
    let journal: OrderJournal
    let sandbox: SandboxServer
    let client: CertCentralClient
    let sender: OrderSender
    /// The endpoint name the journal stores (the sandbox's base URL).
    let endpoint: String
    private let noticeLock = NSLock()
    private var collected: [String] = []

    /// What the sender said while it waited (429 notices).
    var notices: [String] { noticeLock.withLock { collected } }

    private init(directory: URL, journal: OrderJournal, sandbox: SandboxServer, client: CertCentralClient, sender: OrderSender) {
        self.directory = directory
        journalPath = journal.path
        self.journal = journal
        self.sandbox = sandbox
        self.client = client
        self.sender = sender
        endpoint = sender.endpointName
        sender.onNotice = { [weak self] text in
            guard let self else { return }
            noticeLock.withLock { collected.append(text) }
        }
    }

    /// Starts the sandbox (configured by `configure`; rate limits off unless it turns them on)
    /// and opens a new journal.
    static func start(
        _ configure: (inout SandboxConfiguration) -> Void = { _ in },
        timeout: Duration = .seconds(20),
        rateLimitBackoff: Duration = .milliseconds(20),
        rateLimitRetries: Int = 6
    ) async throws -> SendFixture {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("certorder-send-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = SandboxConfiguration(rateLimit: false)
        configure(&configuration)
        let sandbox = try SandboxServer(configuration: configuration)
        try await sandbox.start()
        guard let base = sandbox.baseURL else { throw SendFailure("the sandbox has no URL") }
        let client = try CertCentralClient(endpoint: .url(base), apiKey: "send-tests-key",
                                           configuration: .init(requestTimeout: timeout, retry: .none), pacing: .off)
        let journal = try await OrderJournal(path: directory.appendingPathComponent("state/journal.sqlite").path)
        let sender = OrderSender(journal: journal, endpointName: base.absoluteString, client: client,
                                 rateLimitBackoff: rateLimitBackoff, rateLimitRetries: rateLimitRetries)
        return SendFixture(directory: directory, journal: journal, sandbox: sandbox, client: client, sender: sender)
    }

    /// Stops the sandbox, closes the journal and removes the directory.
    func stop() async {
        await sandbox.stop()
        try? await journal.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `body` with a started fixture, and stops it whatever happens.
    static func with(
        _ configure: (inout SandboxConfiguration) -> Void = { _ in },
        timeout: Duration = .seconds(20),
        rateLimitBackoff: Duration = .milliseconds(20),
        rateLimitRetries: Int = 6,
        _ body: (SendFixture) async throws -> Void
    ) async throws {
        let fixture = try await start(configure, timeout: timeout, rateLimitBackoff: rateLimitBackoff, rateLimitRetries: rateLimitRetries)
        do {
            try await body(fixture)
            await fixture.stop()
        } catch {
            await fixture.stop()
            throw error
        }
    }

    /// The message the shell shows for `outcome` (``OrderSession/report(_:)``), or nil when it
    /// reports success.
    func message(for outcome: SendOutcome) -> String? {
        let redactor = SecretRedactor()
        let keys = APIKeyStore(redactor: redactor, environment: [:])
        let session = OrderSession(console: Console(capturing: redactor), keys: keys,
                                   connection: Connection(keys: keys, sandboxStateFile: nil), journalPath: journalPath)
        do {
            try session.report(outcome)
            return nil
        } catch {
            return error.message
        }
    }
}

struct SendFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The documented EV order (valid in the sandbox's seeded account as it stands); `name` makes
/// orders distinct.
func sendOrder(name: String = "Erin Guerra") throws -> OrderRequest {
    try DocumentedExample.request(name: name)
}

/// Orders as a script makes them (for ``BatchSender``): one per name.
func sendCompiledOrders(_ names: [String]) async throws -> [(label: String, order: CompiledOrder)] {
    let compilation = await Compiler().compile(Source(
        name: "batch.order", text: DocumentedExample.tokenOrderScript(name: "\"template\"", addr1: "\"1 Main Street\"", zip: "\"23219\"")))
    guard !compilation.hasErrors, let template = compilation.orders.first else {
        throw SendFailure("the batch template does not compile: \(compilation.diagnostics)")
    }
    return names.map { name in
        var order = template
        order.request.shipInfo?.name = name
        return (label: name, order: order)
    }
}

extension SendOutcome {
    /// The placed order's id, else nil.
    var placedOrderID: Int? {
        if case .placed(_, let response) = self { return response.id }
        return nil
    }
}

