import CertOrder
import OrderJournal

/// What a batch keeps of its sends for the end: counts, the failures, and what the summary's
/// notes name (skipped orders' journal entries), not every order's outcome (the journal has
/// those). A 100,000-order batch keeps a few counters, not 100,000 journal entries.
package struct BatchSummary: Sendable {
    /// How many orders the batch has.
    package let total: Int
    /// Whether every order's result is kept (``BatchOutput/verbose``), not only the failures.
    package let keepsEveryResult: Bool
    /// The kept results in the orders' order: every one, or the failures (refused, failed,
    /// unknown, blocked) and, for a single-order batch, its only result.
    package var results: [BatchSender.Result] { kept.sorted { $0.index < $1.index } }
    /// How many orders were sent or skipped (the rest were not sent: stopped or interrupted).
    package private(set) var finished = 0
    /// Outcome label → count.
    package private(set) var counts: [String: Int] = [:]
    /// The worst exit status of the outcomes.
    package private(set) var exitStatus: ExitStatus = .success
    /// Skipped, already placed: how many, and the journal ids of the first five.
    package private(set) var placedBeforeCount = 0
    package private(set) var placedBefore: [Int64] = []
    /// Skipped because an earlier send has an unknown outcome: their journal ids.
    package private(set) var unsettled: [Int64] = []
    /// Skipped because another run is sending them right now: their journal ids.
    package private(set) var elsewhere: [Int64] = []
    private var kept: [BatchSender.Result] = []

    package init(total: Int, keepsEveryResult: Bool) {
        self.total = total
        self.keepsEveryResult = keepsEveryResult
    }

    /// Whether an outcome is a failure: kept for the summary and shown as it happens.
    package static func isFailure(_ outcome: SendOutcome) -> Bool {
        switch outcome {
        case .refused, .failed, .unknown, .blocked: return true
        case .placed, .duplicate: return false
        }
    }

    package mutating func add(_ result: BatchSender.Result) {
        finished += 1
        counts[result.outcome.label, default: 0] += 1
        exitStatus = ExitStatus.combine(exitStatus, result.outcome.exitStatus)
        if case .duplicate(let earlier) = result.outcome {
            if earlier.state == .placed {
                placedBeforeCount += 1
                if placedBefore.count < 5 { placedBefore.append(earlier.id) }
            } else if earlier.isInFlightElsewhere {
                elsewhere.append(earlier.id)
            } else {
                unsettled.append(earlier.id)
            }
        }
        if keepsEveryResult || total == 1 || Self.isFailure(result.outcome) { kept.append(result) }
    }

    /// The summary printed at the end: a table of the kept results (none when there are none),
    /// then the totals line (`200 orders: 25 placed, 175 not sent`).
    package var text: String {
        var lines: [String] = []
        let shown = results
        if !shown.isEmpty {
            lines = ["", "#     outcome   order      label"]
            for result in shown {
                let order: String
                if case .placed(_, let response) = result.outcome { order = String(response.id) } else { order = "-" }
                lines.append(String(result.index + 1).padding(toLength: 6, withPad: " ", startingAt: 0)
                             + result.outcome.label.padding(toLength: 10, withPad: " ", startingAt: 0)
                             + order.padding(toLength: 11, withPad: " ", startingAt: 0) + (result.label))
            }
        }
        lines.append("")
        lines.append(totals)
        return lines.joined(separator: "\n")
    }

    /// `200 orders: 25 placed, 175 not sent`.
    package var totals: String {
        let order = ["placed", "skipped", "refused", "failed", "unknown", "blocked"]
        var parts = order.compactMap { key in counts[key].map { "\($0) \(key)" } }
        let notSent = total - finished
        if notSent > 0 { parts.append("\(notSent) not sent") }
        return "\(total) order\(total == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }
}
