/// What ``ScriptCompleter`` offers: the candidates for the word before the cursor, the
/// characters they replace, and what follows a sole candidate. The shell turns it into the line
/// editor's completion, the language server into completion items.
package struct ScriptCompletion: Equatable, Sendable {
    /// The texts that may replace `replacing`, in the order to list them.
    package var candidates: [String]
    /// The characters (counted as `Character`s of the completed text) the candidates replace.
    package var replacing: Range<Int>
    /// Inserted after a sole candidate: a space, or nothing after a directory name.
    package var terminator: String

    package init(candidates: [String], replacing: Range<Int>, terminator: String = " ") {
        self.candidates = candidates
        self.replacing = replacing
        self.terminator = terminator
    }

    /// Nothing to offer.
    package static let none = ScriptCompletion(candidates: [], replacing: 0..<0)
}
