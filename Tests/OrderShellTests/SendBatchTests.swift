import CertCentral
import CertCentralSandbox
import CertOrder
import Foundation
import OrderJournal
import OrderShell
import Testing
import TestSupport

/// ``BatchSender``: a re-run skips what the journal knows was placed; an interrupted batch
/// finishes and records what it started, and a re-run sends the rest, each order once.
@Suite("Sending a batch")
struct SendBatchTests {
    @Test func aRerunSkipsWhatWasPlaced() async throws {
        try await SendFixture.with { f in
            let orders = try await sendCompiledOrders((1...30).map { "Developer \($0)" })
            let batch = BatchSender(sender: f.sender, console: Console(capturing: SecretRedactor()), progressOnTerminal: false)
            let options = BatchSender.Options(concurrency: 4, send: .init(force: true, batch: "first"))
            let first = await batch.send(Array(orders.prefix(10)), options: options)
            #expect(first.map(\.outcome.label) == Array(repeating: "placed", count: 10))

            let all = await batch.send(orders, options: BatchSender.Options(concurrency: 4, send: .init(force: true, batch: "second")))
            #expect(all.map(\.index) == Array(0..<30))
            #expect(all.map(\.outcome.label) == Array(repeating: "skipped", count: 10) + Array(repeating: "placed", count: 20))
            for result in all.prefix(10) {
                guard case .duplicate(let earlier) = result.outcome else { continue }
                #expect(earlier.orderID == first[result.index].outcome.placedOrderID)
            }
            #expect(BatchSender.summary(all, total: 30).hasSuffix("\n30 orders: 20 placed, 10 skipped"))

            let snapshot = await f.sandbox.snapshot()
            #expect(snapshot.orderCount == 30)
            #expect(snapshot.ordersByAlternativeID.count == 30)
            #expect(snapshot.ordersByAlternativeID.values.allSatisfy { $0.count == 1 })
            #expect(try await f.journal.entries(state: .placed).count == 30)
            #expect(try await f.journal.entries().count == 30)
        }
    }

    @Test func anInterruptedBatchRecordsWhatItStartedAndARerunSendsTheRest() async throws {
        try await SendFixture.with({ $0.latency = .milliseconds(30) }) { f in
            let orders = try await sendCompiledOrders((1...60).map { "Developer \($0)" })
            let batch = BatchSender(sender: f.sender, console: Console(capturing: SecretRedactor()), progressOnTerminal: false)
            let options = BatchSender.Options(concurrency: 4, send: .init(force: true))
            let running = Task { await batch.send(orders, options: options) }
            #expect(await eventually(timeout: .seconds(60)) { await f.sandbox.snapshot().orderCount >= 12 })
            batch.interrupt()
            let first = await running.value
            #expect(batch.wasInterrupted)
            #expect(first.count < 60)
            #expect(first.allSatisfy { $0.outcome.label == "placed" })
            // What was under way when interrupted was finished and recorded.
            #expect(try await f.journal.unresolved().isEmpty)
            #expect(try await f.journal.entries().count == first.count)
            #expect(await f.sandbox.snapshot().orderCount == first.count)
            #expect(BatchSender.summary(first, total: 60).hasSuffix("\n60 orders: \(first.count) placed, \(60 - first.count) not sent"))

            let rerun = BatchSender(sender: f.sender, console: Console(capturing: SecretRedactor()), progressOnTerminal: false)
            let second = await rerun.send(orders, options: options)
            #expect(second.count == 60)
            #expect(second.filter { $0.outcome.label == "skipped" }.count == first.count)
            #expect(second.filter { $0.outcome.label == "placed" }.count == 60 - first.count)

            let snapshot = await f.sandbox.snapshot()
            #expect(snapshot.orderCount == 60)
            #expect(snapshot.ordersByAlternativeID.values.allSatisfy { $0.count == 1 })
            let names = Set(snapshot.orders.compactMap { $0.payload.shipInfo?.name })
            #expect(names == Set((1...60).map { "Developer \($0)" }))
        }
    }
}
