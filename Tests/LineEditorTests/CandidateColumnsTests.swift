import Testing
@testable import LineEditor

@Suite("Completion candidates in columns")
struct CandidateColumnsTests {
    @Test("candidates that fit go on one line, two spaces apart, padded to the widest")
    func oneLine() {
        #expect(CandidateColumns.lines(for: ["validity", "value"], width: 80) == ["validity  value"])
        #expect(CandidateColumns.lines(for: ["a", "bbb", "cc"], width: 80) == ["a    bbb  cc"])
    }

    @Test("columns fill top to bottom, then left to right, with no trailing spaces")
    func columnMajor() {
        let lines = CandidateColumns.lines(for: ["alpha", "beta", "gamma", "delta", "epsilon"], width: 20)
        #expect(lines == [
            "alpha    delta",
            "beta     epsilon",
            "gamma",
        ])
    }

    @Test("a column exactly fills the width")
    func exactFit() {
        // Two columns of 4 with a gap of 2: 10 columns.
        #expect(CandidateColumns.lines(for: ["aaaa", "bbbb", "cccc"], width: 10) == ["aaaa  cccc", "bbbb"])
        #expect(CandidateColumns.lines(for: ["aaaa", "bbbb", "cccc"], width: 9) == ["aaaa", "bbbb", "cccc"])
    }

    @Test("one per line when even two do not fit, however long")
    func narrow() {
        #expect(CandidateColumns.lines(for: ["organization", "order"], width: 5) == ["organization", "order"])
        #expect(CandidateColumns.lines(for: ["x"], width: 0) == ["x"])
    }

    @Test("nothing to list")
    func empty() {
        #expect(CandidateColumns.lines(for: [], width: 80).isEmpty)
    }

    @Test("every line fits the width and every candidate appears once", arguments: [20, 33, 80, 132])
    func fits(width: Int) {
        let candidates = (1...37).map { "candidate-" + String(repeating: "x", count: $0 % 7) + "\($0)" }
        let lines = CandidateColumns.lines(for: candidates, width: width)
        #expect(lines.allSatisfy { $0.count <= width })
        let listed = lines.flatMap { $0.split(separator: " ").map(String.init) }
        #expect(listed.sorted() == candidates.sorted())
    }
}
