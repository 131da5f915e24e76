import Foundation

/// What every request under `/services/v2` passes before it is handled: the per-key rate limits
/// and the injected faults, with counters for tests. Lock-protected: it is on every request's path.
final class SandboxGate: @unchecked Sendable {
    private let lock = NSLock()
    private var faults: SandboxFaults
    private var random: SplitMix64
    private let limits: [SandboxRateLimit]
    private let rateLimitEnabled: Bool
    /// Accepted requests' times per key, oldest first (only the longest window is kept).
    private var stamps: [String: [Date]] = [:]
    /// The sandbox's clock (``SandboxConfiguration/now``): tests that count requests into a
    /// window fix it, so a slow machine cannot slide the window under them.
    private let now: @Sendable () -> Date

    private(set) var requestCount = 0
    private(set) var injectedFailures = 0
    private(set) var droppedConnections = 0
    private(set) var rateLimited = 0
    private(set) var lastUserAgent: String?

    init(configuration: SandboxConfiguration) {
        faults = configuration.faults
        random = SplitMix64(seed: configuration.faults.seed)
        limits = configuration.rateLimits.filter { $0.requests > 0 }
        rateLimitEnabled = configuration.rateLimit
        now = configuration.now
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    var currentFaults: SandboxFaults { locked { faults } }

    /// Replaces the faults; the failure generator restarts from the new seed.
    func setFaults(_ new: SandboxFaults) {
        locked {
            faults = new
            random = SplitMix64(seed: new.seed)
        }
    }

    func counters() -> (requests: Int, failures: Int, dropped: Int, rateLimited: Int, userAgent: String?) {
        locked { (requestCount, injectedFailures, droppedConnections, rateLimited, lastUserAgent) }
    }

    enum Admission {
        case proceed(latency: Duration)
        case rateLimited
        case fail(rate: Double)
    }

    /// Counts a request of `key` and decides its fate: over a rate limit (not counted in the
    /// windows), an injected failure, or on with the configured latency.
    func admit(key: String, userAgent: String? = nil) -> Admission {
        locked {
            requestCount += 1
            lastUserAgent = userAgent
            if rateLimitEnabled, !limits.isEmpty {
                let now = self.now()
                var list = stamps.removeValue(forKey: key) ?? []  // taken out: no copy on write
                let longest = Self.seconds(limits.map(\.window).max() ?? .zero)
                if let firstKept = list.firstIndex(where: { now.timeIntervalSince($0) < longest }) {
                    if firstKept > 0 { list.removeFirst(firstKept) }
                } else {
                    list.removeAll(keepingCapacity: true)
                }
                for limit in limits {
                    let window = Self.seconds(limit.window)
                    var inWindow = 0
                    for stamp in list.reversed() {
                        guard now.timeIntervalSince(stamp) < window else { break }
                        inWindow += 1
                    }
                    if inWindow >= limit.requests {
                        stamps[key] = list
                        rateLimited += 1
                        return .rateLimited
                    }
                }
                list.append(now)
                stamps[key] = list
            }
            if faults.failureRate > 0, random.nextUnit() < faults.failureRate {
                injectedFailures += 1
                return .fail(rate: faults.failureRate)
            }
            return .proceed(latency: faults.latency)
        }
    }

    /// Whether this committed order's connection is to be dropped (and counts it).
    func takeDrop() -> Bool {
        locked {
            guard faults.dropNextOrders > 0 else { return false }
            faults.dropNextOrders -= 1
            droppedConnections += 1
            return true
        }
    }
}

/// A small seeded generator (SplitMix64): the same seed gives the same failures.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in [0, 1).
    mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}
