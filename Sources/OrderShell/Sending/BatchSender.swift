import CertOrder
import Dispatch
import Foundation
import OrderLanguage

/// Sends many orders (a script with several orders, a CSV loop) with bounded concurrency, a
/// progress line, a summary table, and a journal entry per order.
///
/// Run again after an interruption, it skips what the journal knows was placed (the duplicate
/// guard) and sends the rest. Cancelled (Ctrl-C, SIGTERM, SIGHUP: ``Interruption``), it starts no
/// new send; the ones under way finish (within the client's grace) and are recorded.
package final class BatchSender: @unchecked Sendable {
    package struct Options: Sendable {
        package var concurrency: Int
        /// Go on after a refused order; otherwise stop starting new ones.
        package var keepGoing: Bool
        package var send: OrderSender.Options

        package init(concurrency: Int = 8, keepGoing: Bool = false, send: OrderSender.Options = .init()) {
            self.concurrency = max(1, concurrency)
            self.keepGoing = keepGoing
            self.send = send
        }
    }

    /// One order's line of the summary.
    package struct Result: Sendable {
        package var index: Int
        package var label: String
        package var outcome: SendOutcome
    }

    private let sender: OrderSender
    private let console: Console
    private let progressOnTerminal: Bool
    private let lock = NSLock()
    private var stopRequested = false
    private var interrupted = false
    private var journalLost = false

    package init(sender: OrderSender, console: Console, progressOnTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.sender = sender
        self.console = console
        self.progressOnTerminal = progressOnTerminal
    }

    /// Whether an interruption (``interrupt()`` or the task's cancellation) stopped the batch.
    package var wasInterrupted: Bool { lock.withLock { interrupted } }

    /// Stops starting new sends.
    package func interrupt() {
        lock.withLock {
            interrupted = true
            stopRequested = true
        }
    }

    /// Whether the batch stopped because its journal file was deleted or replaced
    /// (``OrderJournal/checkFileIdentity()``): whatever `--keep-going` says, nothing more is sent.
    package var wasJournalLost: Bool { lock.withLock { journalLost } }

    private var shouldStop: Bool { lock.withLock { stopRequested } }

    /// Sends `orders`; results come back in the orders' order (unsent ones are absent).
    package func send(_ orders: [(label: String, order: CompiledOrder)], options: Options) async -> [Result] {
        let total = orders.count
        let start = Date()
        var results: [Result] = []
        var next = 0
        await withTaskGroup(of: Result?.self) { group in
            func launch() {
                guard next < total, !shouldStop, !Task.isCancelled else { return }
                let index = next
                next += 1
                let (label, order) = orders[index]
                // A batch run's orders get ids derived from the run and their place in it, so a
                // lost journal can be rebuilt from the account (OrderSender.recoverBatch).
                let alternativeID = options.send.batch.flatMap { OrderSender.batchAlternativeID(run: $0, index: index) }
                group.addTask { [sender] in
                    // Cancelled before it started: not sent (the summary counts it so).
                    guard !Task.isCancelled else { return nil }
                    let outcome = await sender.send(product: order.product, request: order.request, label: label, options: options.send,
                                                    alternativeOrderID: alternativeID)
                    if case .blocked = outcome, Task.isCancelled { return nil }
                    return Result(index: index, label: label, outcome: outcome)
                }
            }
            for _ in 0..<min(options.concurrency, total) { launch() }
            while let finished = await group.next() {
                guard let result = finished else { continue }
                results.append(result)
                progress(result, done: results.count, total: total, start: start)
                switch result.outcome {
                case .refused, .blocked, .failed, .unknown:
                    if !options.keepGoing { lock.withLock { stopRequested = true } }
                default: break
                }
                if (try? sender.journal.checkFileIdentity()) == nil {
                    // Sends recorded nowhere cannot be resumed or reconciled from the journal.
                    lock.withLock {
                        journalLost = true
                        stopRequested = true
                    }
                }
                launch()
            }
        }
        if Task.isCancelled { interrupt() }
        if progressOnTerminal { console.errorWrite("\n") }
        return results.sorted { $0.index < $1.index }
    }

    private func progress(_ result: Result, done: Int, total: Int, start: Date) {
        if progressOnTerminal {
            let elapsed = max(Date().timeIntervalSince(start), 0.001)
            let rate = Double(done) / elapsed
            let eta = rate > 0 ? Double(total - done) / rate : 0
            let width = 30
            let filled = total > 0 ? width * done / total : width
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            console.errorWrite(String(format: "\r%@ %d/%d  %.1f orders/s  ETA %.0fs ", bar, done, total, rate, eta))
        } else {
            console.error("\(result.outcome.label.padding(toLength: 8, withPad: " ", startingAt: 0)) \(done)/\(total)  \(result.label)  \(Self.detail(result.outcome))")
        }
    }

    static func detail(_ outcome: SendOutcome) -> String {
        switch outcome {
        case .placed(let entry, let response):
            return "order \(response.id) (journal #\(entry.id))"
        case .duplicate(let earlier):
            if earlier.orderID == nil, earlier.isInFlightElsewhere {
                return "in flight by another run (process \(earlier.ownerPID ?? 0), journal #\(earlier.id))"
            }
            return earlier.orderID.map { "already placed as order \($0) (journal #\(earlier.id))" }
                ?? "earlier send #\(earlier.id) has an unknown outcome: run 'certorder reconcile'"
        case .blocked(let diagnostics):
            return diagnostics.first?.message ?? "blocked"
        case .refused(_, let error), .failed(_, let error), .unknown(_, let error):
            return error.code ?? error.message.components(separatedBy: "\n").first ?? "\(error)"
        }
    }

    /// The summary table printed at the end of a batch.
    package static func summary(_ results: [Result], total: Int) -> String {
        var counts: [String: Int] = [:]
        for result in results { counts[result.outcome.label, default: 0] += 1 }
        let notSent = total - results.count
        var lines = ["", "#     outcome   order      label"]
        for result in results {
            let order: String
            if case .placed(_, let response) = result.outcome { order = String(response.id) } else { order = "-" }
            lines.append(String(result.index + 1).padding(toLength: 6, withPad: " ", startingAt: 0)
                         + result.outcome.label.padding(toLength: 10, withPad: " ", startingAt: 0)
                         + order.padding(toLength: 11, withPad: " ", startingAt: 0) + result.label)
        }
        let order = ["placed", "skipped", "refused", "failed", "unknown", "blocked"]
        var totals = order.compactMap { key in counts[key].map { "\($0) \(key)" } }
        if notSent > 0 { totals.append("\(notSent) not sent") }
        lines.append("")
        lines.append("\(total) order\(total == 1 ? "" : "s"): " + totals.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}
