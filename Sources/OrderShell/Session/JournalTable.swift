import Foundation
import OrderJournal

/// Renders journal entries for `orders`: a table, one entry in detail, or JSON.
package enum JournalTable {
    static let timeFormat: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss'Z'"
        return f
    }()

    package static func table(_ entries: [JournalEntry]) -> String {
        guard !entries.isEmpty else { return "the journal is empty: nothing was sent yet" }
        let header = ["#", "time", "endpoint", "product", "state", "order", "requests", "label"]
        let rows = entries.map { e in
            [String(e.id), timeFormat.string(from: e.createdAt), e.endpoint, e.product.nameID, e.state.rawValue + (e.orderStatus.map { "/\($0)" } ?? ""),
             e.orderID.map(String.init) ?? "-", e.requests.map { "\($0.id):\($0.status)" }.joined(separator: ","), e.label ?? ""]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }

    package static func detail(_ e: JournalEntry) -> String {
        var lines = [
            "journal #\(e.id)",
            "  created      \(timeFormat.string(from: e.createdAt))",
            "  updated      \(timeFormat.string(from: e.updatedAt))",
            "  endpoint     \(e.endpoint)",
            "  product      \(e.product.nameID)",
            "  state        \(e.state.rawValue)",
            "  alternative  \(e.alternativeOrderID)",
            "  digest       \(e.payloadDigest)",
        ]
        if let status = e.httpStatus { lines.append("  http status  \(status)") }
        if let order = e.orderID { lines.append("  order        \(order)\(e.orderStatus.map { " (\($0))" } ?? "")") }
        for request in e.requests { lines.append("  request      \(request.id): \(request.status)") }
        if let certificate = e.certificateID { lines.append("  certificate  \(certificate)") }
        if let code = e.errorCode { lines.append("  error code   \(code)") }
        if let message = e.errorMessage { lines.append("  error        \(message)") }
        if let label = e.label { lines.append("  from         \(label)") }
        lines.append("  payload      \(String(decoding: e.payload, as: UTF8.self))")
        return lines.joined(separator: "\n")
    }

    /// The entries as a JSON array of ``JournalEntryReport`` objects (`orders --json`).
    package static func json(_ entries: [JournalEntry]) -> String {
        JSONOutput.encode(entries.map(JournalEntryReport.init))
    }

    /// One entry as a JSON object (`orders show N --json`): the same members as in the list.
    package static func json(_ entry: JournalEntry) -> String {
        JSONOutput.encode(JournalEntryReport(entry))
    }
}
