/// A ``LineReading`` whose history is a ``LineHistory``: the line editor and the plain reader
/// both keep theirs in one, so the history half of ``LineReading`` is written once, here.
public protocol LineHistoryReading: LineReading {
    /// The history the reader adds entries to, loads and saves.
    var history: LineHistory { get }
}

extension LineHistoryReading {
    public func addHistory(_ entry: String) {
        history.add(entry)
    }

    public var historyEntries: [String] {
        history.entries
    }

    @discardableResult
    public func loadHistory(path: String) throws -> Int {
        try history.load(path: path)
    }

    public func saveHistory(path: String) throws {
        try history.save(path: path)
    }
}
