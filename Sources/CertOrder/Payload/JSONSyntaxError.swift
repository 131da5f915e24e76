/// The first syntax error of a JSON text (RFC 8259), with its line and column, for a diagnostic
/// that says where: Foundation's decoders report only "not valid JSON".
///
/// It runs only after a decoder has refused a text, so it favours clear messages over speed.
public struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line.
    public var line: Int
    /// 1-based column, in characters (Unicode scalars).
    public var column: Int
    /// The byte offset of the error in the text.
    public var offset: Int
    /// What is wrong and what was expected.
    public var message: String

    public var description: String { "line \(line), column \(column): \(message)" }

    public init(line: Int, column: Int, offset: Int, message: String) {
        self.line = line
        self.column = column
        self.offset = offset
        self.message = message
    }

    /// Nesting deeper than this is reported rather than followed (JSONDecoder stops at 512 too).
    static let maximumDepth = 512

    /// The first syntax error in `bytes`, or nil when they are one valid JSON value.
    public static func find(in bytes: [UInt8]) -> JSONSyntaxError? {
        var scanner = Scan(bytes: bytes)
        do throws(JSONSyntaxError) {
            scanner.skipSpace()
            try scanner.value(depth: 0)
            scanner.skipSpace()
            if scanner.index < bytes.count { throw scanner.error("unexpected \(scanner.found) after the JSON value") }
            return nil
        } catch {
            return error
        }
    }

    private struct Scan {
        let bytes: [UInt8]
        var index = 0

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        /// The current character, quoted, or "the end of the text".
        var found: String {
            guard index < bytes.count else { return "the end of the text" }
            var end = index + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            let text = String(decoding: bytes[index..<end], as: UTF8.self)
            switch text {
            case "\n": return "a line break"
            case "\t": return "a tab"
            default: return "'\(text)'"
            }
        }

        func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
            let offset = min(offset ?? index, bytes.count)
            var line = 1
            var column = 1
            for byte in bytes[..<offset] {
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
            }
            return JSONSyntaxError(line: line, column: column, offset: offset, message: message)
        }

        mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws(JSONSyntaxError) {
            guard current == byte else { throw error("expected \(what), found \(found)") }
            index += 1
        }

        mutating func value(depth: Int) throws(JSONSyntaxError) {
            guard depth < JSONSyntaxError.maximumDepth else {
                throw error("nested more than \(JSONSyntaxError.maximumDepth) levels deep")
            }
            guard let byte = current else {
                throw error("expected a value (an object, array, string, number, true, false or null), found \(found)")
            }
            switch byte {
            case UInt8(ascii: "{"): try object(depth: depth)
            case UInt8(ascii: "["): try array(depth: depth)
            case UInt8(ascii: "\""): try string()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            case _ where byte.isWordCharacter: try word()
            default: throw error("expected a value (an object, array, string, number, true, false or null), found \(found)")
            }
        }

        mutating func object(depth: Int) throws(JSONSyntaxError) {
            index += 1
            skipSpace()
            if current == UInt8(ascii: "}") { index += 1; return }
            while true {
                guard current == UInt8(ascii: "\"") else {
                    throw error("expected a key in double quotes, found \(found)"
                                + (current == UInt8(ascii: "}") ? " (a comma before '}' is not allowed in JSON)" : ""))
                }
                try string()
                skipSpace()
                try expect(UInt8(ascii: ":"), "':' after the key")
                skipSpace()
                try value(depth: depth + 1)
                skipSpace()
                if current == UInt8(ascii: "}") { index += 1; return }
                try expect(UInt8(ascii: ","), "',' or '}' after a member")
                skipSpace()
            }
        }

        mutating func array(depth: Int) throws(JSONSyntaxError) {
            index += 1
            skipSpace()
            if current == UInt8(ascii: "]") { index += 1; return }
            while true {
                if current == UInt8(ascii: "]") {
                    throw error("expected a value, found ']' (a comma before ']' is not allowed in JSON)")
                }
                try value(depth: depth + 1)
                skipSpace()
                if current == UInt8(ascii: "]") { index += 1; return }
                try expect(UInt8(ascii: ","), "',' or ']' after an element")
                skipSpace()
            }
        }

        mutating func string() throws(JSONSyntaxError) {
            let start = index
            index += 1
            while let byte = current {
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return
                case UInt8(ascii: "\\"):
                    index += 1
                    switch current {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        index += 1
                    case UInt8(ascii: "u"):
                        index += 1
                        for _ in 0..<4 {
                            guard let digit = current, digit.isHexDigit else {
                                throw error("expected four hex digits after \\u, found \(found)")
                            }
                            index += 1
                        }
                    default:
                        throw error("invalid escape \\\(found.trimmingQuotes); JSON's are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
                    }
                case 0..<0x20:
                    throw error("\(found) inside a string; write it as an escape (\\n, \\t, \\u00XX)")
                default:
                    index += 1
                }
            }
            throw error("a string is not closed: add '\"'", at: start)
        }

        mutating func number() throws(JSONSyntaxError) {
            if current == UInt8(ascii: "-") { index += 1 }
            guard let first = current, first.isDigit else { throw error("expected a digit, found \(found)") }
            index += 1
            if first == UInt8(ascii: "0"), let next = current, next.isDigit {
                throw error("a number does not start with 0 in JSON; remove the leading zero")
            }
            while let byte = current, byte.isDigit { index += 1 }
            if current == UInt8(ascii: ".") {
                index += 1
                guard let byte = current, byte.isDigit else { throw error("expected a digit after '.', found \(found)") }
                while let byte = current, byte.isDigit { index += 1 }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard let byte = current, byte.isDigit else { throw error("expected a digit in the exponent, found \(found)") }
                while let byte = current, byte.isDigit { index += 1 }
            }
        }

        /// `true`, `false` or `null`; any other word is an error.
        mutating func word() throws(JSONSyntaxError) {
            let start = index
            var end = start
            while end < bytes.count, bytes[end].isWordCharacter { end += 1 }
            guard ["true", "false", "null"].contains(where: { bytes[start..<end].elementsEqual($0.utf8) }) else {
                let written = String(decoding: bytes[start..<end], as: UTF8.self)
                throw error("expected a value, found '\(written)'; JSON's words are true, false and null, and text goes in double quotes", at: start)
            }
            index = end
        }
    }
}

private extension UInt8 {
    var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    var isLetter: Bool { (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z") }
    var isWordCharacter: Bool { isLetter || isDigit || self == UInt8(ascii: "_") }
    var isHexDigit: Bool {
        isDigit || (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "f")) || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "F"))
    }
}

private extension String {
    var trimmingQuotes: String { hasPrefix("'") && hasSuffix("'") && count >= 2 ? String(dropFirst().dropLast()) : self }
}
