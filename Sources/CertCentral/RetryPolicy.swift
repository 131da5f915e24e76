/// How a ``CertCentralClient`` retries a request that failed in a way that may pass.
///
/// What is retried depends on the request:
/// - reads (`GET`): on 429, 5xx, a timeout, a lost connection and an unreachable host;
/// - status changes (`PUT` approve, reject, cancel): on 429 and an unreachable host only, where the
///   change certainly was not made (a second approval would count twice in a two-step workflow);
/// - orders (`POST`): on an unreachable host only, where nothing was sent. An order that may have
///   reached CertCentral is never sent again automatically.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included; 1 turns retries off.
    public var maxAttempts: Int
    /// The wait before the first retry; it doubles for each further one.
    public var initialDelay: Duration
    /// The longest wait between attempts.
    public var maxDelay: Duration
    /// The shortest wait after a 429.
    public var rateLimitDelay: Duration

    public init(maxAttempts: Int = 4, initialDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(8),
                rateLimitDelay: Duration = .seconds(2)) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.rateLimitDelay = rateLimitDelay
    }

    /// Four attempts, waiting 0.5 s, 1 s, 2 s (at least 2 s after a 429).
    public static let standard = RetryPolicy()
    /// One attempt: no retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The wait after failed attempt `attempt` (1-based).
    public func delay(afterAttempt attempt: Int, rateLimited: Bool) -> Duration {
        var delay = initialDelay
        for _ in 1..<max(1, attempt) where delay < maxDelay { delay *= 2 }
        delay = min(delay, maxDelay)
        return rateLimited ? max(delay, rateLimitDelay) : delay
    }
}
