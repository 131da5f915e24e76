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
        // An array, whatever the caller has: the cursor indexes it from 0.
        var cursor = Cursor(bytes as? [UInt8] ?? Array(bytes))
        while let next = cursor.next() { record(next) }
        return cursor.problems
    }

    /// Reads the records of a text one at a time, on demand: a loop over a 100,000-row file
    /// takes each row when it gets to it and keeps no list of rows.
    package struct Cursor {
        private let bytes: [UInt8]
        private var i = 0
        private var line = 1
        private var finished = false
        /// The problems met so far (every one, once ``next()`` answered nil).
        package private(set) var problems: [Problem] = []

        package init(_ bytes: [UInt8]) {
            self.bytes = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        }

        /// The next record, or nil at the end of the text.
        package mutating func next() -> Record? {
            let bytes = self.bytes
            let n = bytes.count
            var fields: [String] = []
            var recordStart = i
            var recordLine = line
            var buffer: [UInt8] = []

            func endsRecord(_ i: Int) -> Int? {
                if bytes[i] == 0x0A { return 1 }
                if bytes[i] == 0x0D, i + 1 < n, bytes[i + 1] == 0x0A { return 2 }
                return nil
            }

            while !finished, i <= n {
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
                    finished = true
                    if !(fields.count == 1 && fields[0].isEmpty && i == recordStart) {
                        return Record(fields: fields, line: recordLine, start: recordStart, end: i)
                    }
                    return nil
                }
                if bytes[i] == 0x2C {
                    i += 1
                    if i == n {
                        finished = true
                        fields.append("")
                        return Record(fields: fields, line: recordLine, start: recordStart, end: i)
                    }
                    continue
                }
                let width = endsRecord(i) ?? 1
                let isEmptyLine = fields.count == 1 && fields[0].isEmpty && i == recordStart
                let end = i
                i += width
                line += 1
                if i == n { finished = true }
                if !isEmptyLine {
                    return Record(fields: fields, line: recordLine, start: recordStart, end: end)
                }
                fields.removeAll(keepingCapacity: true)
                recordStart = i
                recordLine = line
            }
            finished = true
            return nil
        }
    }
}
