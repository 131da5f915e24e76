/// A ``LineReading`` whose history is a ``LineHistory``: the line editor and the plain reader
/// both keep theirs in one, so the history half of ``LineReading`` is written once, here.
package protocol LineHistoryReading: LineReading {
    /// The history the reader adds entries to, loads and saves.
    var history: LineHistory { get }
}

extension LineHistoryReading {
    package func addHistory(_ entry: String) {
        history.add(entry)
    }

    package var historyEntries: [String] {
        history.entries
    }

    @discardableResult
    package func loadHistory(path: String) throws -> Int {
        try history.load(path: path)
    }

    package func saveHistory(path: String) throws {
        try history.save(path: path)
    }
}
