/// Where the orders followed by ``CertCentralClient/waitForOrders(_:timeout:interval:progress:)``
/// stand when the wait ends: every one settled, or the time is up.
public struct OrderWaitResult: Hashable, Sendable {
    /// Each order's latest status, by order id.
    public var statuses: [Int: OrderStatus]
    /// Whether the wait ended because the time was up (some orders are still open).
    public var timedOut: Bool

    public init(statuses: [Int: OrderStatus], timedOut: Bool) {
        self.statuses = statuses
        self.timedOut = timedOut
    }

    /// The statuses that end a wait with a certificate: `issued`.
    public static let success: Set<OrderStatus> = [.issued]
    /// The statuses that end a wait without one, for good: `rejected`, `canceled`, `revoked`
    /// and `expired`.
    public static let failure: Set<OrderStatus> = [.rejected, .canceled, .revoked, .expired]

    /// Whether `status` ends the wait of its order.
    public static func isSettled(_ status: OrderStatus) -> Bool {
        success.contains(status) || failure.contains(status)
    }

    /// The orders issued, by ascending id.
    public var issued: [Int] { statuses.filter { Self.success.contains($0.value) }.keys.sorted() }
    /// The orders that ended without a certificate, by ascending id.
    public var failed: [Int] { statuses.filter { Self.failure.contains($0.value) }.keys.sorted() }
    /// The orders still open, by ascending id.
    public var open: [Int] { statuses.filter { !Self.isSettled($0.value) }.keys.sorted() }
}
