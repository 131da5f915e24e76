#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from a file descriptor (standard input by default) without any terminal
/// handling: for input that is piped or redirected, or output that is not a terminal.
///
/// It shows no prompt and writes nothing. Lines end at `"\n"`; a `"\r"` just before it is
/// dropped too, and a last line without a newline is still a line. Bytes that are not valid
/// UTF-8 read as U+FFFD. The history is kept in memory like the editor's, so a session can
/// record what it ran; whether it is saved is the caller's choice.
package final class PlainLineReader: LineHistoryReading {
    /// The history kept for ``addHistory(_:)``.
    package let history: LineHistory

    private let fileDescriptor: Int32
    /// Bytes read and not yet returned start at `start`.
    private var buffer: [UInt8] = []
    private var start = 0
    private var reachedEnd = false
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)

    /// A reader of `fileDescriptor`, which it does not close.
    package init(fileDescriptor: Int32 = STDIN_FILENO, history: LineHistory = LineHistory()) {
        self.fileDescriptor = fileDescriptor
        self.history = history
    }

    /// Reads the next line; `prompt` is not shown.
    package func readLine(prompt: String) -> LineEditorReadResult {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = decode(buffer[start..<newline])
                start = newline + 1
                return .line(line)
            }
            if reachedEnd {
                guard start < buffer.count else { return .endOfInput }
                let line = decode(buffer[start...])
                start = buffer.count
                return .line(line)
            }
            readMore()
        }
    }

    // MARK: - Private

    /// Appends the next chunk of input to the buffer, or notes the end of the input (an error
    /// other than EINTR counts as the end).
    private func readMore() {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.append(contentsOf: chunk[..<count])
                return
            }
            if count < 0 && errno == EINTR { continue }
            reachedEnd = true
            return
        }
    }

    private func decode(_ bytes: ArraySlice<UInt8>) -> String {
        let line = bytes.last == UInt8(ascii: "\r") ? bytes.dropLast() : bytes
        return String(decoding: line, as: UTF8.self)
    }
}
