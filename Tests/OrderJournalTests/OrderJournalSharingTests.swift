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
    func twoInstances() throws {
        let first = try OrderJournal(path: path)
        let second = try OrderJournal(path: path)

        let intent = try first.recordIntent(
            endpoint: "sandbox", product: .codeSigning, payload: samplePayload(), alternativeOrderID: "alt-1")
        #expect(try second.entry(id: intent.id) == intent)

        let placed = try second.recordPlaced(
            id: intent.id, httpStatus: 201, orderID: 31, requests: [JournalRequest(id: 2, status: "pending")],
            certificateID: nil)
        #expect(try first.entry(id: intent.id) == placed)

        let other = try second.recordIntent(
            endpoint: "us", product: .codeSigningEV, payload: samplePayload(commonName: "B"),
            alternativeOrderID: "alt-2")
        #expect(other.id == 2)
        #expect(try first.entries() == [other, placed])
    }

    @Test("reopening the file keeps every entry and column")
    func reopen() throws {
        var before: [JournalEntry] = []
        do {
            let journal = try OrderJournal(path: path)
            let entries = try journal.recordIntents((1...4).map { number in
                JournalIntent(endpoint: "sandbox", product: .codeSigning,
                              payload: samplePayload(commonName: "n\(number)", altID: "alt-\(number)"),
                              canonicalPayload: samplePayload(commonName: "n\(number)"),
                              alternativeOrderID: "alt-\(number)", batch: "b", label: "l:\(number)")
            })
            try journal.recordPlaced(id: entries[0].id, httpStatus: 201, orderID: 1,
                                     requests: [JournalRequest(id: 11, status: "pending")], certificateID: 12)
            try journal.updateStatus(id: entries[0].id, orderStatus: "issued")
            try journal.recordRefused(id: entries[1].id, httpStatus: 400, errorCode: "c", errorMessage: "m")
            try journal.recordUnknown(id: entries[2].id, httpStatus: 500, errorMessage: "server error")
            before = try journal.entries()
            try journal.close()
        }
        #expect(before.count == 4)
        let reopened = try OrderJournal(path: path)
        #expect(try reopened.entries() == before)
        #expect(try reopened.textRows("SELECT identifier FROM grdb_migrations") == [["v1"], ["v2"]])
        #expect(try reopened.textValue("PRAGMA journal_mode") == "wal")
    }

    @Test("many tasks on two journals write without losing an entry")
    func concurrentTasks() async throws {
        let first = try OrderJournal(path: path)
        let second = try OrderJournal(path: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                let journal = task.isMultiple(of: 2) ? first : second
                group.addTask {
                    for number in 0..<25 {
                        let entry = try journal.recordIntent(
                            endpoint: "sandbox", product: .codeSigning,
                            payload: samplePayload(commonName: "t\(task)-\(number)"),
                            alternativeOrderID: "t\(task)-\(number)")
                        try journal.recordPlaced(id: entry.id, httpStatus: 201, orderID: task * 100 + number,
                                                 requests: [], certificateID: nil)
                    }
                }
            }
            try await group.waitForAll()
        }
        let entries = try first.entries()
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
                group.addTask { try OrderJournal(path: nested) }
            }
            return try await group.reduce(into: [OrderJournal]()) { $0.append($1) }
        }
        #expect(journals.count == 4)
        #expect(try journals[0].textRows("SELECT identifier FROM grdb_migrations") == [["v1"], ["v2"]])
        try journals[1].recordIntent(endpoint: "sandbox", product: .codeSigning, payload: samplePayload(),
                                     alternativeOrderID: "a")
        #expect(try journals[3].entries().count == 1)
    }
}
