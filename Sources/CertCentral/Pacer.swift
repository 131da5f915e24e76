import Foundation

/// Keeps a client within CertCentral's rate limits by waiting, not failing: at most 100 requests
/// in any 5 seconds and 1000 in any 3 minutes per API key (rolling windows).
///
/// Each ``acquire()`` reserves the earliest moment at which one more request stays within every
/// window, then sleeps until then on the pacer's clock. Reservations are handed out in call order,
/// so concurrent callers queue fairly. The clock is injectable: tests use a manual clock and see
/// the exact waits.
///
/// With a shared budget (``usePermitSource(_:)``, a PostgreSQL journal), the permits come from
/// the shared store instead: every process spending the account's budget asks the same store,
/// and waits as long as it says. Without one, the pacer counts this process's requests alone.
public actor Pacer {
    /// One rolling window: at most ``requests`` in any ``window``.
    public struct Limit: Sendable, Hashable {
        public var requests: Int
        public var window: Duration

        public init(requests: Int, per window: Duration) {
            precondition(requests > 0, "a limit allows at least one request")
            self.requests = requests
            self.window = window
        }
    }

    /// CertCentral's documented limits per API key.
    public static let certCentralLimits: [Limit] = [
        Limit(requests: 100, per: .seconds(5)),
        Limit(requests: 1000, per: .seconds(180)),
    ]

    /// Added to every window by default, so that network jitter cannot make two requests one
    /// window apart arrive closer than that.
    public static let defaultMargin: Duration = .milliseconds(100)

    public nonisolated let limits: [Limit]
    public nonisolated let margin: Duration
    private let now: @Sendable () -> Duration
    private let sleepUntil: @Sendable (Duration) async throws -> Void
    /// Request times (offsets from the clock's origin) in the order the requests were counted:
    /// the reserved time, moved to the answer's time by ``complete(_:)``. Only the last
    /// `max(limits.requests)` (up to twice that) are kept.
    private var slots: [Duration] = []
    /// The sequence number of `slots[0]`.
    private var firstSequence = 0
    /// The latest reserved time: requests go in the order they asked.
    private var reservedUntil: Duration = .zero
    private let keep: Int
    /// The shared budget's permits, when set (``usePermitSource(_:)``).
    private nonisolated let permitSource = PacerPermitSourceBox()

    /// Takes permits from `source` from now on (nil: counts locally again).
    package nonisolated func usePermitSource(_ source: (any PacerPermitSource)?) {
        permitSource.source = source
    }

    /// A pacer on the continuous clock.
    public init(limits: [Limit] = Pacer.certCentralLimits, margin: Duration = Pacer.defaultMargin) {
        self.init(limits: limits, margin: margin, clock: ContinuousClock())
    }

    /// A pacer on `clock` (a manual clock in tests).
    public init<C: Clock>(limits: [Limit] = Pacer.certCentralLimits, margin: Duration = Pacer.defaultMargin, clock: C)
    where C.Duration == Duration {
        self.limits = limits
        self.margin = margin
        keep = limits.map(\.requests).max() ?? 0
        let origin = clock.now
        now = { origin.duration(to: clock.now) }
        sleepUntil = { offset in try await clock.sleep(until: origin.advanced(by: offset), tolerance: nil) }
    }

    /// A reserved request: pass it to ``complete(_:)`` when its answer has arrived.
    public struct Ticket: Sendable, Hashable {
        /// The request's place in the sequence of requests counted by this pacer.
        public let sequence: Int
        /// How long ``acquireTicket()`` waited.
        public let waited: Duration
        /// The shared budget's permit, when it came from a ``PacerPermitSource``.
        var permit: Int64? = nil
    }

    /// Waits until one more request keeps within every limit, and counts it. Returns how long it waited.
    /// - Throws: `CancellationError` when the task is cancelled while waiting (the slot stays used).
    @discardableResult
    public func acquire() async throws -> Duration {
        try await acquireTicket().waited
    }

    /// ``acquire()``, keeping a ticket for ``complete(_:)``.
    public func acquireTicket() async throws -> Ticket {
        if let source = permitSource.source {
            // The wait counts from when the answer is here, not from the asking: the permit's
            // moment is on the source's clock at the time it was taken, which may be well after
            // the asking (a queue of takes, a slow round trip).
            let (wait, permit) = try await source.take(limits: limits, margin: margin)
            if wait > .zero { try await sleepUntil(now() + wait) }
            return Ticket(sequence: -1, waited: max(.zero, wait), permit: permit)
        }
        let start = now()
        let slot = reserve(at: start)
        let ticket = Ticket(sequence: firstSequence + slots.count - 1, waited: max(.zero, slot - start))
        if slot > start { try await sleepUntil(slot) }
        return ticket
    }

    /// Moves a request's time to now, when its answer arrived. The server counted it somewhere
    /// between sending and answering; counting it at the answer keeps later requests a whole
    /// window after it however long it took to arrive (a slow connect, a loaded machine).
    public func complete(_ ticket: Ticket) async {
        if let permit = ticket.permit {
            await permitSource.source?.complete(permit: permit)
            return
        }
        let index = ticket.sequence - firstSequence
        guard slots.indices.contains(index) else { return }
        slots[index] = max(slots[index], now())
    }

    /// How long a request made now would wait, without counting it.
    public func currentDelay() -> Duration {
        let start = now()
        return max(.zero, earliestSlot(at: start) - start)
    }

    /// Requests counted so far that are still inside the longest window.
    public var recentCount: Int {
        let t = now()
        let longest = limits.map(\.window).max() ?? .zero
        return slots.filter { t - $0 < longest + margin }.count
    }

    private func earliestSlot(at start: Duration) -> Duration {
        var slot = max(start, reservedUntil)
        for limit in limits where slots.count >= limit.requests {
            // The request `limit.requests` back must be a whole window (plus margin) before this one.
            slot = max(slot, slots[slots.count - limit.requests] + limit.window + margin)
        }
        return slot
    }

    private func reserve(at start: Duration) -> Duration {
        let slot = earliestSlot(at: start)
        reservedUntil = slot
        slots.append(slot)
        if slots.count > keep * 2 {
            let drop = slots.count - keep
            slots.removeFirst(drop)
            firstSequence += drop
        }
        return slot
    }

    // MARK: - One pacer per key

    private static let registry = PacerRegistry()

    /// The process-wide pacer for an API key (with CertCentral's limits): every client using the
    /// same key shares it.
    public static func shared(forKey key: String) -> Pacer {
        registry.pacer(forKey: key)
    }

    /// Makes every process-wide pacer (those made already and those to come) take its permits
    /// from the source `factory` gives for its key (nil: local counting). The key is
    /// `host NUL apiKey`: a factory must store only a digest of it, never the key.
    package static func shareBudgets(_ factory: (@Sendable (String) -> (any PacerPermitSource)?)?) {
        registry.shareBudgets(factory)
    }
}

/// The process's pacers, one per API key.
private final class PacerRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var pacers: [String: Pacer] = [:]
    private var factory: (@Sendable (String) -> (any PacerPermitSource)?)?

    func pacer(forKey key: String) -> Pacer {
        lock.lock()
        defer { lock.unlock() }
        if let pacer = pacers[key] { return pacer }
        let pacer = Pacer()
        pacer.usePermitSource(factory?(key))
        pacers[key] = pacer
        return pacer
    }

    func shareBudgets(_ factory: (@Sendable (String) -> (any PacerPermitSource)?)?) {
        lock.lock()
        defer { lock.unlock() }
        self.factory = factory
        for (key, pacer) in pacers { pacer.usePermitSource(factory?(key)) }
    }
}
