import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// JSON-RPC over a pair of file descriptors (stdin and stdout for `certorder lsp`): a thread
/// reads and unframes the input and feeds the bodies to an `AsyncStream`; writes are framed
/// and serialised by a lock so a notification never interleaves with a response.
///
/// A thread, not an async read: a blocking `read(2)` on a pipe must not hold one of the
/// cooperative pool's few threads (two on the CI machine).
package final class StdioTransport: Sendable {
    private let input: Int32
    private let output: Int32
    private let writeLock = NSLock()

    package init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
        self.input = input
        self.output = output
    }

    /// The message bodies read, in order; the stream ends at end of input or at a framing error
    /// (after which nothing more can be read in step).
    package func messages() -> AsyncStream<Data> {
        let (stream, continuation) = AsyncStream.makeStream(of: Data.self, bufferingPolicy: .unbounded)
        let input = self.input
        let thread = Thread {
            var framer = MessageFramer()
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            reading: while true {
                let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress!, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                do throws(MessageFramer.FramingError) {
                    for body in try framer.feed(chunk[..<count]) { continuation.yield(body) }
                } catch {
                    FileHandle.standardError.write(Data("certorder lsp: \(error.message); stopping\n".utf8))
                    break reading
                }
            }
            continuation.finish()
        }
        thread.name = "certorder-lsp-reader"
        thread.start()
        return stream
    }

    /// Writes one message body, framed.
    package func send(_ body: Data) {
        let framed = MessageFramer.frame(body)
        writeLock.lock()
        defer { writeLock.unlock() }
        framed.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(output, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // the client is gone; the read side ends the server
                }
                offset += written
            }
        }
    }
}
