import Foundation
import Testing
@testable import OrderJournal

/// Issue 13, findings 3 and 13 at the journal's level: a write notices its file was deleted or
/// replaced, and a read-only journal reads without writing.
@Suite("Journal robustness")
struct JournalRobustnessTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("robust-\(UUID().uuidString)/journal.sqlite").path
    }

    @Test("finding 3: a journal whose file was deleted refuses every write group")
    func finding3DeletedFileRefusesWrites() async throws {
        let path = Self.temporaryPath()
        let journal = try await OrderJournal(path: path)
        let first = try await journal.recordIntent(endpoint: "sandbox", product: .codeSigning, payload: samplePayload(), alternativeOrderID: "a1")
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }

        await #expect(throws: JournalError.fileReplaced(path: path)) {
            try await journal.recordIntent(endpoint: "sandbox", product: .codeSigning, payload: samplePayload(commonName: "B"), alternativeOrderID: "a2")
        }
        await #expect(throws: JournalError.fileReplaced(path: path)) {
            try await journal.recordPlaced(id: first.id, httpStatus: 201, orderID: 1, requests: [], certificateID: nil)
        }
        let committer = JournalGroupCommitter(journal: journal)
        await #expect(throws: JournalError.fileReplaced(path: path)) {
            try await committer.record(.failed(errorMessage: "x"), forEntry: first.id)
        }
    }

    @Test("finding 3: a journal whose file was replaced by another refuses writes")
    func finding3ReplacedFileRefusesWrites() async throws {
        let path = Self.temporaryPath()
        let journal = try await OrderJournal(path: path)
        try await journal.recordIntent(endpoint: "sandbox", product: .codeSigning, payload: samplePayload(), alternativeOrderID: "a1")
        let other = path + ".other"
        _ = try await OrderJournal(path: other)
        #expect(rename(other, path) == 0)
        await #expect(throws: JournalError.fileReplaced(path: path)) {
            try await journal.recordIntent(endpoint: "sandbox", product: .codeSigning, payload: samplePayload(commonName: "B"), alternativeOrderID: "a2")
        }
    }

    @Test("finding 13: a read-only journal lists entries, shows a dead process's send unknown, and writes nothing")
    func finding13ReadOnlyJournalReadsWithoutWriting() async throws {
        let path = Self.temporaryPath()
        let writer = try await OrderJournal(path: path)
        let entry = try await writer.recordIntent(endpoint: "sandbox", product: .codeSigning, payload: samplePayload(), alternativeOrderID: "a1")
        try writer.executeRaw("UPDATE journal_entry SET owner_pid = \(try pidOfEndedProcess())")
        try await writer.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let reader = try await OrderJournal(readingAt: path)
        #expect(reader.isReadOnly)
        let listed = try await reader.entries()
        #expect(listed.map(\.id) == [entry.id])
        #expect(listed.first?.state == .unknown)
        #expect(try await reader.entries(state: .unknown).count == 1)
        #expect(try await reader.entries(state: .sending).isEmpty)
        #expect(try await reader.entry(id: entry.id)?.state == .unknown)
        await #expect(throws: (any Error).self) { try await reader.recordFailed(id: entry.id, errorMessage: "x") }
        try await reader.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        await #expect(throws: JournalError.notFound(path: path + ".none")) { try await OrderJournal(readingAt: path + ".none") }
    }
}
