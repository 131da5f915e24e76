import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a file whole or not at all: the bytes go to a temporary file beside the target, are
/// flushed, given their mode, and then take the target's name in one step, so a reader never
/// sees half a certificate and an interrupted write leaves nothing behind.
package enum AtomicFile {
    /// Writes `data` to `path` with permission bits `mode`. Without `replace`, an existing file
    /// is left alone and an error says so; the new name is taken with `link(2)`, which fails if
    /// the name exists, so a file made meanwhile is not overwritten either.
    package static func write(_ data: Data, to path: String, mode: mode_t = 0o644, replace: Bool) throws(ShellError) {
        if !replace, exists(path) { throw refusal(path) }
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var template = Array(((directory.isEmpty ? "." : directory) + "/.\(name).certorder-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw failure(path, "cannot create a file in \(directory.isEmpty ? "." : directory)") }
        let temporary = String(cString: template)
        let ok = writeAll(data, to: fd)
        // mkstemp makes the file 0600; a certificate is public: 0644 unless asked otherwise.
        guard ok, fchmod(fd, mode) == 0, fsync(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            unlink(temporary)
            throw failure(path, reason)
        }
        close(fd)
        if replace {
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw failure(path, reason)
            }
        } else {
            let linked = link(temporary, path)
            let code = errno
            unlink(temporary)
            guard linked == 0 else {
                if code == EEXIST { throw refusal(path) }
                throw failure(path, String(cString: strerror(code)))
            }
        }
    }

    /// Whether something (a file, a link, even a dangling one) has the name `path`.
    package static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Writes every byte of `data` to `fd`, again after an interrupted `write(2)`; false (with
    /// `errno` set) when a write fails.
    static func writeAll(_ data: Data, to fd: Int32) -> Bool {
        var written = 0
        return data.withUnsafeBytes { buffer -> Bool in
            while written < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += n
            }
            return true
        }
    }

    static func refusal(_ path: String) -> ShellError {
        ShellError("\(path) exists; add --force to replace it", status: .usage)
    }

    static func failure(_ path: String, _ reason: String) -> ShellError {
        ShellError("cannot write \(path): \(reason)", status: .software)
    }
}

/// `write(2)`, named apart from the standard library's `write`.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}
