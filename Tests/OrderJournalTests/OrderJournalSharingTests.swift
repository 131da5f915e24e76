import Foundation
import Testing
@testable import OrderJournal
import TestSupport

@Suite("Sharing a journal file")
struct OrderJournalSharingTests {
    let file: JournalFile
    var path: String { file.path }
    var directory: TemporaryDirectory { file.directory }

    init() throws { file = try JournalFile() }

    @Test("two journals on one file see each other's writes")
    func twoInstances() async throws {
        let first = try await OrderJournal(path: path)
        let second = try await OrderJournal(path: path)

        let intent = try await first.recordIntent(
            endpoint: "sandbox", product: .codeSigning, payload: samplePayload(), alternativeOrderID: "alt-1")
        #expect(try await second.entry(id: intent.id) == intent)

        let placed = try await second.recordPlaced(
            id: intent.id, httpStatus: 201, orderID: 31, requests: [JournalRequest(id: 2, status: "pending")],
            certificateID: nil)
        #expect(try await first.entry(id: intent.id) == placed)

        let other = try await second.recordIntent(
            endpoint: "us", product: .codeSigningEV, payload: samplePayload(commonName: "B"),
            alternativeOrderID: "alt-2")
        #expect(other.id == 2)
        #expect(try await first.entries() == [other, placed])
    }

    @Test("reopening the file keeps every entry and column")
    func reopen() async throws {
        var before: [JournalEntry] = []
        do {
            let journal = try await OrderJournal(path: path)
            let entries = try await journal.recordIntents((1...4).map { number in
                JournalIntent(endpoint: "sandbox", product: .codeSigning,
                              payload: samplePayload(commonName: "n\(number)", altID: "alt-\(number)"),
                              canonicalPayload: samplePayload(commonName: "n\(number)"),
                              alternativeOrderID: "alt-\(number)", batch: "b", label: "l:\(number)")
            })
            try await journal.recordPlaced(id: entries[0].id, httpStatus: 201, orderID: 1,
                                     requests: [JournalRequest(id: 11, status: "pending")], certificateID: 12)
            try await journal.updateStatus(id: entries[0].id, orderStatus: "issued")
            try await journal.recordRefused(id: entries[1].id, httpStatus: 400, errorCode: "c", errorMessage: "m")
            try await journal.recordUnknown(id: entries[2].id, httpStatus: 500, errorMessage: "server error")
            before = try await journal.entries()
            try await journal.close()
        }
        #expect(before.count == 4)
        let reopened = try await OrderJournal(path: path)
        #expect(try await reopened.entries() == before)
        #expect(try reopened.textRows("SELECT identifier FROM grdb_migrations") == [["v1"], ["v2"]])
        #expect(try reopened.textValue("PRAGMA journal_mode") == "wal")
    }

    @Test("many tasks on two journals write without losing an entry")
    func concurrentTasks() async throws {
        let first = try await OrderJournal(path: path)
        let second = try await OrderJournal(path: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                let journal = task.isMultiple(of: 2) ? first : second
                group.addTask {
                    for number in 0..<25 {
                        let entry = try await journal.recordIntent(
                            endpoint: "sandbox", product: .codeSigning,
                            payload: samplePayload(commonName: "t\(task)-\(number)"),
                            alternativeOrderID: "t\(task)-\(number)")
                        try await journal.recordPlaced(id: entry.id, httpStatus: 201, orderID: task * 100 + number,
                                                 requests: [], certificateID: nil)
                    }
                }
            }
            try await group.waitForAll()
        }
        let entries = try await first.entries()
        #expect(entries.count == 200)
        #expect(Set(entries.map(\.id)) == Set(1...200))
        #expect(entries.allSatisfy { $0.state == .placed })
        #expect(Set(entries.compactMap(\.orderID)).count == 200)
    }

    @Test("several journals opening a new file at once all succeed")
    func concurrentCreation() async throws {
        let nested = directory.path("new/dir/journal.sqlite")
        let journals = try await withThrowingTaskGroup(of: OrderJournal.self) { group in
            for _ in 0..<4 {
                group.addTask { try await OrderJournal(path: nested) }
            }
            return try await group.reduce(into: [OrderJournal]()) { $0.append($1) }
        }
        #expect(journals.count == 4)
        #expect(try journals[0].textRows("SELECT identifier FROM grdb_migrations") == [["v1"], ["v2"]])
        try await journals[1].recordIntent(endpoint: "sandbox", product: .codeSigning, payload: samplePayload(),
                                     alternativeOrderID: "a")
        #expect(try await journals[3].entries().count == 1)
    }
}
