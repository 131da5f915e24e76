import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOSSL

/// A local CertCentral: the Services API's routes under `/services/v2` on 127.0.0.1, answering as
/// CertCentral documents, with the approval flows, rate limits and injectable faults.
///
/// ```swift
/// let sandbox = try SandboxServer(configuration: .init(approval: .twoStep))
/// let port = try await sandbox.start()      // http://127.0.0.1:\(port)/services/v2
/// ...
/// await sandbox.stop()
/// ```
public final class SandboxServer: Sendable {
    public let configuration: SandboxConfiguration
    let store: SandboxStore
    let gate: SandboxGate
    private let running = LockedBox<Running?>(nil)

    private struct Running: Sendable {
        var port: Int
        var task: Task<Void, Never>
    }

    /// Prepares a sandbox; reads the state file when the configuration names an existing one.
    /// - Throws: ``SandboxError/unreadableStateFile(path:reason:)``.
    public init(configuration: SandboxConfiguration = SandboxConfiguration()) throws {
        self.configuration = configuration
        store = try SandboxStore(configuration: configuration)
        gate = SandboxGate(configuration: configuration)
    }

    /// Binds and starts serving; returns the bound port (an ephemeral one when the configured port is 0).
    /// - Throws: ``SandboxError/cannotBind(host:port:reason:)``, ``SandboxError/alreadyStarted``.
    @discardableResult
    public func start() async throws -> Int {
        guard running.value == nil else { throw SandboxError.alreadyStarted }
        let router = Router(context: SandboxRequestContext.self)
        router.add(middleware: SandboxMiddleware(gate: gate, acceptedKeys: configuration.acceptedKeys, viewOnlyKeys: configuration.viewOnlyKeys))
        SandboxRoutes(store: store, gate: gate, today: configuration.today, keyOwnerHasJobTitle: configuration.keyOwnerHasJobTitle).register(on: router)

        // Hummingbird logs a stop as an error ("Waiting on child channel: CancellationError"):
        // keep it out of the quiet default.
        var serverLogger = configuration.logger
        if serverLogger.logLevel == .error { serverLogger.logLevel = .critical }
        let (events, continuation) = AsyncStream<Result<Int, any Error>>.makeStream()
        let app = Application(
            router: router,
            server: try serverBuilder(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in
                continuation.yield(.success(channel.localAddress?.port ?? 0))
            },
            logger: serverLogger
        )
        let task = Task {
            do {
                try await app.run()
            } catch {
                continuation.yield(.failure(error))
            }
            continuation.finish()
        }
        var port: Int?
        var failure: (any Error)?
        for await event in events {
            switch event {
            case .success(let p): port = p
            case .failure(let e): failure = e
            }
            break
        }
        guard let port else {
            task.cancel()
            _ = await task.value
            throw SandboxError.cannotBind(host: configuration.host, port: configuration.port,
                                          reason: failure.map { "\($0)" } ?? "the server stopped at once")
        }
        let started = running.withValue { state -> Bool in
            guard state == nil else { return false }
            state = Running(port: port, task: task)
            return true
        }
        guard started else {
            task.cancel()
            _ = await task.value
            throw SandboxError.alreadyStarted
        }
        configuration.logger.info("CertCentral sandbox listening", metadata: ["url": "\(scheme)://\(configuration.host):\(port)\(SandboxRoutes.basePath)"])
        return port
    }

    /// Plain HTTP/1.1, or TLS with the configured certificate and key.
    private func serverBuilder() throws -> HTTPServerBuilder {
        guard let certificateFile = configuration.tlsCertificateFile else { return .http1() }
        guard let keyFile = configuration.tlsKeyFile else {
            throw SandboxError.unreadableTLSFiles(certificate: certificateFile, key: nil, reason: "a TLS certificate needs its key file")
        }
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(certificateFile).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: keyFile, format: .pem)
            return try .tls(.http1(), tlsConfiguration: .makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key)))
        } catch {
            throw SandboxError.unreadableTLSFiles(certificate: certificateFile, key: keyFile, reason: "\(error)")
        }
    }

    /// `https` when serving TLS, else `http`.
    public var scheme: String { configuration.tlsCertificateFile == nil ? "http" : "https" }

    /// Stops serving and closes every connection; returns once the port is released.
    public func stop() async {
        guard let state = running.withValue({ state -> Running? in
            defer { state = nil }
            return state
        }) else { return }
        state.task.cancel()
        _ = await state.task.value
    }

    /// Returns when the server has stopped (after ``stop()`` from elsewhere, e.g. a signal
    /// handler of `certorder sandbox`); at once when it is not running.
    public func waitUntilStopped() async {
        guard let task = running.value?.task else { return }
        await task.value
    }

    /// The bound port while running.
    public var port: Int? { running.value?.port }

    /// The Services API base, `http://127.0.0.1:PORT/services/v2` (`https://` with TLS), while running.
    public var baseURL: URL? {
        port.flatMap { URL(string: "\(scheme)://\(configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host):\($0)\(SandboxRoutes.basePath)") }
    }

    /// What the sandbox holds now.
    public func snapshot() async -> SandboxSnapshot {
        await Self.snapshot(store: store, gate: gate)
    }

    /// The faults now in force.
    public var faults: SandboxFaults { gate.currentFaults }

    /// Replaces the faults while running (as `POST /sandbox/faults` does).
    public func setFaults(_ faults: SandboxFaults) {
        gate.setFaults(faults)
    }

    /// Changes the faults in place: `sandbox.updateFaults { $0.dropNextOrders = 1 }`.
    public func updateFaults(_ change: (inout SandboxFaults) -> Void) {
        var faults = gate.currentFaults
        change(&faults)
        gate.setFaults(faults)
    }

    /// The sandbox's CA root certificate (PEM), made now if it was not yet: what a verifier of
    /// the sandbox's certificates trusts (`certorder sandbox --ca-cert FILE` writes it).
    public func rootCertificatePEM() async throws -> String {
        try await store.certificateAuthority().rootPEM
    }

    /// The sandbox's "now": ``SandboxConfiguration/now`` moved by ``advanceClock(days:)``.
    public func now() async -> Date {
        await store.currentTime()
    }

    /// Moves the sandbox's "now" forward by `days` (as `POST /sandbox/clock` does); answers it.
    @discardableResult
    public func advanceClock(days: Int) async -> Date {
        await store.advanceClock(days: max(0, days))
    }

    static func snapshot(store: SandboxStore, gate: SandboxGate) async -> SandboxSnapshot {
        let contents = await store.contents()
        let placed = await store.ordersPlaced
        let counters = gate.counters()
        return SandboxSnapshot(
            orders: contents.orders, requests: contents.requests, ordersByAlternativeID: contents.byAlternativeID,
            requestCount: counters.requests, ordersPlaced: placed, injectedFailures: counters.failures,
            droppedConnections: counters.dropped, rateLimited: counters.rateLimited, lastUserAgent: counters.userAgent
        )
    }
}

/// A value behind a lock.
final class LockedBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    func withValue<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&stored)
    }
}
