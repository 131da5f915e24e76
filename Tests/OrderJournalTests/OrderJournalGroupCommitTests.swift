import Foundation
import Testing
@testable import OrderJournal
import TestSupport

@Suite("Group commits")
struct OrderJournalGroupCommitTests {
    /// The number of sends timed: 100 in the test suite (each single commit waits for a disk
    /// flush); `CERTORDER_JOURNAL_BENCH_COUNT=1000` for the figures in the design notes.
    static let count = ProcessInfo.processInfo.environment["CERTORDER_JOURNAL_BENCH_COUNT"].flatMap(Int.init) ?? 100

    /// `CERTORDER_JOURNAL_BENCH_SYNCHRONOUS=NORMAL` measures without a flush per commit.
    static let synchronous = ProcessInfo.processInfo.environment["CERTORDER_JOURNAL_BENCH_SYNCHRONOUS"] ?? "FULL"

    func open(_ path: String) async throws -> OrderJournal {
        let journal = try await OrderJournal(path: path)
        try journal.executeRaw("PRAGMA synchronous = \(Self.synchronous)")
        return journal
    }

    func intents(_ count: Int) -> [JournalIntent] {
        (0..<count).map { number in
            JournalIntent(endpoint: "sandbox", product: .codeSigning,
                          payload: samplePayload(commonName: "n\(number)", altID: "alt-\(number)"),
                          canonicalPayload: samplePayload(commonName: "n\(number)"),
                          alternativeOrderID: "alt-\(number)", batch: "bench")
        }
    }

    @Test("intents and outcomes one by one or grouped give the same journal; timings printed")
    func individualVersusGrouped() async throws {
        let directory = try TemporaryDirectory()
        let count = Self.count
        let clock = ContinuousClock()

        let single = try await open(directory.path("single.sqlite"))
        let singleTime = try await clock.measure {
            for intent in intents(count) {
                let entry = try await single.recordIntents([intent])[0]
                try await single.recordPlaced(id: entry.id, httpStatus: 201, orderID: Int(entry.id), requests: [],
                                        certificateID: nil)
            }
        }

        let grouped = try await open(directory.path("grouped.sqlite"))
        let groupedTime = try await clock.measure {
            let entries = try await grouped.recordIntents(intents(count))
            try await grouped.recordOutcomes(entries.map { entry in
                (id: entry.id, outcome: .placed(httpStatus: 201, orderID: Int(entry.id), requests: [], certificateID: nil))
            })
        }

        print("OrderJournal: \(count) intents + outcomes, one transaction each (synchronous=\(Self.synchronous)): \(singleTime)")
        print("OrderJournal: \(count) intents + outcomes, two grouped transactions (synchronous=\(Self.synchronous)): \(groupedTime)")

        let singleEntries = try await single.entries()
        let groupedEntries = try await grouped.entries()
        #expect(singleEntries.count == count)
        #expect(groupedEntries.count == count)
        #expect(singleEntries.map(\.alternativeOrderID) == groupedEntries.map(\.alternativeOrderID))
        #expect(groupedEntries.allSatisfy { $0.state == .placed && $0.orderID == Int($0.id) })
        #expect(try await grouped.entries(state: .placed, batch: "bench").count == count)
    }
}

@Suite("Group commit of concurrent sends")
struct JournalGroupCommitterTests {
    func intent(_ number: Int) -> JournalIntent {
        JournalIntent(endpoint: "sandbox", product: .codeSigning,
                      payload: samplePayload(commonName: "n\(number)", altID: "alt-\(number)"),
                      canonicalPayload: samplePayload(commonName: "n\(number)"),
                      alternativeOrderID: "alt-\(number)", batch: "group")
    }

    /// Submits `writes` concurrently while commits are held, so they form one group.
    func inOneGroup<T: Sendable>(
        _ committer: JournalGroupCommitter, _ count: Int,
        _ write: @escaping @Sendable (Int) async throws -> T
    ) async throws -> [Int: Result<T, JournalError>] {
        committer.suspendCommits()
        return try await withThrowingTaskGroup(of: (Int, Result<T, JournalError>).self) { group in
            for number in 0..<count {
                group.addTask {
                    do { return (number, .success(try await write(number))) }
                    catch let error as JournalError { return (number, .failure(error)) }
                }
            }
            while committer.waitingCount < count { try await Task.sleep(for: .milliseconds(1)) }
            committer.resumeCommits()
            var results: [Int: Result<T, JournalError>] = [:]
            for try await (number, result) in group { results[number] = result }
            return results
        }
    }

