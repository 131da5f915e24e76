import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hostile HTTP server on 127.0.0.1: it reads a request, answers `200 OK` with its headers
/// (a `Content-Length` of `length`) at once, then sends the body one space every `interval`:
/// an answer that keeps arriving, far too slowly. A client whose timeout covers only the wait
/// for the headers, or each read, never gives up on it. Each connection is served on a thread
/// of its own; ``requests`` counts the requests read.
public final class DribblingServer: @unchecked Sendable {
    public let port: Int
    public let interval: Duration
    public let length: Int
    private let listener: Int32
    private let lock = NSLock()
    private var stopped = false

    /// The requests read so far (each one's first line: `GET /services/v2/account/metadata HTTP/1.1`).
    public var requests: [String] { lock.withLock { lines } }
    private var lines: [String] = []

    public init(interval: Duration = .milliseconds(500), length: Int = 100_000) throws {
        self.interval = interval
        self.length = length
        let opened: LoopbackListener
        do { opened = try LoopbackListener.open(backlog: 16, reuseAddress: true) } catch { throw DribblingFailure(error.description) }
        self.listener = opened.descriptor
        port = opened.port
        Thread { [self] in acceptLoop() }.start()
    }

    /// `http://127.0.0.1:PORT/services/v2`.
    public var baseURL: String { "http://127.0.0.1:\(port)/services/v2" }

    /// Stops accepting and serving. Each descriptor is closed only by the thread that owns it
    /// (the listener by the accepting thread, a connection by its serving thread, at its next
    /// byte), so no descriptor number is touched after it may have been reused elsewhere.
    public func stop() {
        let first: Bool = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        // Wakes the accepting thread, which then closes the listener.
        if first { shutdown(listener, Int32(SHUT_RDWR)) }
    }

    deinit { stop() }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func acceptLoop() {
        defer { close(listener) }
        while !isStopped {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                if errno == EINTR { continue }
                return
            }
            _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
            Thread { [self] in serve(connection) }.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        // The request: up to the blank line after the headers, then the body its length gives.
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !received.containsHeaderEnd {
            let count = chunk.withUnsafeMutableBytes { read(connection, $0.baseAddress, $0.count) }
            if count <= 0 { return }
            received += chunk[..<count]
        }
        let head = String(decoding: received, as: UTF8.self)
        lock.withLock { lines.append(head.components(separatedBy: "\r\n").first ?? "") }
        let headers = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(length)\r\n\r\n"
        guard send(connection, Array(headers.utf8)) else { return }
        // The server's behaviour, not a wait of the test: the dribble's pace.
        let pause = UInt32(interval.components.seconds * 1_000_000 + interval.components.attoseconds / 1_000_000_000_000)
        for _ in 0..<length {
            if isStopped { return }
            guard send(connection, [UInt8(ascii: " ")]) else { return }
            usleep(pause)
        }
    }

    private func send(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { Glibc.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }
}

/// A failure to start a ``DribblingServer``.
public struct DribblingFailure: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

private extension Array where Element == UInt8 {
    var containsHeaderEnd: Bool {
        guard count >= 4 else { return false }
        for index in 0...(count - 4) where self[index] == 13 && self[index + 1] == 10 && self[index + 2] == 13 && self[index + 3] == 10 {
            return true
        }
        return false
    }
}
