import CertCentral
import CertCentralSandbox
import CertOrder
import Foundation
import OrderJournal
import OrderShell
import Testing
import TestSupport

/// Sends of unknown outcome — a dropped connection, a 500, a timeout — and how `reconcile`
/// settles them by alternative order id: placed when CertCentral has the order, failed ("never
/// placed") when it has none and no request can still be under way.
@Suite("Reconciling sends of unknown outcome")
struct SendReconcileTests {
    @Test func aDroppedConnectionIsUnknownAndReconcileFindsThePlacedOrder() async throws {
        try await SendFixture.with({ $0.dropNextOrders = 1 }) { f in
            let outcome = await f.sender.send(product: .codeSigningEV, request: try await sendOrder())
            guard case .unknown(let entry, .connectionLost) = outcome else {
                Issue.record("expected unknown after a lost connection, got \(outcome)")
                return
            }
            #expect(entry.state == .unknown)
            #expect(entry.httpStatus == nil)
            #expect(entry.orderID == nil)
            #expect(outcome.exitStatus == .unavailable)
            #expect(await f.sandbox.snapshot().ordersByAlternativeID == [entry.alternativeOrderID: [112233]])

            let results = await f.sender.reconcile()
            #expect(results.count == 1)
            #expect(results.first?.before == entry)
            #expect(results.first?.note == "placed as order 112233")
            let settled = try await #require(try await f.journal.entry(id: entry.id))
            #expect(results.first?.after?.state == .placed)
            #expect(settled.state == .placed)
            #expect(settled.orderID == 112233)
            #expect(settled.orderStatus == "issued")
            #expect(settled.requests == [JournalRequest(id: 113, status: "approved")])
            #expect(settled.certificateID == 113)
            #expect(await f.sender.reconcile().isEmpty, "nothing is left to reconcile")
            #expect(await f.sandbox.snapshot().orderCount == 1)
        }
    }

