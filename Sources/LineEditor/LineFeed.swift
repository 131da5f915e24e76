/// A ``LineReading`` read from the ``TerminalThread``: the lines the user types (or the lines
/// piped in) as an `AsyncStream`, each read with the prompt of that moment.
public final class LineFeed: @unchecked Sendable {
    public let reader: any LineReading
    public let terminal: TerminalThread

    public init(reader: any LineReading, terminal: TerminalThread) {
        self.reader = reader
        self.terminal = terminal
    }

    /// Reads one line with `prompt` on the terminal thread.
    public func readLine(prompt: String) async -> LineEditorReadResult {
        await terminal.run { [reader] in reader.readLine(prompt: prompt) }
    }

    /// The reads, one after the other: each asks `prompt` for its prompt when the consumer asks
    /// for the next line (after it has handled the one before). The stream ends after
    /// ``LineEditorReadResult/endOfInput``.
    public func lines(prompt: @escaping () -> String) -> AsyncStream<LineEditorReadResult> {
        let state = StreamState(prompt: prompt)
        return AsyncStream(unfolding: { [self] in
            if state.ended { return nil }
            let result = await readLine(prompt: state.prompt())
            if result == .endOfInput { state.ended = true }
            return result
        })
    }

    /// The prompt closure and whether the input ended: used by the stream's reads, which the
    /// consumer's task makes one at a time.
    private final class StreamState: @unchecked Sendable {
        let prompt: () -> String
        var ended = false
        init(prompt: @escaping () -> String) { self.prompt = prompt }
    }
}
