import Foundation
import Testing
@testable import OrderLanguage

/// A CSV loop reads its rows as it takes them (issue 19): the cursor yields a row before it has
/// looked at the rest of the file (`CSVReader.read`, which the other CSV tests cover, reads
/// through the same cursor).
@Suite("Reading CSV rows lazily")
struct CSVCursorTests {
    @Test func aRowIsYieldedBeforeTheRestOfTheFileIsRead() {
        // The second row's quote is never closed: a reader that read ahead would have met it.
        var cursor = CSVReader.Cursor(Array("name,city\nKim,Richmond\n\"Lee,Cambridge\n".utf8))
        #expect(cursor.next()?.fields == ["name", "city"])
        #expect(cursor.next()?.fields == ["Kim", "Richmond"])
        #expect(cursor.problems.isEmpty)
        #expect(cursor.next()?.fields == ["Lee,Cambridge\n"])
        #expect(cursor.problems.map(\.message) == [.csvUnclosedQuote])
        #expect(cursor.next() == nil)
        #expect(cursor.next() == nil)
    }

    @Test func aLoopTakesEachRowFromTheFileAsItGetsToIt() {
        let rows = Evaluator.CSVRows(bytes: Array("name,zip\nKim,23219\nLee,02139\n".utf8))
        #expect(rows.map(\.fields) == [["Kim", "23219"], ["Lee", "02139"]])
        #expect(rows.map(\.line) == [2, 3])
        // CSVTable keeps the file's bytes and its columns, and no list of rows.
        let stored = Mirror(reflecting: Evaluator.CSVTable(columns: CSVColumns(names: ["name"], fileName: "f.csv"),
                                                           source: Source(name: "f.csv", text: "name\n"), bytes: Array("name\n".utf8)))
        #expect(stored.children.map(\.label) == ["columns", "source", "bytes"])
    }
}
