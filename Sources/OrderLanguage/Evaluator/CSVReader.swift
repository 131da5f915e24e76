/// An RFC 4180 CSV reader: fields separated by commas, records by CRLF or LF; a field in double
/// quotes may hold commas, line breaks and quotes (written `""`).
///
/// Lenient where the RFC is silent: a lone `"` inside an unquoted field is kept as text, a UTF-8
/// byte-order mark is skipped and empty lines are skipped. Malformed input (an unterminated
/// quoted field, text after a closing quote) is reported with the byte offset at fault.
package struct CSVReader {
    /// One record: its fields, the 1-based line it starts on and its byte range.
    package struct Record: Hashable, Sendable {
        package var fields: [String]
        package var line: Int
        package var start: Int
        package var end: Int
    }

    /// A problem in the input: what and where (byte offsets).
    package struct Problem: Hashable, Sendable {
        package var message: LanguageMessage
        package var start: Int
        package var end: Int
    }

    /// The records and the problems of a CSV text.
    package struct Result: Sendable {
        package var records: [Record]
        package var problems: [Problem]
    }

    /// Reads every record of `bytes`.
    package static func read(_ bytes: [UInt8]) -> Result {
        var records: [Record] = []
        let problems = read(bytes) { records.append($0) }
        return Result(records: records, problems: problems)
    }

    /// Reads `bytes` one record at a time: each is given to `each` and not kept, so a
    /// 100,000-row file is read in the memory of one row. Answers the problems.
    package static func read(_ bytes: some RandomAccessCollection<UInt8>, each record: (Record) -> Void) -> [Problem] {
        // An array, whatever the caller has: the loop below indexes it from 0.
        let bytes = bytes as? [UInt8] ?? Array(bytes)
        var problems: [Problem] = []
        let n = bytes.count
        var i = 0
        var line = 1
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        var fields: [String] = []
        var recordStart = i
        var recordLine = line
        var buffer: [UInt8] = []

        func endsRecord(_ i: Int) -> Int? {
            if bytes[i] == 0x0A { return 1 }
            if bytes[i] == 0x0D, i + 1 < n, bytes[i + 1] == 0x0A { return 2 }
            return nil
        }

        while i <= n {
            // At the start of a field.
            if i < n, bytes[i] == 0x22 {
                let quoteStart = i
                i += 1
                buffer.removeAll(keepingCapacity: true)
                var closed = false
                while i < n {
                    let b = bytes[i]
                    if b == 0x22 {
                        if i + 1 < n, bytes[i + 1] == 0x22 {
                            buffer.append(0x22)
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    if b == 0x0A { line += 1 }
                    buffer.append(b)
                    i += 1
                }
                if !closed {
                    problems.append(Problem(message: .csvUnclosedQuote,
                                            start: quoteStart, end: quoteStart + 1))
                }
                // After the closing quote: a separator, a record end or the end of input.
                if i < n, bytes[i] != 0x2C, endsRecord(i) == nil {
                    let junk = i
                    while i < n, bytes[i] != 0x2C, endsRecord(i) == nil {
                        buffer.append(bytes[i])
                        i += 1
                    }
                    problems.append(Problem(message: .csvTextAfterQuote,
                                            start: junk, end: i))
                }
                fields.append(String(decoding: buffer, as: UTF8.self))
            } else {
                let start = i
                while i < n, bytes[i] != 0x2C, endsRecord(i) == nil { i += 1 }
                fields.append(String(decoding: bytes[start..<i], as: UTF8.self))
            }
            // After a field.
            if i >= n {
                if !(fields.count == 1 && fields[0].isEmpty && i == recordStart) {
                    record(Record(fields: fields, line: recordLine, start: recordStart, end: i))
                }
                break
            }
            if bytes[i] == 0x2C {
                i += 1
                if i == n {
                    fields.append("")
                    record(Record(fields: fields, line: recordLine, start: recordStart, end: i))
                    break
                }
                continue
            }
            let width = endsRecord(i) ?? 1
            let isEmptyLine = fields.count == 1 && fields[0].isEmpty && i == recordStart
            if !isEmptyLine {
                record(Record(fields: fields, line: recordLine, start: recordStart, end: i))
            }
            fields.removeAll(keepingCapacity: true)
            i += width
            line += 1
            recordStart = i
            recordLine = line
            if i == n { break }
        }
        return problems
    }
}