    @Test func aServerErrorIsUnknownAndReconcileFindsNoOrder() async throws {
        try await SendFixture.with({ $0.failureRate = 1 }) { f in
            // Forced: no custom-field lookup, so the order's POST is the only request.
            let outcome = await f.sender.send(product: .codeSigningEV, request: try await sendOrder(), options: .init(force: true))
            guard case .unknown(let entry, .server(status: 500)) = outcome else {
                Issue.record("expected unknown after a 500, got \(outcome)")
                return
            }
            #expect(entry.httpStatus == 500)
            #expect(outcome.exitStatus == .temporaryFailure)
            #expect(await f.sandbox.snapshot().injectedFailures == 1, "an order is never resent automatically")

            // While CertCentral still fails, the entry stays unknown.
            let failing = await f.sender.reconcile()
            #expect(failing.count == 1)
            #expect(failing.first?.after == nil)
            #expect(failing.first?.note.hasPrefix("still unknown: CertCentral failed with HTTP 500") == true)
            #expect(try await f.journal.entry(id: entry.id)?.state == .unknown)

            // Once it answers: no order has the alternative id. Within the request timeout the
            // 500 may still hide an order being placed (a gateway's 5xx); after it: never placed.
            f.sandbox.setFaults(.none)
            let early = await f.sender.reconcile(now: entry.updatedAt.addingTimeInterval(1))
            #expect(early.first?.after == nil)
            #expect(early.first?.note == "still unknown: no order has this alternative id yet, but the send got HTTP 500 "
                    + "and may still be under way at CertCentral; reconcile again in 19 s")
            let settled = await f.sender.reconcile(now: entry.updatedAt.addingTimeInterval(20.5))
            #expect(settled.first?.note == "never placed; safe to send again")
            #expect(settled.first?.after?.state == .failed)
            #expect(settled.first?.after?.errorMessage == "no order has alternative id \(entry.alternativeOrderID): it was never placed")

            let again = await f.sender.send(product: .codeSigningEV, request: try await sendOrder())
            #expect(again.placedOrderID == 112233)
            let snapshot = await f.sandbox.snapshot()
            #expect(snapshot.orderCount == 1)
            #expect(snapshot.ordersByAlternativeID.count == 1)
            #expect(try await f.journal.entries().map(\.state) == [.placed, .failed])
        }
    }

    /// A timeout: CertCentral may still be working on the order. A lookup that finds nothing while
    /// the request may be under way (within the client's timeout of the unanswered send) leaves the
    /// entry unknown; once the sandbox has placed the order, reconcile finds it.
    @Test func aTimeoutIsUnknownAndReconcileDoesNotDeclareItNeverPlacedTooEarly() async throws {
        // The sandbox holds the order's request for 20 s: the early lookup below runs while it is
        // still held, however loaded the machine (the client gives up after 1 s).
        try await SendFixture.with({ $0.latency = .seconds(20) }, timeout: .seconds(1)) { f in
            let outcome = await f.sender.send(product: .codeSigningEV, request: try await sendOrder(), options: .init(force: true))
            guard case .unknown(let entry, .timeout) = outcome else {
                Issue.record("expected unknown after a timeout, got \(outcome)")
                return
            }
            #expect(entry.httpStatus == nil)
            #expect(outcome.exitStatus == .unavailable)
            #expect(f.sender.inFlightGrace == .seconds(1))

            // Lookups by a sender whose client waits longer (its grace: 20 s), at a moment inside
            // the grace: the sandbox still holds the order's request, so nothing is found yet.
            f.sandbox.setFaults(.none)
            let patient = OrderSender(journal: f.journal, endpointName: f.endpoint,
                                      client: try CertCentralClient(endpoint: f.client.endpoint, apiKey: "send-tests-key",
                                                                    configuration: .init(requestTimeout: .seconds(20), retry: .none), pacing: .off))
            #expect(await f.sandbox.snapshot().orderCount == 0, "the sandbox still holds the order's request")
            let early = await patient.reconcile(now: entry.updatedAt.addingTimeInterval(0.5))
            #expect(early.count == 1)
            #expect(early.first?.after == nil)
            #expect(early.first?.note == "still unknown: no order has this alternative id yet, but the send went unanswered "
                    + "and may still be under way at CertCentral; reconcile again in 20 s")
            #expect(try await f.journal.entry(id: entry.id)?.state == .unknown)

            #expect(await eventually(timeout: .seconds(90)) { await f.sandbox.snapshot().orderCount == 1 })
            let settled = await patient.reconcile()
            #expect(settled.first?.note == "placed as order 112233")
            #expect(try await f.journal.entry(id: entry.id)?.orderID == 112233)
            #expect(await patient.send(product: .codeSigningEV, request: try await sendOrder()).label == "skipped")
            #expect(await f.sandbox.snapshot().orderCount == 1)
        }
    }

    /// The grace ends: after it, "not found" is "never placed".
    @Test func theInFlightGraceEnds() async throws {
        try await SendFixture.with { f in
            #expect(f.sender.inFlightGrace == .seconds(20))
            let entry = try await f.journal.recordIntent(endpoint: f.endpoint, product: .codeSigningEV, payload: Data("{}".utf8),
                                                   alternativeOrderID: "certorder-never-sent")
            let unknown = try await f.journal.recordUnknown(id: entry.id, errorMessage: "process 1 ended before the outcome of the send was recorded")

            let within = await f.sender.reconcile(now: unknown.updatedAt.addingTimeInterval(18.5))
            #expect(within.first?.after == nil)
            #expect(within.first?.note.hasSuffix("reconcile again in 2 s") == true, "\(within)")

            let after = await f.sender.reconcile(now: unknown.updatedAt.addingTimeInterval(20.5))
            #expect(after.first?.after?.state == .failed)
            #expect(after.first?.note == "never placed; safe to send again")
        }
    }

    /// Entries of other endpoints are left to their endpoint.
    @Test func reconcileTouchesOnlyItsEndpoint() async throws {
        try await SendFixture.with { f in
            let other = try await f.journal.recordIntent(endpoint: "https://certcentral.example/services/v2", product: .codeSigning,
                                                   payload: Data("{}".utf8), alternativeOrderID: "certorder-elsewhere")
            try await f.journal.recordUnknown(id: other.id, errorMessage: "timed out")
            #expect(await f.sender.reconcile().isEmpty)
            #expect(try await f.journal.entry(id: other.id)?.state == .unknown)
        }
    }
}
