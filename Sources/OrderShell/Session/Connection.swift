import CertCentral
import CertCentralSandbox
import CertOrder
import Foundation

/// Where `send` and the other API commands go: the embedded sandbox (the default), DigiCert's
/// US or EU CertCentral, or a URL. Starts the embedded sandbox on first use, on an ephemeral
/// port of 127.0.0.1, with its orders kept in the state directory across runs.
package final class Connection: @unchecked Sendable {
    /// What the user chose.
    package enum Target: Equatable, Sendable {
        case sandbox
        case remote(Endpoint)

        /// Reads `sandbox`, `us`, `eu` or a URL.
        package init?(name: String) {
            if name.lowercased() == "sandbox" {
                self = .sandbox
            } else if let endpoint = Endpoint(name: name) {
                self = .remote(endpoint)
            } else {
                return nil
            }
        }

        /// The short name shown in the prompt and stored in the journal: `sandbox`, `us`, `eu`
        /// or the canonical URL (never with credentials; ``Endpoint/name``).
        package var name: String {
            switch self {
            case .sandbox: return "sandbox"
            case .remote(let endpoint): return endpoint.name
            }
        }

        /// For the prompt: `sandbox`, `us`, `eu`, or host:port.
        package var label: String {
            switch self {
            case .remote(let endpoint) where endpoint != .us && endpoint != .eu: return endpoint.hostAndPort
            default: return name
            }
        }

        /// Whether orders sent here are real (``SendPolicy/isLive``).
        package var isLive: Bool { SendPolicy(self).isLive }
    }


    /// The variable that sets the request timeout, in seconds (`CERTORDER_TIMEOUT=2.5`): how
    /// long a request may take before it is given up. An order given up this way may still
    /// have been placed: its journal entry becomes `unknown`, to be reconciled. Unset: the
    /// client's default (30 s).
    package static let timeoutVariable = "CERTORDER_TIMEOUT"

    /// The request timeout `environment` asks for: `nil` when ``timeoutVariable`` is unset or
    /// empty; throws when it is not a number of seconds above 0 (at most a day).
    package static func requestTimeout(environment: [String: String]) throws(ShellError) -> Duration? {
        guard let text = environment[timeoutVariable]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let seconds = Double(text), seconds > 0, seconds <= 86_400 else {
            throw ShellError("\(timeoutVariable) must be a number of seconds above 0, such as 30 or 2.5; got '\(text)'", status: .usage)
        }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    package private(set) var target: Target
    /// Whether requests are paced to CertCentral's limits: always, unless `--no-pacing` turned it
    /// off for a loopback endpoint (``SendPolicy/pacing(paced:)``).
    package private(set) var paced = true
    package let keys: APIKeyStore
    /// How long a request may take (``timeoutVariable``); `nil` for the client's default.
    package let requestTimeout: Duration?
    private let sandboxStateFile: URL?
    private let lock = NSLock()
    private var sandbox: SandboxServer?
    private var sandboxURL: URL?

    /// The proxy and trust roots every client uses (``NetworkSettings``).
    package let network: NetworkSettings

    package init(target: Target = .sandbox, keys: APIKeyStore, sandboxStateFile: URL?, requestTimeout: Duration? = nil,
                 network: NetworkSettings = .direct) {
        self.target = target
        self.network = network
        self.keys = keys
        self.sandboxStateFile = sandboxStateFile
        self.requestTimeout = requestTimeout
    }

    private var waitNoticeHandler: (@Sendable (String) -> Void)?

    /// Where the clients say what they wait for once a call has waited 2 s (the session prints
    /// it on stderr); applies to the clients made after it is set.
    package var waitNotice: (@Sendable (String) -> Void)? {
        get { lock.withLock { waitNoticeHandler } }
        set { lock.withLock { waitNoticeHandler = newValue } }
    }

    /// The clients' configuration: the default, with ``requestTimeout`` when set.
    private var clientConfiguration: CertCentralClient.Configuration {
        var configuration = CertCentralClient.Configuration()
        if let requestTimeout { configuration.requestTimeout = requestTimeout }
        configuration.waitNotice = waitNotice
        configuration.network = network
        return configuration
    }

    /// Switches the endpoint; a live one needs a key first.
    package func select(_ target: Target) throws(ShellError) {
        if case .remote(let endpoint) = target {
            do { try endpoint.checkSecure() } catch { throw ShellError(error.message) }
        }
        let policy = SendPolicy(target)
        if !paced && policy.refusesUnpaced { throw policy.unpacedRefusal }
        if policy.requiresKey && keys.key == nil { throw policy.missingKey }
        lock.withLock { self.target = target }
    }

    /// Turns pacing on or off (`--no-pacing`); off is refused while the endpoint is live.
    package func setPaced(_ paced: Bool) throws(ShellError) {
        let policy = SendPolicy(lock.withLock { target })
        if !paced && policy.refusesUnpaced { throw policy.unpacedRefusal }
        lock.withLock { self.paced = paced }
    }

    /// A client of the current endpoint, starting the embedded sandbox when needed.
    package func client() async throws -> CertCentralClient {
        let (target, paced) = lock.withLock { (self.target, self.paced) }
        switch target {
        case .sandbox:
            let url = try await sandboxBaseURL()
            // The embedded sandbox never sees the user's key, only the placeholder it accepts.
            return try CertCentralClient(endpoint: .url(url), apiKey: SendPolicy.placeholderKey, configuration: clientConfiguration,
                                         pacing: SendPolicy(target).pacing(paced: paced))
        case .remote(let endpoint):
            // The key (never the placeholder off loopback) and the pacing: the send policy's.
            let policy = SendPolicy(target)
            return try CertCentralClient(endpoint: endpoint, apiKey: try policy.apiKey(from: keys),
                                         configuration: clientConfiguration, pacing: policy.pacing(paced: paced))
        }
    }

    private func sandboxBaseURL() async throws -> URL {
        if let url = lock.withLock({ sandboxURL }) { return url }
        let server = try SandboxServer(configuration: SandboxConfiguration(stateFile: sandboxStateFile))
        _ = try await server.start()
        guard let url = server.baseURL else { throw ShellError("the embedded sandbox did not start") }
        lock.withLock {
            sandbox = server
            sandboxURL = url
        }
        return url
    }

    /// Stops the embedded sandbox, if it was started.
    package func shutdown() async {
        let server = lock.withLock { sandbox }
        await server?.stop()
    }
}
