#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LineEditor {
    /// The reader for this process: a ``LineEditor`` when both standard input and standard
    /// output are terminals, a ``PlainLineReader`` of standard input otherwise (piped input, or
    /// output redirected to a file, where an editor would print escape codes or stop editing).
    ///
    /// - Parameters:
    ///   - programName: the program's name, for libedit.
    ///   - historyLimit: how many history entries to keep.
    package static func makeReader(
        programName: String = "certorder",
        historyLimit: Int = LineHistory.defaultMaximumCount
    ) -> any LineReading {
        let history = LineHistory(maximumCount: historyLimit)
        if usesEditor(inputIsTerminal: isatty(STDIN_FILENO) == 1, outputIsTerminal: isatty(STDOUT_FILENO) == 1),
           let editor = LineEditor(programName: programName, history: history) {
            return editor
        }
        return PlainLineReader(history: history)
    }

    /// Whether ``makeReader(programName:historyLimit:)`` picks the editor.
    static func usesEditor(inputIsTerminal: Bool, outputIsTerminal: Bool) -> Bool {
        inputIsTerminal && outputIsTerminal
    }
}
