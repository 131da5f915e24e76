import CertOrder
import Foundation
import GRDB
import Testing
@testable import OrderJournal
import TestSupport

/// `OrderJournal(writer:)`: the journal over any GRDB writer, an in-memory `DatabaseQueue` here.
@Suite("A journal in memory")
struct OrderJournalMemoryTests {
    @Test("an in-memory journal gets the file's schema, by the same migrations")
    func sameSchemaAsAFile() async throws {
        let directory = try TemporaryDirectory(prefix: "OrderJournalTests")
        let file = try await OrderJournal(path: directory.path("journal.sqlite"))
        let memory = try OrderJournal(writer: DatabaseQueue())
        let schema = "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
        #expect(try memory.textRows(schema) == file.textRows(schema))
        #expect(try memory.textRows("SELECT identifier FROM grdb_migrations") == [["v1"], ["v2"]])
        #expect(memory.path == ":memory:")
    }

    @Test("every coding key of the record names a column of journal_entry, in snake_case")
    func codingKeysAreTheColumns() async throws {
        let journal = try OrderJournal(writer: DatabaseQueue())
        let columns = try journal.textRows("SELECT name FROM pragma_table_info('journal_entry')").map { $0[0] }
        #expect(JournalEntry.CodingKeys.allCases.map(\.columnName) == columns)
        #expect(JournalEntry.CodingKeys.alternativeOrderID.columnName == "alternative_order_id")
        #expect(JournalEntry.CodingKeys.ownerPID.columnName == "owner_pid")
        #expect(JournalEntry.CodingKeys(columnName: "http_status") == .httpStatus)
    }

    @Test("the write-ahead protocol, the duplicate guard and batch runs work in memory as on a file")
    func writeAheadInMemory() async throws {
        let journal = try OrderJournal(writer: DatabaseQueue())
        let first = try await journal.recordIntent(
            endpoint: "sandbox", product: .codeSigningEV, payload: samplePayload(altID: "a-1"),
            canonicalPayload: samplePayload(), alternativeOrderID: "a-1", batch: "run-1",
            rejectingDuplicatesWithin: OrderJournal.duplicateWindow)
        #expect(first.id == 1)
        #expect(first.product == .codeSigningEV)
        await #expect(throws: JournalError.duplicate(first)) {
            try await journal.recordIntent(
                endpoint: "sandbox", product: .codeSigningEV, payload: samplePayload(altID: "a-2"),
                canonicalPayload: samplePayload(), alternativeOrderID: "a-2",
                rejectingDuplicatesWithin: OrderJournal.duplicateWindow)
        }
        let placed = try await journal.recordPlaced(
            id: first.id, httpStatus: 201, orderID: 112233, requests: [JournalRequest(id: 7, status: "approved")],
            certificateID: 9)
        #expect(try await journal.entry(id: first.id) == placed)
        #expect(try journal.textRows("SELECT product, state, requests FROM journal_entry")
            == [["code_signing_ev", "placed", #"[{"id":7,"status":"approved"}]"#]])
        #expect(try await journal.batchRun(identity: "run", digests: [OrderJournal.digest(of: samplePayload())]) == "run-1")

        // An id is never given twice, also after the newest entry is gone (AUTOINCREMENT).
        _ = try await journal.recordIntent(endpoint: "us", product: .codeSigning, payload: samplePayload(altID: "b"), alternativeOrderID: "b")
        try journal.executeRaw("DELETE FROM journal_entry WHERE id = 2")
        let third = try await journal.recordIntent(endpoint: "us", product: .codeSigning, payload: samplePayload(altID: "c"), alternativeOrderID: "c")
        #expect(third.id == 3)
    }
}
