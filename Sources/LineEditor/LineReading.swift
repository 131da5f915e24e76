/// Something that reads lines from the user and keeps their history: the line editor on a
/// terminal, or a plain reader for piped input (see ``LineEditor/makeReader(programName:historyLimit:)``).
package protocol LineReading: AnyObject {
    /// The result of ``readLine(prompt:)``.
    typealias ReadResult = LineEditorReadResult

    /// Shows `prompt` (where the reader shows prompts) and reads one line.
    ///
    /// Blocks the calling thread until the line is complete: call it outside the cooperative
    /// thread pool's hot path.
    func readLine(prompt: String) -> ReadResult

    /// Adds an entry to the history. A multi-line entry (containing `"\n"`) stays one entry.
    /// An entry equal to the most recent one is not added again; empty entries are ignored.
    func addHistory(_ entry: String)

    /// The history, oldest entry first.
    var historyEntries: [String] { get }

    /// Adds the entries of the history file at `path` (libedit's format) after the current ones.
    /// A missing file is not an error: it adds nothing and returns 0.
    @discardableResult
    func loadHistory(path: String) throws -> Int

    /// Writes the whole history to `path` (libedit's format), creating the file with mode 0600
    /// and missing directories with mode 0700.
    func saveHistory(path: String) throws
}
