import Foundation

/// The base protocol's framing: each message is `Content-Length: N\r\n` (other headers allowed
/// and ignored), an empty line, then N bytes of JSON. Bytes are fed as they arrive, in chunks of
/// any size; complete bodies come out. Pure, so the transport's hardest part is tested without
/// pipes.
package struct MessageFramer: Sendable {
    /// A frame the peer got wrong: no `Content-Length`, or one that is not a number or too large.
    package struct FramingError: Error, Equatable, Sendable {
        package var message: String
    }

    /// The largest body accepted: an editor sends whole documents, and a script is at most
    /// 16 MiB (``SourceReader/maximumBytes``); JSON escaping may double it.
    package static let maximumBody = 64 * 1024 * 1024

    private var buffer: [UInt8] = []

    package init() {}

    /// Appends bytes and returns the bodies now complete, in order.
    package mutating func feed(_ bytes: some Sequence<UInt8>) throws(FramingError) -> [Data] {
        buffer.append(contentsOf: bytes)
        var bodies: [Data] = []
        while let body = try next() { bodies.append(body) }
        return bodies
    }

    /// One complete body from the front of the buffer, if there is one.
    private mutating func next() throws(FramingError) -> Data? {
        guard let headerEnd = Self.find([13, 10, 13, 10], in: buffer) else {
            if buffer.count > 64 * 1024 { throw FramingError(message: "a header of more than 64 KiB") }
            return nil
        }
        let header = String(decoding: buffer[..<headerEnd], as: UTF8.self)
        var length: Int?
        for line in header.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-length" else { continue }
            guard let n = Int(parts[1].trimmingCharacters(in: .whitespaces)), n >= 0 else {
                throw FramingError(message: "Content-Length is not a number: '\(parts[1])'")
            }
            length = n
        }
        guard let length else { throw FramingError(message: "a message without Content-Length") }
        guard length <= Self.maximumBody else { throw FramingError(message: "a message of \(length) bytes, more than the \(Self.maximumBody) accepted") }
        let bodyStart = headerEnd + 4
        guard buffer.count - bodyStart >= length else { return nil }
        let body = Data(buffer[bodyStart..<(bodyStart + length)])
        buffer.removeFirst(bodyStart + length)
        return body
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
        }
        return nil
    }

    /// A body framed for sending.
    package static func frame(_ body: Data) -> Data {
        Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}
