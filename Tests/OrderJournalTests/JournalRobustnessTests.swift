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
        let journal = try OrderJournal(path: path)
        let first = try journal.recordIntent(endpoint: "sandbox", product: .codeSigning, payload: samplePayload(), alternativeOrderID: "a1")
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }

        #expect(throws: JournalError.fileReplaced(path: path)) {
            try journal.recordIntent(endpoint: "sandbox", product: .codeSigning, payload: samplePayload(commonName: "B"), alternativeOrderID: "a2")
        }
        #expect(throws: JournalError.fileReplaced(path: path)) {
            try journal.recordPlaced(id: first.id, httpStatus: 201, orderID: 1, requests: [], certificateID: nil)
        }
        let committer = JournalGroupCommitter(journal: journal)
        await #expect(throws: JournalError.fileReplaced(path: path)) {
            try await committer.record(.failed(errorMessage: "x"), forEntry: first.id)
        }
    }

    @Test("finding 3: a journal whose file was replaced by another refuses writes")
    func finding3ReplacedFileRefusesWrites() throws {
        let path = Self.temporaryPath()
        let journal = try OrderJournal(path: path)
        try journal.recordIntent(endpoint: "sandbox", product: .codeSigning, payload: samplePayload(), alternativeOrderID: "a1")
        let other = path + ".other"
        _ = try OrderJournal(path: other)
        #expect(rename(other, path) == 0)
        #expect(throws: JournalError.fileReplaced(path: path)) {
            try journal.recordIntent(endpoint: "sandbox", product: .codeSigning, payload: samplePayload(commonName: "B"), alternativeOrderID: "a2")
        }
    }

    @Test("finding 13: a read-only journal lists entries, shows a dead process's send unknown, and writes nothing")
    func finding13ReadOnlyJournalReadsWithoutWriting() throws {
        let path = Self.temporaryPath()
        let writer = try OrderJournal(path: path)
        let entry = try writer.recordIntent(endpoint: "sandbox", product: .codeSigning, payload: samplePayload(), alternativeOrderID: "a1")
        try writer.executeRaw("UPDATE journal_entry SET owner_pid = \(try pidOfEndedProcess())")
        try writer.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let reader = try OrderJournal(readingAt: path)
        #expect(reader.isReadOnly)
        let listed = try reader.entries()
        #expect(listed.map(\.id) == [entry.id])
        #expect(listed.first?.state == .unknown)
        #expect(try reader.entries(state: .unknown).count == 1)
        #expect(try reader.entries(state: .sending).isEmpty)
        #expect(try reader.entry(id: entry.id)?.state == .unknown)
        #expect(throws: (any Error).self) { try reader.recordFailed(id: entry.id, errorMessage: "x") }
        try reader.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(throws: JournalError.notFound(path: path + ".none")) { try OrderJournal(readingAt: path + ".none") }
    }
}
