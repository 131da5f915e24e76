import Foundation
import Testing
@testable import OrderJournal
import TestSupport

@Suite("Sends that died before their outcome")
struct OrderJournalStalenessTests {
    let file: JournalFile
    var path: String { file.path }

    init() throws { file = try JournalFile() }

    func recordIntent(_ journal: OrderJournal, altID: String) async throws -> JournalEntry {
        try await journal.recordIntent(
            endpoint: "sandbox", product: .codeSigning, payload: samplePayload(commonName: altID),
            alternativeOrderID: altID)
    }

    @Test("a sending entry whose process ended becomes unknown when the journal is opened")
    func deadOwnerOnOpen() async throws {
        let deadPID = try pidOfEndedProcess()
        let journal = try await OrderJournal(path: path)
        let orphan = try await recordIntent(journal, altID: "orphan")
        let mine = try await recordIntent(journal, altID: "mine")
        let settled = try await recordIntent(journal, altID: "settled")
        try await journal.recordFailed(id: settled.id, errorMessage: "connection refused")
        // The first two intents were written by a process that has since died.
        try journal.executeRaw("UPDATE journal_entry SET owner_pid = \(deadPID) WHERE id IN (\(orphan.id), \(settled.id))")

        let reopened = try await OrderJournal(path: path)
        let recovered = try await #require(try await reopened.entry(id: orphan.id))
        #expect(recovered.state == .unknown)
        #expect(recovered.errorMessage == "process \(deadPID) ended before the outcome of the send was recorded")
        #expect(recovered.httpStatus == nil)
        #expect(recovered.ownerPID == deadPID)
        #expect(recovered.createdAt == orphan.createdAt)
        #expect(recovered.updatedAt >= orphan.updatedAt)
        #expect(try await reopened.entry(id: mine.id) == mine)  // this process still runs: still sending
        #expect(try await reopened.entry(id: settled.id)?.state == .failed)
        #expect(try await reopened.unresolved().map(\.id) == [mine.id, orphan.id])
        // The late outcome of a recovered entry is still accepted (reconciliation).
        let placed = try await reopened.recordPlaced(id: orphan.id, httpStatus: nil, orderID: 8, requests: [], certificateID: nil)
        #expect(placed.state == .placed)
        #expect(placed.errorMessage == nil)
    }

    @Test("a sending entry older than the limit becomes unknown even if its owner runs")
    func ageLimit() async throws {
        let journal = try await OrderJournal(path: path)
        let entry = try await recordIntent(journal, altID: "slow")

        #expect(try await journal.markStaleSendingAsUnknown(olderThan: 600, now: entry.createdAt + 599) == [])
        #expect(try await journal.markStaleSendingAsUnknown(olderThan: 600, now: entry.createdAt + 600) == [])
        #expect(try await journal.entry(id: entry.id)?.state == .sending)

        let now = entry.createdAt + 601
        let changed = try await journal.markStaleSendingAsUnknown(olderThan: 600, now: now)
        var expected = entry
        expected.state = .unknown
        expected.errorMessage = "no outcome was recorded within 600 seconds"
        expected.updatedAt = now
        #expect(changed == [expected])
        #expect(try await journal.entry(id: entry.id) == expected)
        // Nothing is left to sweep.
        #expect(try await journal.markStaleSendingAsUnknown(olderThan: 0, now: now + 3600) == [])
    }

    @Test("the default age limit is 15 minutes")
    func defaultAge() async throws {
        let journal = try await OrderJournal(path: path)
        let entry = try await recordIntent(journal, altID: "slow")
        #expect(OrderJournal.staleSendingAge == 900)
        #expect(try await journal.markStaleSendingAsUnknown(now: entry.createdAt + 900) == [])
        #expect(try await journal.markStaleSendingAsUnknown(now: entry.createdAt + 900.001).map(\.id) == [entry.id])
    }
}
