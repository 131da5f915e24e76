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
    /// What a batch prints while it runs and at the end (`certorder send`'s default,
    /// `--verbose`, `--quiet`).
    package enum Output: Sendable {
        /// The progress bar (on a terminal), each failure as it happens, and at the end the
        /// failures and the counts.
        case failures
        /// Every order as it finishes, and at the end every order and the counts.
        case verbose
        /// Nothing but the failures, as they happen.
        case quiet
    }

    package struct Options: Sendable {
        package var concurrency: Int
        /// Go on after a refused order; otherwise stop starting new ones.
        package var keepGoing: Bool
        package var send: OrderSender.Options
        package var output: Output

        package init(concurrency: Int = 8, keepGoing: Bool = false, send: OrderSender.Options = .init(), output: Output = .verbose) {
            self.concurrency = max(1, concurrency)
            self.keepGoing = keepGoing
            self.send = send
            self.output = output
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
    /// The progress bar last drawn, redrawn under each line printed above it.
    private var bar: String?

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

    /// Prints a line on stderr; on a terminal above the progress bar, which keeps its own line
    /// (cleared, the line written, the bar drawn again under it). For the sender's notices.
    package func note(_ text: String) {
        lock.withLock {
            if progressOnTerminal, let bar {
                console.errorWrite("\r\u{1B}[K" + text + "\n" + bar)
            } else {
                console.error(text)
            }
        }
    }

    /// Sends `orders`; results come back in the orders' order (unsent ones are absent).
    package func send(_ orders: [(label: String, order: CompiledOrder)], options: Options) async -> [Result] {
        await send(total: orders.count, options: options, keepingEveryResult: true) { submit in
            for (label, order) in orders {
                guard await submit(PreparedOrder(product: order.product, request: order.request, label: label)) else { return }
            }
        }.results
    }

    /// Sends the orders `produce` gives to its `submit`, in a pipeline with bounded buffers: at
    /// most `options.concurrency` orders are in flight, and `submit` waits for one of them to
    /// finish before it takes the next, so the producer (a streamed compilation) makes each order
    /// only when there is room for it and memory does not grow with the batch. `submit` returns
    /// false when the batch stops (a failure without `--keep-going`, an interruption, a lost
    /// journal): then the producer stops too. `total` is how many orders there are (for the
    /// progress and the summary's "not sent").
    ///
    /// The summary keeps counts and failures (and every result with `keepingEveryResult`, or
    /// the ``Output/verbose`` output).
    package func send(
        total: Int, options: Options, keepingEveryResult: Bool = false,
        produce: (_ submit: (PreparedOrder) async -> Bool) async -> Void
    ) async -> BatchSummary {
        let start = Date()
        var summary = BatchSummary(total: total, keepsEveryResult: keepingEveryResult || options.output == .verbose)
        var next = 0
        await withTaskGroup(of: Result?.self) { group in
            var running = 0
            func finished(_ finished: Result?) {
                running -= 1
                guard let result = finished else { return }
                summary.add(result)
                progress(result, done: summary.finished, total: total, start: start, output: options.output)
                if BatchSummary.isFailure(result.outcome), !options.keepGoing { lock.withLock { stopRequested = true } }
                if (try? sender.journal.checkFileIdentity()) == nil {
                    // Sends recorded nowhere cannot be resumed or reconciled from the journal.
                    lock.withLock {
                        journalLost = true
                        stopRequested = true
                    }
                }
            }
            let submit: (PreparedOrder) async -> Bool = { order in
                while running >= options.concurrency, let done = await group.next() { finished(done) }
                guard !self.shouldStop, !Task.isCancelled else { return false }
                let index = next
                next += 1
                // A batch run's orders get ids derived from the run and their place in it, so a
                // lost journal can be rebuilt from the account (OrderSender.recoverBatch).
                let alternativeID = options.send.batch.flatMap { OrderSender.batchAlternativeID(run: $0, index: index) }
                running += 1
                group.addTask { [sender = self.sender] in
                    // Cancelled before it started: not sent (the summary counts it so).
                    guard !Task.isCancelled else { return nil }
                    let outcome = await sender.send(order, options: options.send, alternativeOrderID: alternativeID)
                    if case .blocked = outcome, Task.isCancelled { return nil }
                    return Result(index: index, label: order.label ?? "", outcome: outcome)
                }
                return true
            }
            await produce(submit)
            while let done = await group.next() { finished(done) }
        }
        if Task.isCancelled { interrupt() }
        lock.withLock {
            if progressOnTerminal, bar != nil { console.errorWrite("\n") }
            bar = nil
        }
        return summary
    }

    private func progress(_ result: Result, done: Int, total: Int, start: Date, output: Output) {
        let shown = output == .verbose || BatchSummary.isFailure(result.outcome)
        let line = shown ? "\(result.outcome.label.padding(toLength: 8, withPad: " ", startingAt: 0)) \(done)/\(total)  \(result.label)  \(Self.detail(result.outcome))" : nil
        lock.withLock {
            if progressOnTerminal, output != .quiet {
                let elapsed = max(Date().timeIntervalSince(start), 0.001)
                let rate = Double(done) / elapsed
                let eta = rate > 0 ? Double(total - done) / rate : 0
                let width = 30
                let filled = total > 0 ? width * done / total : width
                let drawn = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
                    + String(format: " %d/%d  %.1f orders/s  ETA %.0fs ", done, total, rate, eta)
                // A line above the bar: the bar's line is cleared, the line written, the bar drawn under it.
                console.errorWrite((line.map { (bar == nil ? "" : "\r\u{1B}[K") + $0 + "\n" } ?? "\r") + drawn)
                bar = drawn
            } else if let line {
                console.error(line)
            }
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

    /// The summary table printed at the end of a batch: every result given, then the counts.
    package static func summary(_ results: [Result], total: Int) -> String {
        var summary = BatchSummary(total: total, keepsEveryResult: true)
        for result in results { summary.add(result) }
        return summary.text
    }
}
