import Foundation

/// Where a ``Pacer`` takes its permits when it is not alone in spending an account's budget:
/// a store that every process of a team shares (the PostgreSQL journal's `rate_permit` table),
/// so N processes together stay within CertCentral's limits.
///
/// A source answers how long to wait before the request may leave; the pacer waits on its own
/// clock. The source, not the pacer, keeps the record of recent requests, on one clock for
/// every process (the database's), so machines whose clocks differ still share one budget.
package protocol PacerPermitSource: Sendable {
    /// Reserves the earliest moment at which one more request keeps within every limit (each
    /// window widened by `margin`), counting it then. Returns how long from now that moment is,
    /// and the permit's id for ``complete(permit:)``.
    func take(limits: [Pacer.Limit], margin: Duration) async throws -> (wait: Duration, permit: Int64)
    /// Moves the permit's time to now, when its request's answer arrived (``Pacer/complete(_:)``).
    func complete(permit: Int64) async
}

/// A pacer's permit source, settable after the pacer was made (the journal is opened after the
/// client that owns the pacer).
final class PacerPermitSourceBox: @unchecked Sendable {
    private let lock = NSLock()
    private var current: (any PacerPermitSource)?

    var source: (any PacerPermitSource)? {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }
}
