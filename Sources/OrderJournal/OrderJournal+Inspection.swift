import Foundation
import GRDB

/// Raw access for tests and diagnostics inside the package (`@testable import`): the public API
/// never needs SQL.
extension OrderJournal {
    /// The rows of a query, each column as text (nil for NULL, lowercase hex for a blob).
    func textRows(_ sql: String) throws -> [[String?]] {
        try database.writeWithoutTransaction { db in
            try Row.fetchAll(db, sql: sql).map { row in
                row.databaseValues.map { value in
                    switch value.storage {
                    case .null: nil
                    case .int64(let number): String(number)
                    case .double(let number): String(number)
                    case .string(let text): text
                    case .blob(let data): data.map { String(format: "%02x", $0) }.joined()
                    }
                }
            }
        }
    }

    /// The first column of the first row of a query, as text.
    func textValue(_ sql: String) throws -> String? {
        try textRows(sql).first?.first ?? nil
    }

    /// Runs SQL statements on the writer connection, outside any transaction.
    func executeRaw(_ sql: String) throws {
        try database.writeWithoutTransaction { db in try db.execute(sql: sql) }
    }
}
