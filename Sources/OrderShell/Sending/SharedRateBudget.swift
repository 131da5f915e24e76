import CertCentral
import Foundation
import OrderJournal

/// The pacer's permits from a PostgreSQL journal's shared budget (``PostgresRateBudget``): the
/// processes of a team that share a journal share CertCentral's limits too, per account.
///
/// The budget's calls suspend while the database answers (PostgresNIO's event loop does the
/// work), so no thread of the cooperative pool is held.
struct SharedRateBudget: PacerPermitSource {
    let budget: PostgresRateBudget
    /// The account's fingerprint (a digest of the pacer's key, never the key).
    let account: String

    /// Added to the pacer's margin: a permit is counted from when it was taken until its answer
    /// comes, and between those the request reaches CertCentral after a delay that is longer
    /// and more uneven for several processes (on several machines) than for one; a request
    /// that arrives later than its permit must still find the window one behind it closed.
    static let sharedMargin: Duration = .milliseconds(400)

    func take(limits: [Pacer.Limit], margin: Duration) async throws -> (wait: Duration, permit: Int64) {
        let windows = limits.map { (requests: $0.requests, windowMS: Self.milliseconds($0.window)) }
        let marginMS = Self.milliseconds(margin + Self.sharedMargin)
        let (waitMS, permit) = try await budget.take(account: account, limits: windows, marginMS: marginMS)
        return (.milliseconds(waitMS), permit)
    }

    func complete(permit: Int64) async {
        try? await budget.complete(permit: permit)
    }

    /// Installs the budget of `journal` (when it is a PostgreSQL journal) in every process-wide pacer.
    static func install(for journal: OrderJournal) {
        guard let budget = journal.rateBudget else { return }
        Pacer.shareBudgets { key in SharedRateBudget(budget: budget, account: PostgresRateBudget.fingerprint(ofKey: key)) }
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}
