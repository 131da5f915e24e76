import Foundation

/// A clock that only moves when told to, or when something sleeps on it: a sleep returns at once
/// and moves the clock to its deadline. Every sleep's length is recorded, so tests see exact waits.
public final class ManualClock: Clock, @unchecked Sendable {
    public struct Instant: InstantProtocol {
        public var offset: Duration

        public init(offset: Duration) { self.offset = offset }

        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }

    private let lock = NSLock()
    private var current = Instant(offset: .zero)
    private var recorded: [Duration] = []

    public init() {}

    public var now: Instant {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    public var minimumResolution: Duration { .zero }

    /// The lengths of the sleeps so far.
    public var sleeps: [Duration] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    /// Seconds since the start.
    public var elapsed: Duration { now.offset }

    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        lock.withLock {
            recorded.append(deadline.offset - current.offset)
            if current < deadline { current = deadline }
        }
    }

    /// The wall-clock date of this clock's `now`, counting from `origin` (for code that reads
    /// time as a `Date`, such as the sandbox's ``SandboxConfiguration/now``).
    public func date(from origin: Date) -> Date {
        let elapsed = now.offset.components
        return origin.addingTimeInterval(Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
    }

    public func advance(by duration: Duration) {
        lock.lock()
        current = current.advanced(by: duration)
        lock.unlock()
    }
}
