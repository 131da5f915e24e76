/// What a completer offers for the line being edited (``LineEditor/completer``).
///
/// Positions count `Character`s of the line, as `cursor` does in the completer's arguments.
package struct LineCompletion: Equatable, Sendable {
    /// The texts that may replace `replacing`, in the order to list them.
    package var candidates: [String]

    /// The part of the line the candidates replace: usually the word that ends at the cursor.
    package var replacing: Range<Int>

    /// Inserted after a candidate when it is the only one (a space by default, so that the next
    /// word can be typed at once; empty for, say, a directory name).
    package var terminator: String

    /// Offers `candidates` for the characters in `replacing`.
    package init(candidates: [String], replacing: Range<Int>, terminator: String = " ") {
        self.candidates = candidates
        self.replacing = replacing
        self.terminator = terminator
    }

    /// Nothing to offer: Tab beeps.
    package static let none = LineCompletion(candidates: [], replacing: 0..<0)

    /// The longest text every candidate starts with.
    package var commonPrefix: String {
        Self.commonPrefix(of: candidates)
    }

    /// The longest text all of `strings` start with, compared `Character` by `Character`
    /// (canonically equivalent characters are equal); "" for no strings.
    package static func commonPrefix(of strings: [String]) -> String {
        guard let first = strings.first else { return "" }
        var prefix = first[...]
        for string in strings.dropFirst() {
            var end = prefix.startIndex
            var other = string.startIndex
            while end < prefix.endIndex, other < string.endIndex, prefix[end] == string[other] {
                prefix.formIndex(after: &end)
                string.formIndex(after: &other)
            }
            prefix = prefix[..<end]
            if prefix.isEmpty { break }
        }
        return String(prefix)
    }
}
