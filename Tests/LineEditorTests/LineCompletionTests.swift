import Testing
@testable import LineEditor

@Suite("Common prefix of completion candidates")
struct LineCompletionTests {
    @Test("the longest shared start", arguments: [
        (["validity", "value"], "val"),
        (["validity", "valid", "validation"], "valid"),
        (["order"], "order"),
        (["abc", "abd", "ab"], "ab"),
        (["set", "show", "send"], "s"),
        (["alpha", "beta"], ""),
        (["", "anything"], ""),
        ([], ""),
    ])
    func commonPrefix(candidates: [String], expected: String) {
        #expect(LineCompletion.commonPrefix(of: candidates) == expected)
        #expect(LineCompletion(candidates: candidates, replacing: 0..<0).commonPrefix == expected)
    }

    @Test("compares whole characters, not bytes or scalars")
    func characters() {
        // "é" composed and decomposed are the same Character.
        #expect(LineCompletion.commonPrefix(of: ["caf\u{E9}s", "cafe\u{301}t"]) == "caf\u{E9}")
        // Two flags share their first scalar (regional indicator F) but not their first Character.
        #expect(LineCompletion.commonPrefix(of: ["🇫🇷x", "🇫🇮x"]) == "")
        #expect(LineCompletion.commonPrefix(of: ["✓ ok", "✓ no"]) == "✓ ")
    }

    @Test("defaults: a space after a sole candidate; none offers nothing")
    func defaults() {
        #expect(LineCompletion(candidates: ["a"], replacing: 0..<1).terminator == " ")
        #expect(LineCompletion.none.candidates.isEmpty)
        #expect(LineEditor.Completion.none == LineCompletion.none)
    }
}
