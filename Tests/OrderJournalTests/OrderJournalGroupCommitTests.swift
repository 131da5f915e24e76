import Foundation
import Testing
@testable import OrderJournal

@Suite("Group commits")
struct OrderJournalGroupCommitTests {
    /// The number of sends timed: 100 in the test suite (each single commit waits for a disk
    /// flush); `CERTORDER_JOURNAL_BENCH_COUNT=1000` for the figures in the design notes.
    static let count = ProcessInfo.processInfo.environment["CERTORDER_JOURNAL_BENCH_COUNT"].flatMap(Int.init) ?? 100

    /// `CERTORDER_JOURNAL_BENCH_SYNCHRONOUS=NORMAL` measures without a flush per commit.
    static let synchronous = ProcessInfo.processInfo.environment["CERTORDER_JOURNAL_BENCH_SYNCHRONOUS"] ?? "FULL"

    func open(_ path: String) throws -> OrderJournal {
        let journal = try OrderJournal(path: path)
        try journal.executeRaw("PRAGMA synchronous = \(Self.synchronous)")
        return journal
    }

    func intents(_ count: Int) -> [JournalIntent] {
        (0..<count).map { number in
            JournalIntent(endpoint: "sandbox", product: "code_signing",
                          payload: samplePayload(commonName: "n\(number)", altID: "alt-\(number)"),
                          canonicalPayload: samplePayload(commonName: "n\(number)"),
                          alternativeOrderID: "alt-\(number)", batch: "bench")
        }
    }

    @Test("intents and outcomes one by one or grouped give the same journal; timings printed")
    func individualVersusGrouped() throws {
        let directory = try TemporaryDirectory()
        let count = Self.count
        let clock = ContinuousClock()

        let single = try open(directory.path("single.sqlite"))
        let singleTime = try clock.measure {
            for intent in intents(count) {
                let entry = try single.recordIntents([intent])[0]
                try single.recordPlaced(id: entry.id, httpStatus: 201, orderID: Int(entry.id), requests: [],
                                        certificateID: nil)
            }
        }

        let grouped = try open(directory.path("grouped.sqlite"))
        let groupedTime = try clock.measure {
            let entries = try grouped.recordIntents(intents(count))
            try grouped.recordOutcomes(entries.map { entry in
                (id: entry.id, outcome: .placed(httpStatus: 201, orderID: Int(entry.id), requests: [], certificateID: nil))
            })
        }

        print("OrderJournal: \(count) intents + outcomes, one transaction each (synchronous=\(Self.synchronous)): \(singleTime)")
        print("OrderJournal: \(count) intents + outcomes, two grouped transactions (synchronous=\(Self.synchronous)): \(groupedTime)")

        let singleEntries = try single.entries()
        let groupedEntries = try grouped.entries()
        #expect(singleEntries.count == count)
        #expect(groupedEntries.count == count)
        #expect(singleEntries.map(\.alternativeOrderID) == groupedEntries.map(\.alternativeOrderID))
        #expect(groupedEntries.allSatisfy { $0.state == .placed && $0.orderID == Int($0.id) })
        #expect(try grouped.placedAlternativeIDs(batch: "bench").count == count)
    }
}
