import Foundation

/// A ``LineReading`` read from the ``TerminalThread``: the lines the user types (or the lines
/// piped in) as an `AsyncStream`, each read with the prompt of that moment.
package final class LineFeed: @unchecked Sendable {
    package let reader: any LineReading
    package let terminal: TerminalThread

    package init(reader: any LineReading, terminal: TerminalThread) {
        self.reader = reader
        self.terminal = terminal
    }

    private let lock = NSLock()
    private var stopped = false
    private var waiting: Waiting?

    /// Reads one line with `prompt` on the terminal thread; ``LineEditorReadResult/endOfInput``
    /// once ``stop()`` was called.
    package func readLine(prompt: String) async -> LineEditorReadResult {
        await withCheckedContinuation { continuation in
            let read = Waiting(continuation)
            let stoppedAlready = lock.withLock {
                if stopped { return true }
                waiting = read
                return false
            }
            if stoppedAlready { return read.resume(.endOfInput) }
            terminal.enqueue { [reader] in read.resume(reader.readLine(prompt: prompt)) }
        }
    }

    /// Ends the input now: the read under way answers ``LineEditorReadResult/endOfInput`` at
    /// once (its blocking read is left to finish unheard), and so does every later one. For a
    /// session that must end (SIGTERM, SIGHUP) while it waits for the user.
    package func stop() {
        let read = lock.withLock {
            stopped = true
            defer { waiting = nil }
            return waiting
        }
        read?.resume(.endOfInput)
    }

    /// A read's continuation, resumed once: by the read or by ``stop()``, whichever comes first.
    private final class Waiting: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<LineEditorReadResult, Never>?
        init(_ continuation: CheckedContinuation<LineEditorReadResult, Never>) { self.continuation = continuation }

        func resume(_ result: LineEditorReadResult) {
            let waiting = lock.withLock {
                defer { continuation = nil }
                return continuation
            }
            waiting?.resume(returning: result)
        }
    }

    /// The reads, one after the other: each asks `prompt` for its prompt when the consumer asks
    /// for the next line (after it has handled the one before). The stream ends after
    /// ``LineEditorReadResult/endOfInput``.
    package func lines(prompt: @escaping () -> String) -> AsyncStream<LineEditorReadResult> {
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
