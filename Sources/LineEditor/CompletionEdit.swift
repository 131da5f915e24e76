/// What Tab does to the line, worked out from the completer's answer before the editor applies
/// it. Positions count `Character`s of the line.
struct CompletionEdit: Equatable {
    /// The characters to replace; nil when the line stays as it is.
    var replacedRange: Range<Int>?
    /// The text that replaces `replacedRange`.
    var replacement: String
    /// The candidates to list under the line (several candidates), or none.
    var listed: [String]

    /// No candidates: the line stays as it is and the terminal beeps.
    var beeps: Bool { replacedRange == nil && listed.isEmpty }

    /// - One candidate replaces the range, followed by the completion's terminator.
    /// - Several candidates are listed; their common prefix replaces the range when it is at
    ///   least as long as the text it replaces (so typed text is never shortened).
    /// - None: nothing changes.
    ///
    /// Repeated candidates count once; the completion's range is clamped to the line.
    init(line: String, completion: LineCompletion) {
        let length = line.count
        let lower = min(max(0, completion.replacing.lowerBound), length)
        let upper = min(max(lower, completion.replacing.upperBound), length)
        let range = lower..<upper
        var seen = Set<String>()
        let candidates = completion.candidates.filter { seen.insert($0).inserted }

        switch candidates.count {
        case 0:
            self.init(replacedRange: nil, replacement: "", listed: [])
        case 1:
            self.init(replacedRange: range, replacement: candidates[0] + completion.terminator, listed: [])
        default:
            let prefix = LineCompletion.commonPrefix(of: candidates)
            let current = String(line.dropFirst(lower).prefix(upper - lower))
            let extends = !prefix.isEmpty && prefix.count >= current.count && prefix != current
            self.init(
                replacedRange: extends ? range : nil,
                replacement: extends ? prefix : "",
                listed: candidates
            )
        }
    }

    init(replacedRange: Range<Int>?, replacement: String, listed: [String]) {
        self.replacedRange = replacedRange
        self.replacement = replacement
        self.listed = listed
    }

    /// The offset in Unicode scalars (libedit's unit) of the `Character` offset `offset` in
    /// `line`, clamped to the line.
    static func scalarOffset(ofCharacterOffset offset: Int, in line: String) -> Int {
        let index = line.index(line.startIndex, offsetBy: min(max(0, offset), line.count))
        return line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: index)
    }
}
