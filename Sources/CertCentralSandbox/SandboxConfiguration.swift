import Foundation
import Logging

/// How a ``SandboxServer`` behaves: the account's approval workflow, issuance delay, rate limits,
/// faults and persistence.
public struct SandboxConfiguration: Sendable {
    /// The account's approval workflow for new requests.
    public enum ApprovalMode: String, Sendable, CaseIterable, Codable {
        /// A request waits for one approval: `201` with request status `pending`.
        case oneStep = "one-step"
        /// A request waits for two approvals: `201` with request status `submitted`; the first
        /// `PUT /request/{id}/status` makes it `pending`, the second `approved`.
        case twoStep = "two-step"
        /// Requests are approved at once: `201` with status `approved` and a `certificate_id`.
        case auto

        /// Reads `one-step`, `two-step`, `auto` (also `one_step`, `onestep`, `1`, `2`), case-insensitively.
        public init?(name: String) {
            switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
            case "one-step", "onestep", "1": self = .oneStep
            case "two-step", "twostep", "2": self = .twoStep
            case "auto", "automatic": self = .auto
            default: return nil
            }
        }
    }

    /// The address to bind; loopback only by design.
    public var host: String = "127.0.0.1"
    /// The port to bind; `0` picks a free ephemeral port (``SandboxServer/start()`` returns it).
    public var port: Int = 0
    /// The approval workflow.
    public var approval: ApprovalMode = .oneStep
    /// Whether `skip_approval: true` in an order is honoured (the key's user may skip the account
    /// approval step): the request is then `approved` at once, whatever ``approval`` says.
    public var honorSkipApproval: Bool = true
    /// Whether the API key's owner (`GET /user/me`) has a job title, as CertCentral needs to add
    /// that user as a code signing order's verified contact (our choice: on by default, so the
    /// documented order is complete; `--key-owner-without-job-title` turns it off).
    public var keyOwnerHasJobTitle: Bool = true
    /// Seconds from approval to issuance: an approved order is `pending` (validation) until then,
    /// then `issued`. `0` issues at approval.
    public var issueAfter: TimeInterval = 0
    /// The sandbox's clock: order and request dates, and when ``issueAfter`` has passed. The
    /// system clock by default (`certorder sandbox`, the embedded sandbox); tests give a clock
    /// they advance, so an issuance delay passes without anyone waiting for it.
    public var now: @Sendable () -> Date = { Date() }
    /// Whether the documented rate limits are enforced (`--no-rate-limit` turns them off).
    public var rateLimit: Bool = true
    /// The rate-limit windows, per API key; CertCentral's by default.
    public var rateLimits: [SandboxRateLimit] = SandboxRateLimit.certCentral
    /// Faults to inject; can be changed while running (``SandboxServer/setFaults(_:)`` or
    /// `POST /sandbox/faults`).
    public var faults: SandboxFaults = SandboxFaults()
    /// A JSON file keeping orders and id counters across restarts; written atomically after each change.
    public var stateFile: URL?
    /// API keys accepted in `X-DC-DEVKEY`; `nil` accepts any non-empty key.
    public var acceptedKeys: Set<String>?
    /// Keys whose user may only read: their `POST` and `PUT` get `403 access_denied|missing_permission`.
    public var viewOnlyKeys: Set<String> = []
    /// The day against which the validator judges `custom_expiration_date`; `nil` for today.
    public var today: Date?
    /// Where the server logs; quiet (errors only) by default.
    public var logger: Logger
    /// Serve over TLS with this certificate chain (PEM file, the server's certificate first) and
    /// ``tlsKeyFile``: `https://` instead of `http://`. For tests of proxies and trust roots, whose
    /// certificates a test CA issues; `nil` serves plain HTTP.
    public var tlsCertificateFile: String?
    /// The private key (PEM file) of ``tlsCertificateFile``.
    public var tlsKeyFile: String?

    public init(
        port: Int = 0,
        approval: ApprovalMode = .oneStep,
        issueAfter: TimeInterval = 0,
        rateLimit: Bool = true,
        faults: SandboxFaults = SandboxFaults(),
        stateFile: URL? = nil,
        logger: Logger? = nil
    ) {
        self.port = port
        self.approval = approval
        self.issueAfter = issueAfter
        self.rateLimit = rateLimit
        self.faults = faults
        self.stateFile = stateFile
        self.logger = logger ?? {
            var quiet = Logger(label: "certorder.sandbox")
            quiet.logLevel = .error
            return quiet
        }()
    }

    /// Added latency before every Services API answer (forwards to ``faults``).
    public var latency: Duration {
        get { faults.latency }
        set { faults.latency = newValue }
    }

    /// The share of Services API requests answered `500` (forwards to ``faults``).
    public var failureRate: Double {
        get { faults.failureRate }
        set { faults.failureRate = newValue }
    }

    /// How many of the next orders are committed and then answered by a dropped connection
    /// (forwards to ``faults``).
    public var dropNextOrders: Int {
        get { faults.dropNextOrders }
        set { faults.dropNextOrders = newValue }
    }
}

/// Faults a ``SandboxServer`` injects into its Services API answers, for testing clients.
///
/// As JSON (`POST /sandbox/faults`, `GET /sandbox/faults`):
/// `{"latency_ms": 0, "failure_rate": 0, "seed": 1, "drop_next_orders": 0}`; absent members keep
/// their current value.
public struct SandboxFaults: Sendable, Hashable {
    /// Waited before answering every request under `/services/v2`.
    public var latency: Duration
    /// From 0 to 1: the share of requests under `/services/v2` answered `500` before they are
    /// processed (nothing is committed). Drawn from a generator seeded with ``seed``.
    public var failureRate: Double
    /// The seed of the failure draws; setting faults resets the generator to it.
    public var seed: UInt64
    /// The next this-many valid orders are committed, then the connection is closed without an answer.
    public var dropNextOrders: Int

    public init(latency: Duration = .zero, failureRate: Double = 0, seed: UInt64 = 1, dropNextOrders: Int = 0) {
        self.latency = latency
        self.failureRate = failureRate
        self.seed = seed
        self.dropNextOrders = dropNextOrders
    }

    /// No faults.
    public static let none = SandboxFaults()
}

/// One rolling rate-limit window: at most ``requests`` per ``window`` per API key.
public struct SandboxRateLimit: Sendable, Hashable {
    public var requests: Int
    public var window: Duration

    public init(requests: Int, per window: Duration) {
        self.requests = requests
        self.window = window
    }

    /// CertCentral's documented limits: 100 requests per 5 seconds and 1000 per 3 minutes.
    public static let certCentral: [SandboxRateLimit] = [
        SandboxRateLimit(requests: 100, per: .seconds(5)),
        SandboxRateLimit(requests: 1000, per: .seconds(180)),
    ]
}
