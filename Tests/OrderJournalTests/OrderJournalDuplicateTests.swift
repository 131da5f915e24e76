import Foundation
import Testing
@testable import OrderJournal
import TestSupport

@Suite("Duplicate guard")
struct OrderJournalDuplicateTests {
    let directory: TemporaryDirectory
    let journal: OrderJournal
    let hour: TimeInterval = 3600

    init() async throws {
        directory = try TemporaryDirectory()
        journal = try await OrderJournal(path: directory.path("journal.sqlite"))
    }

    /// Records an intent whose payload carries its own alternative id but whose canonical
    /// payload does not, as a draft sent twice would.
    func send(altID: String, endpoint: String = "sandbox", commonName: String = "Example Corp") async throws -> JournalEntry {
        try await journal.recordIntent(
            endpoint: endpoint, product: .codeSigning,
            payload: samplePayload(commonName: commonName, altID: altID),
            canonicalPayload: samplePayload(commonName: commonName),
            alternativeOrderID: altID)
    }

    @Test("a placed entry is a duplicate inside 24 hours and not after")
    func window() async throws {
        let first = try await send(altID: "certorder-a")
        let placed = try await journal.recordPlaced(id: first.id, httpStatus: 201, orderID: 10, requests: [], certificateID: nil)
        let digest = OrderJournal.digest(of: samplePayload())
        // The second send's payload differs (new alternative id), its canonical digest does not.
        #expect(samplePayload(altID: "certorder-a") != samplePayload(altID: "certorder-b"))

        let created = first.createdAt
        #expect(try await journal.findDuplicate(endpoint: "sandbox", payloadDigest: digest, now: created) == placed)
        #expect(try await journal.findDuplicate(endpoint: "sandbox", payloadDigest: digest,
                                          now: created + 23 * hour) == placed)
        #expect(try await journal.findDuplicate(endpoint: "sandbox", payloadDigest: digest,
                                          now: created + 24 * hour) == placed)
        #expect(try await journal.findDuplicate(endpoint: "sandbox", payloadDigest: digest,
                                          now: created + 24 * hour + 0.001) == nil)
        #expect(try await journal.findDuplicate(endpoint: "sandbox", payloadDigest: digest,
                                          now: created + 25 * hour) == nil)
        #expect(try await journal.findDuplicate(endpoint: "sandbox", payloadDigest: digest,
                                          within: 30 * hour, now: created + 25 * hour) == placed)
        #expect(try await journal.findDuplicate(endpoint: "sandbox", payloadDigest: digest,
                                          within: 60, now: created + 61) == nil)
    }

    @Test("an order a batch placed is a duplicate for that batch at any age; for another batch only inside 24 hours")
    func batchRunAgain() async throws {
        func intent(_ altID: String, batch: String) -> JournalIntent {
            JournalIntent(endpoint: "sandbox", product: .codeSigning, payload: samplePayload(altID: altID),
                          canonicalPayload: samplePayload(), alternativeOrderID: altID, batch: batch)
        }
        let first = try await journal.recordIntents([intent("certorder-a", batch: "batch-1")])[0]
        try await journal.recordPlaced(id: first.id, httpStatus: 201, orderID: 10, requests: [], certificateID: nil)
        // Two days later (the entry is backdated).
        try journal.executeRaw("UPDATE journal_entry SET created_at = created_at - \(Int(48 * hour * 1000))")

        let guarded = OrderJournal.duplicateWindow
        await #expect(throws: JournalError.self) { try await journal.recordIntents([intent("certorder-b", batch: "batch-1")], rejectingDuplicatesWithin: guarded) }
        do {
            _ = try await journal.recordIntents([intent("certorder-b", batch: "batch-1")], rejectingDuplicatesWithin: guarded)
        } catch JournalError.duplicate(let earlier) {
            #expect(earlier.id == first.id && earlier.orderID == 10)
        }
        // Another batch, or no guard (--allow-duplicate): sent.
        #expect(try await journal.recordIntents([intent("certorder-c", batch: "batch-2")], rejectingDuplicatesWithin: guarded).count == 1)
        #expect(try await journal.recordIntents([intent("certorder-d", batch: "batch-1")]).count == 1)
        #expect(try await journal.entries().count == 3)
    }

    @Test("a batch's run is continued while unfinished or finished within 24 hours; after that a run again is a new run")
    func batchRuns() async throws {
        func place(_ number: Int, in batch: String) async throws {
            let entry = try await journal.recordIntents([JournalIntent(
                endpoint: "sandbox", product: .codeSigning, payload: samplePayload(commonName: "n\(number)", altID: "alt-\(batch)-\(number)"),
                canonicalPayload: samplePayload(commonName: "n\(number)"), alternativeOrderID: "alt-\(batch)-\(number)", batch: batch)])[0]
            try await journal.recordPlaced(id: entry.id, httpStatus: 201, orderID: number, requests: [], certificateID: nil)
        }
        let digests = Set((1...3).map { OrderJournal.digest(of: samplePayload(commonName: "n\($0)")) })
        #expect(try await journal.batchRun(identity: "batch-x", digests: digests) == "batch-x-1")
        try await place(1, in: "batch-x-1")
        try await place(2, in: "batch-x-1")
        // Unfinished: continued, even a week later.
        #expect(try await journal.batchRun(identity: "batch-x", digests: digests, now: Date().addingTimeInterval(7 * 24 * hour)) == "batch-x-1")
        try await place(3, in: "batch-x-1")
        // Finished: continued for 24 hours (a repeat is skipped), then a new run.
        #expect(try await journal.batchRun(identity: "batch-x", digests: digests, now: Date().addingTimeInterval(23 * hour)) == "batch-x-1")
        #expect(try await journal.batchRun(identity: "batch-x", digests: digests, now: Date().addingTimeInterval(25 * hour)) == "batch-x-2")
        // Other identities are their own.
        #expect(try await journal.batchRun(identity: "batch-y", digests: digests) == "batch-y-1")
        #expect(try await journal.batchRun(identity: "batch", digests: digests) == "batch-1")
    }

    @Test("another endpoint or another payload is not a duplicate")
    func differentEndpointOrPayload() async throws {
        let first = try await send(altID: "certorder-a")
        try await journal.recordPlaced(id: first.id, httpStatus: 201, orderID: 10, requests: [], certificateID: nil)
        let digest = OrderJournal.digest(of: samplePayload())
        #expect(try await journal.findDuplicate(endpoint: "us", payloadDigest: digest) == nil)
        #expect(try await journal.findDuplicate(
            endpoint: "sandbox", payloadDigest: OrderJournal.digest(of: samplePayload(commonName: "Other"))) == nil)
        #expect(try await journal.findDuplicate(endpoint: "sandbox", payloadDigest: digest)?.id == first.id)
    }

    @Test("sending and unknown entries are duplicates; refused and failed are not")
    func statesThatCount() async throws {
        let digest = OrderJournal.digest(of: samplePayload())
        let entry = try await send(altID: "certorder-a")
        #expect(try await journal.findDuplicate(endpoint: "sandbox", payloadDigest: digest) == entry)

        let unknown = try await journal.recordUnknown(id: entry.id, errorMessage: "timed out")
        #expect(try await journal.findDuplicate(endpoint: "sandbox", payloadDigest: digest) == unknown)

        try await journal.recordFailed(id: entry.id, errorMessage: "not found on reconcile")
        #expect(try await journal.findDuplicate(endpoint: "sandbox", payloadDigest: digest) == nil)

        let refusedEntry = try await send(altID: "certorder-b")
        try await journal.recordRefused(id: refusedEntry.id, httpStatus: 400, errorCode: "invalid_csr", errorMessage: "bad")
        #expect(try await journal.findDuplicate(endpoint: "sandbox", payloadDigest: digest) == nil)
    }

    @Test("the newest blocking entry is reported")
    func newestWins() async throws {
        let first = try await send(altID: "certorder-a")
        try await journal.recordPlaced(id: first.id, httpStatus: 201, orderID: 1, requests: [], certificateID: nil)
        let second = try await send(altID: "certorder-b")
        let digest = OrderJournal.digest(of: samplePayload())
        #expect(try await journal.findDuplicate(endpoint: "sandbox", payloadDigest: digest) == second)
    }

    @Test("a guarded intent throws the earlier entry and records nothing")
    func guardedIntent() async throws {
        let first = try await send(altID: "certorder-a")
        let placed = try await journal.recordPlaced(id: first.id, httpStatus: 201, orderID: 10, requests: [], certificateID: nil)
        await #expect(throws: JournalError.duplicate(placed)) {
            try await journal.recordIntent(
                endpoint: "sandbox", product: .codeSigning, payload: samplePayload(altID: "certorder-b"),
                canonicalPayload: samplePayload(), alternativeOrderID: "certorder-b",
                rejectingDuplicatesWithin: OrderJournal.duplicateWindow)
        }
        #expect(JournalError.duplicate(placed).description
            == "the same order was already sent to sandbox as journal entry 1 (placed, order 10)")
        #expect(try await journal.entries().map(\.id) == [1])

        // Another endpoint passes the guard.
        let live = try await journal.recordIntent(
            endpoint: "us", product: .codeSigning, payload: samplePayload(altID: "certorder-c"),
            canonicalPayload: samplePayload(), alternativeOrderID: "certorder-c",
            rejectingDuplicatesWithin: OrderJournal.duplicateWindow)
        #expect(live.id == 2)
    }

    @Test("a guarded batch rejects a repeat within itself and records nothing")
    func guardedBatch() async throws {
        let intents = ["a", "b", "a"].enumerated().map { index, name in
            JournalIntent(endpoint: "sandbox", product: .codeSigning,
                          payload: samplePayload(commonName: name, altID: "alt-\(index)"),
                          canonicalPayload: samplePayload(commonName: name), alternativeOrderID: "alt-\(index)")
        }
        do {
            try await journal.recordIntents(intents, rejectingDuplicatesWithin: OrderJournal.duplicateWindow)
            Issue.record("expected a duplicate error")
        } catch JournalError.duplicate(let earlier) {
            #expect(earlier.alternativeOrderID == "alt-0")
            #expect(earlier.state == .sending)
        }
        #expect(try await journal.entries() == [])
        // Unguarded, the same batch records all three.
        #expect(try await journal.recordIntents(intents).map(\.id) == [1, 2, 3])
    }

    @Test("two journals racing on one payload: exactly one intent passes the guard")
    func guardAcrossConnections() async throws {
        let path = directory.path("journal.sqlite")
        let other = try await OrderJournal(path: path)
        let results = await withTaskGroup(of: String.self) { group in
            for index in 0..<16 {
                let target = index.isMultiple(of: 2) ? journal : other
                group.addTask {
                    do {
                        try await target.recordIntent(
                            endpoint: "sandbox", product: .codeSigning,
                            payload: samplePayload(altID: "alt-\(index)"), canonicalPayload: samplePayload(),
                            alternativeOrderID: "alt-\(index)",
                            rejectingDuplicatesWithin: OrderJournal.duplicateWindow)
                        return "recorded"
                    } catch JournalError.duplicate {
                        return "duplicate"
                    } catch {
                        return "\(error)"
                    }
                }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(results.sorted() == Array(repeating: "duplicate", count: 15) + ["recorded"])
        #expect(try await journal.entries().count == 1)
    }
}
