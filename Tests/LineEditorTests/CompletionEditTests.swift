import Testing
@testable import LineEditor

@Suite("What Tab does with a completion")
struct CompletionEditTests {
    /// What Tab does on `line` when the completer offers `candidates` for `range`.
    static func edit(_ line: String, _ candidates: [String], _ range: Range<Int>) -> CompletionEdit {
        CompletionEdit(line: line, completion: LineCompletion(candidates: candidates, replacing: range))
    }

    @Test("a sole candidate replaces the word, followed by the terminator")
    func soleCandidate() {
        let edit = Self.edit("set vali", ["validity"], 4..<8)
        #expect(edit == CompletionEdit(replacedRange: 4..<8, replacement: "validity ", listed: []))
        #expect(!edit.beeps)

        let directory = CompletionEdit(
            line: "include Ex",
            completion: LineCompletion(candidates: ["Examples/"], replacing: 8..<10, terminator: "")
        )
        #expect(directory.replacement == "Examples/")
    }

    @Test("several candidates insert a longer common prefix and are listed")
    func longerPrefix() {
        let edit = Self.edit("set va", ["validity", "value"], 4..<6)
        #expect(edit == CompletionEdit(replacedRange: 4..<6, replacement: "val", listed: ["validity", "value"]))
    }

    @Test("several candidates with nothing more in common are only listed")
    func noLongerPrefix() {
        let edit = Self.edit("set val", ["validity", "value"], 4..<7)
        #expect(edit == CompletionEdit(replacedRange: nil, replacement: "", listed: ["validity", "value"]))
        #expect(!edit.beeps)
    }

    @Test("a common prefix shorter than the typed word never shortens the line")
    func shorterPrefix() {
        let edit = Self.edit("valu", ["validity", "value"], 0..<4)
        #expect(edit.replacedRange == nil)
        #expect(edit.listed == ["validity", "value"])
    }

    @Test("a case-insensitive completer may respell the typed word")
    func respelled() {
        let edit = Self.edit("VALI", ["validity", "valid"], 0..<4)
        #expect(edit.replacedRange == 0..<4)
        #expect(edit.replacement == "valid")
    }

    @Test("repeated candidates count once")
    func repeated() {
        let sole = Self.edit("se", ["set", "set"], 0..<2)
        #expect(sole == CompletionEdit(replacedRange: 0..<2, replacement: "set ", listed: []))
        let several = Self.edit("s", ["show", "set", "show", "send"], 0..<1)
        #expect(several.listed == ["show", "set", "send"])
    }

    @Test("no candidates: the line stays and the terminal beeps")
    func noCandidates() {
        let edit = Self.edit("xyz", [], 0..<3)
        #expect(edit.beeps)
        #expect(edit.replacedRange == nil)
        #expect(edit.listed.isEmpty)
    }

    @Test("the range is clamped to the line")
    func clamped() {
        let past = Self.edit("abc", ["x"], 5..<99)
        #expect(past.replacedRange == 3..<3)
        let negative = Self.edit("abc", ["x"], -2..<1)
        #expect(negative.replacedRange == 0..<1)
    }

    @Test("character offsets become Unicode scalar offsets, libedit's unit")
    func scalarOffsets() {
        let decomposed = "e\u{301}x"  // two Characters, three scalars
        #expect(CompletionEdit.scalarOffset(ofCharacterOffset: 0, in: decomposed) == 0)
        #expect(CompletionEdit.scalarOffset(ofCharacterOffset: 1, in: decomposed) == 2)
        #expect(CompletionEdit.scalarOffset(ofCharacterOffset: 2, in: decomposed) == 3)
        #expect(CompletionEdit.scalarOffset(ofCharacterOffset: 1, in: "🇫🇷a") == 2)
        #expect(CompletionEdit.scalarOffset(ofCharacterOffset: 9, in: "ab") == 2)
        #expect(CompletionEdit.scalarOffset(ofCharacterOffset: -1, in: "ab") == 0)
    }
}
