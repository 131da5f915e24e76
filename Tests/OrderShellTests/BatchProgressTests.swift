import CertOrder
import Foundation
import OrderShell
import Testing

/// What ``BatchSender`` shows while a batch runs: on a terminal one progress line rewritten with
/// `\r` (a 30-cell bar, the count, the rate and the ETA) and a newline at the end; otherwise one
/// plain line per order.
@Suite("Batch progress")
struct BatchProgressTests {
    static let names = (1...5).map { "Developer \($0)" }

    /// Sends the five orders as a batch (forced) and checks they were all placed; returns their
    /// results and what the batch printed.
    static func sendAll(_ f: SendFixture, onTerminal: Bool, concurrency: Int,
                        output: BatchSender.Output = .verbose) async throws -> ([BatchSender.Result], String) {
        let console = Console(capturing: SecretRedactor())
        let batch = BatchSender(sender: f.sender, console: console, progressOnTerminal: onTerminal)
        let results = await batch.send(try await sendCompiledOrders(names),
                                       options: BatchSender.Options(concurrency: concurrency, send: .init(force: true), output: output))
        #expect(results.map(\.outcome.label) == Array(repeating: "placed", count: 5))
        return (results, console.output)
    }

    @Test func onATerminalOneLineIsRewrittenWithTheBarCountRateAndETA() async throws {
        try await SendFixture.with { f in
            // By default (`certorder send` without --verbose) no line for an order placed.
            let (_, output) = try await Self.sendAll(f, onTerminal: true, concurrency: 2, output: .failures)
            // Nothing but the frames and the newline that ends them: no per-order lines.
            #expect(output.hasPrefix("\r"), "\(output.debugDescription)")
            #expect(output.hasSuffix(" \n"), "\(output.debugDescription)")
            #expect(output.filter { $0 == "\n" }.count == 1, "\(output.debugDescription)")
            #expect(!output.contains("placed"))

            let frames = output.dropLast().split(separator: "\r", omittingEmptySubsequences: false).dropFirst().map(String.init)
            #expect(frames.count == 5, "\(output.debugDescription)")
            for (offset, frame) in frames.enumerated() {
                let done = offset + 1
                // 30 cells, 6 per order of 5: exact.
                let bar = String(repeating: "█", count: 6 * done) + String(repeating: "·", count: 30 - 6 * done)
                let prefix = "\(bar) \(done)/5  "
                #expect(frame.hasPrefix(prefix), "frame \(done): \(frame.debugDescription)")
                // The rate and the ETA depend on the clock: only their form.
                let rest = frame.dropFirst(prefix.count)
                #expect(rest.wholeMatch(of: #/[0-9]+\.[0-9] orders/s  ETA [0-9]+s /#) != nil, "frame \(done): \(frame.debugDescription)")
            }
            let last = try #require(frames.last)
            #expect(last.hasPrefix(String(repeating: "█", count: 30) + " 5/5  "))
            #expect(!last.contains("·"))
            #expect(last.hasSuffix("  ETA 0s "))
        }
    }

    @Test func offATerminalEachOrderHasItsOwnLine() async throws {
        try await SendFixture.with { f in
            // One at a time: the lines come in the orders' order.
            let (results, output) = try await Self.sendAll(f, onTerminal: false, concurrency: 1)
            var expected: [String] = []
            for (offset, result) in results.enumerated() {
                guard case .placed(let entry, let response) = result.outcome else { continue }
                expected.append("placed   \(offset + 1)/5  \(Self.names[offset])  order \(response.id) (journal #\(entry.id))")
            }
            #expect(output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) == expected + [""])
            #expect(!output.contains("\r"))
            #expect(!output.contains("█"))
            #expect(!output.contains("orders/s"))
        }
    }
}