    @Test("64 concurrent intents and their outcomes take one transaction each way, and every entry is durable when its call returns")
    func concurrentWritesShareATransaction() async throws {
        let directory = try TemporaryDirectory()
        let journal = try await OrderJournal(path: directory.path("journal.sqlite"))
        let committer = JournalGroupCommitter(journal: journal)

        let intents = try await inOneGroup(committer, 64) { number in
            try await committer.recordIntent(self.intent(number), rejectingDuplicatesWithin: OrderJournal.duplicateWindow)
        }
        #expect(committer.transactionSizes == [64])
        let entries = try (0..<64).map { try intents[$0]!.get() }
        #expect(entries.map(\.alternativeOrderID) == (0..<64).map { "alt-\($0)" })

        // Another connection, as another process would open it, sees every intent.
        let reader = try await OrderJournal(path: journal.path)
        #expect(try await reader.entries().filter { $0.state == .sending }.count == 64)

        let outcomes = try await inOneGroup(committer, 64) { number in
            try await committer.record(.placed(httpStatus: 201, orderID: 1000 + number, requests: [], certificateID: nil),
                                       forEntry: entries[number].id)
        }
        #expect(committer.transactionSizes == [64, 64])
        #expect(try (0..<64).map { try outcomes[$0]!.get().orderID } == (0..<64).map { 1000 + $0 })
        #expect(try await reader.entries().allSatisfy { $0.state == .placed })
    }

    @Test("a duplicate or a settled entry fails its own write only; the rest of its group is committed")
    func refusalsStayWithTheirWrite() async throws {
        let directory = try TemporaryDirectory()
        let journal = try await OrderJournal(path: directory.path("journal.sqlite"))
        let committer = JournalGroupCommitter(journal: journal)
        let placed = try await journal.recordIntent(endpoint: "sandbox", product: .codeSigning,
                                              payload: samplePayload(commonName: "n1"), alternativeOrderID: "earlier")
        try await journal.recordPlaced(id: placed.id, httpStatus: 201, orderID: 7, requests: [], certificateID: nil)

        // Intents 0…3: 1 repeats the placed order's payload.
        let results = try await inOneGroup(committer, 4) { number in
            try await committer.recordIntent(self.intent(number), rejectingDuplicatesWithin: OrderJournal.duplicateWindow)
        }
        #expect(committer.transactionSizes == [4])
        guard case .failure(.duplicate(let earlier)) = results[1]! else {
            Issue.record("intent 1 should be a duplicate of entry \(placed.id): \(results[1]!)")
            return
        }
        #expect(earlier.id == placed.id && earlier.orderID == 7)
        for number in [0, 2, 3] { #expect(try results[number]!.get().state == .sending) }

        // An outcome for the settled entry is refused; the other outcome in its group is written.
        let pending = try results[0]!.get()
        let outcomes = try await inOneGroup(committer, 2) { number in
            try await committer.record(.failed(errorMessage: "test"), forEntry: number == 0 ? placed.id : pending.id)
        }
        #expect(outcomes[0]! == .failure(.invalidTransition(id: placed.id, from: .placed, to: .failed)))
        #expect(try outcomes[1]!.get().state == .failed)
        let states = try await journal.entries().map(\.state.rawValue).sorted()
        #expect(states == ["failed", "placed", "sending", "sending"])
    }

    @Test("a write to a closed journal fails with the database's error and leaves nothing waiting")
    func databaseErrorFailsTheGroup() async throws {
        let directory = try TemporaryDirectory()
        let journal = try await OrderJournal(path: directory.path("journal.sqlite"))
        let committer = JournalGroupCommitter(journal: journal)
        try await journal.close()
        await #expect(throws: (any Error).self) {
            try await committer.recordIntent(self.intent(0))
        }
        #expect(committer.waitingCount == 0)
    }
}
