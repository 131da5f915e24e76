import CertOrder
import Foundation
import Testing

@Suite("Where a JSON text goes wrong")
struct JSONSyntaxErrorTests {
    static func find(_ text: String) -> JSONSyntaxError? { JSONSyntaxError.find(in: Array(text.utf8)) }

    @Test("each kind of error, with its line, column and what to do", arguments: [
        ("{\"a\": 1,\n}", 2, 1, "expected a key in double quotes, found '}' (a comma before '}' is not allowed in JSON)"),
        ("{\"a\" 1}", 1, 6, "expected ':' after the key, found '1'"),
        ("{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}' after a member, found '\"'"),
        ("[1, 2,]", 1, 7, "expected a value, found ']' (a comma before ']' is not allowed in JSON)"),
        ("[1 2]", 1, 4, "expected ',' or ']' after an element, found '2'"),
        ("{\"hash\": sha256}", 1, 10, "expected a value, found 'sha256'; JSON's words are true, false and null, and text goes in double quotes"),
        ("{\"a\": True}", 1, 7, "expected a value, found 'True'; JSON's words are true, false and null, and text goes in double quotes"),
        ("{\"a\": \"x\ty\"}", 1, 9, "a tab inside a string; write it as an escape (\\n, \\t, \\u00XX)"),
        ("{\"a\": \"\\x\"}", 1, 9, "invalid escape \\x; JSON's are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"),
        ("{\"a\": \"\\u12g4\"}", 1, 12, "expected four hex digits after \\u, found 'g'"),
        ("{\"a\": \"open}", 1, 7, "a string is not closed: add '\"'"),
        ("{\"a\": 012}", 1, 8, "a number does not start with 0 in JSON; remove the leading zero"),
        ("{\"a\": 1.}", 1, 9, "expected a digit after '.', found '}'"),
        ("{\"a\": 1e}", 1, 9, "expected a digit in the exponent, found '}'"),
        ("{\"a\": -}", 1, 8, "expected a digit, found '}'"),
        ("{\"a\": 1} x", 1, 10, "unexpected 'x' after the JSON value"),
        ("{\"name\": \"Øberg\", \"x\": ?}", 1, 24, "expected a value (an object, array, string, number, true, false or null), found '?'"),
        ("{\"a\": [1, {\"b\": ", 1, 17, "expected a value (an object, array, string, number, true, false or null), found the end of the text"),
        ("", 1, 1, "expected a value (an object, array, string, number, true, false or null), found the end of the text"),
    ] as [(String, Int, Int, String)])
    func errors(_ text: String, _ line: Int, _ column: Int, _ message: String) throws {
        let error = try #require(Self.find(text))
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.message == message)
    }

    @Test("valid texts have no error: the documented body, every kind of value, deep nesting up to the limit")
    func valid() throws {
        let documented = try Fixture.text("documented-ev-order.request.json")
        for text in [documented, "0", "-0.5e+10", "\"\\u00e9\\n\"", "[]", "{}", " [true, false, null, {\"a\": [1E3]}] ",
                     String(repeating: "[", count: 511) + String(repeating: "]", count: 511)] {
            #expect(Self.find(text) == nil, "\(text.prefix(60))")
        }
        #expect(Self.find(String(repeating: "[", count: 513) + String(repeating: "]", count: 513))?.message
                == "nested more than 512 levels deep")
    }

    @Test("every one of 3,000 mutations of the documented body that JSONSerialization refuses gets a located error")
    func agreesWithFoundation() throws {
        let documented = Array(try Fixture.data("documented-ev-order.request.json"))
        // ASCII only, no backslash and no exponent: invalid UTF-8, \u surrogates and numbers out
        // of a Double's range (654e321) are Foundation's to judge, not the grammar's.
        let alphabet = Array("{}[]:,\" 0123456789.-+trufalsn\nx".utf8)
        // Mutation i: one or two edits at positions and with characters that strides coprime to
        // the sizes spread over the whole body, so every run checks the same 3,000 texts.
        var refused = 0
        for i in 0..<3_000 {
            var bytes = documented
            for edit in 0...(i % 2) {
                let k = i * 7 + edit * 3
                let position = (i * 7_919 + edit * 104_729) % bytes.count
                switch k % 3 {
                case 0: bytes.remove(at: position)
                case 1: bytes.insert(alphabet[k % alphabet.count], at: position)
                default: bytes[position] = alphabet[(k / 3) % alphabet.count]
                }
            }
            let foundation = (try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)) != nil
            let ours = JSONSyntaxError.find(in: bytes)
            // Every text Foundation refuses gets a located error. (The other way round may differ:
            // Foundation on Linux takes a comma before '}', which RFC 8259 does not.)
            if !foundation {
                refused += 1
                #expect(ours != nil, "\(String(decoding: bytes, as: UTF8.self))")
                if ours == nil { return }
            }
        }
        #expect(refused > 1_000, "the mutations must break the body often enough to test something: \(refused)")
    }

    @Test("PayloadReader reports a syntax error with its place")
    func reader() {
        #expect(throws: PayloadReader.Failure(path: "", message: "the body is not valid JSON: expected ':' after the key, found '1'",
                                              syntax: JSONSyntaxError(line: 1, column: 6, offset: 5, message: "expected ':' after the key, found '1'"))) {
            try PayloadReader.read(Data("{\"a\" 1}".utf8))
        }
    }
}

/// The payload reader is strict (issue 12, finding 5): what Foundation's decoder would let
/// through (a comma before `}`) is an error with its place.
@Suite struct PayloadReaderStrictnessTests {
    @Test func aTrailingCommaIsAnErrorWithItsPlace() {
        do {
            _ = try PayloadReader.read(Data(#"{"validity_years": 1,}"#.utf8))
            Issue.record("a trailing comma was accepted")
        } catch {
            #expect(error.syntax?.line == 1)
            #expect(error.syntax?.column == 22)
            #expect(error.message.hasPrefix("the body is not valid JSON: expected a key in double quotes, found '}'"))
        }
        #expect(throws: PayloadReader.Failure.self) { try PayloadReader.read(Data(#"{"comments": ["a",]}"#.utf8)) }
        #expect(throws: PayloadReader.Failure.self) { try PayloadReader.read(Data(#"{"validity_years": 1} x"#.utf8)) }
        #expect((try? PayloadReader.read(Data(#"{"validity_years": 1}"#.utf8)))?.validityYears == 1)
    }
}
