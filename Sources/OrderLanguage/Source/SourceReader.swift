import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads scripts and the files they name (`include`, `@file`, `csv`) with bounds: a streaming
/// read that stops at ``maximumBytes``, only regular files by path (a FIFO would block, a device
/// such as `/dev/zero` never ends), and a ``SourceError`` for every failure instead of a trap,
/// so that stdin being a directory, closed, or an endless stream ends in a message and an exit
/// status.
package enum SourceReader {
    /// The most bytes one script, CSV file or `@file` may have: 16 MiB. Far above any real
    /// script or batch (a 100,000-row CSV of a few columns is a few MB), and it bounds the memory
    /// a stray `< /dev/zero` can take.
    package static let maximumBytes = 16 * 1024 * 1024

    /// What diagnostics call standard input.
    package static let standardInputName = "<stdin>"

    /// Reads a whole file.
    /// - Parameters:
    ///   - shown: the path as the user wrote it, for the messages.
    ///   - regularOnly: refuse anything but a regular file (what a script names: `include`,
    ///     `@file`, `csv`). `false` for a script named on the command line, which may be a pipe
    ///     (`certorder compile <(generate)`, `/dev/stdin`), read streaming up to the bound.
    /// - Throws: ``SourceError`` when it does not exist, is a directory (or, with `regularOnly`,
    ///   not a regular file), cannot be read, or is larger than ``maximumBytes``.
    package static func readFile(atPath path: String, shownAs shown: String? = nil, regularOnly: Bool = true) throws(SourceError) -> [UInt8] {
        let shown = shown ?? path
        // O_NONBLOCK: opening a FIFO must not wait for a writer; the type is checked first.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason: String
            switch errno {
            case ENOENT, ENOTDIR: reason = "no such file"
            case EACCES, EPERM: reason = "permission denied"
            case EISDIR: reason = "it is a directory"
            default: reason = String(cString: strerror(errno))
            }
            throw SourceError(path: shown, message: "cannot read '\(shown)': \(reason)")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            close(descriptor)
            throw SourceError(path: shown, message: "cannot read '\(shown)': \(String(cString: strerror(errno)))")
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR:
            close(descriptor)
            throw SourceError(path: shown, message: "cannot read '\(shown)': it is a directory")
        default:
            close(descriptor)
            guard !regularOnly else { throw SourceError(path: shown, message: "cannot read '\(shown)': it is not a regular file") }
            // A pipe named on the command line: opened again, blocking, to wait for its writer.
            let stream = open(path, O_RDONLY | O_CLOEXEC)
            guard stream >= 0 else {
                throw SourceError(path: shown, message: "cannot read '\(shown)': \(String(cString: strerror(errno)))")
            }
            defer { close(stream) }
            return try read(descriptor: stream, shownAs: shown)
        }
        defer { close(descriptor) }
        if Int(status.st_size) > maximumBytes {
            throw tooLarge(shown)
        }
        // Reads wait for data from here on (a regular file never makes them wait; O_NONBLOCK is not needed).
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return try read(descriptor: descriptor, shownAs: shown)
    }

    /// Reads standard input to its end, streaming, at most ``maximumBytes``.
    /// - Throws: ``SourceError`` when stdin is a directory, closed, unreadable or too large.
    package static func readStandardInput() throws(SourceError) -> [UInt8] {
        try checkStandardInput()
        return try read(descriptor: STDIN_FILENO, shownAs: standardInputName)
    }

    /// A ``Source`` of standard input, whose relative paths resolve against the current directory.
    package static func standardInputSource() throws(SourceError) -> Source {
        let bytes = try readStandardInput()
        return Source(name: standardInputName, text: String(decoding: bytes, as: UTF8.self),
                      url: URL(fileURLWithPath: FileManager.default.currentDirectoryPath + "/-"))
    }

    /// Whether standard input can be read at all: not closed, not a directory. The shell checks
    /// this before it reads a piped session line by line (a directory would read as empty).
    package static func checkStandardInput() throws(SourceError) {
        var status = stat()
        // A closed stdin is often not EBADF by the time we look: the async runtime's first
        // descriptor (an epoll or eventfd, an "anonymous inode" with no file type) takes the
        // lowest free number, 0. No program hands its child such a descriptor as stdin.
        guard fstat(STDIN_FILENO, &status) == 0, status.st_mode & S_IFMT != 0 else {
            throw SourceError(path: standardInputName, message: "cannot read standard input: it is closed")
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            throw SourceError(path: standardInputName, message: "cannot read standard input: it is a directory")
        }
    }

    /// Reads `descriptor` to its end in 64 KiB chunks, refusing more than ``maximumBytes``.
    static func read(descriptor: Int32, shownAs shown: String) throws(SourceError) -> [UInt8] {
        var bytes: [UInt8] = []
        let chunk = 64 * 1024
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let count = systemRead(descriptor, buffer.baseAddress!, chunk)
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN {
                    // A non-blocking stdin (left so by another program): wait until it has data.
                    var wanted = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                    _ = poll(&wanted, 1, -1)
                    continue
                }
                let what = shown == standardInputName ? "standard input" : "'\(shown)'"
                let reason: String
                switch errno {
                case EISDIR: reason = "it is a directory"
                case EBADF: reason = "it is closed"
                default: reason = String(cString: strerror(errno))
                }
                throw SourceError(path: shown, message: "cannot read \(what): \(reason)")
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            if bytes.count > maximumBytes { throw tooLarge(shown) }
        }
    }

    private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
        #else
        Darwin.read(descriptor, buffer, count)
        #endif
    }

    private static func tooLarge(_ shown: String) -> SourceError {
        let what = shown == standardInputName ? "standard input" : "'\(shown)'"
        return SourceError(path: shown, message: "cannot read \(what): it is larger than 16 MiB, the most a script or data file may have",
                           isTooLarge: true)
    }
}
