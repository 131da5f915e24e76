import Foundation

/// Dates as the journal stores them: whole milliseconds since 1970 (UTC) in INTEGER columns.
///
/// Dates are rounded to the millisecond *before* they are handed out, so an entry read back
/// from the file equals the entry that was written, and SQL comparisons are exact.
enum JournalTimestamp {
    /// Milliseconds since 1970 for a date, rounded to the nearest millisecond.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// The date for a count of milliseconds since 1970.
    static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// A date rounded to the millisecond, as it will read back from the journal.
    static func rounded(_ date: Date) -> Date {
        self.date(milliseconds: milliseconds(date))
    }
}
