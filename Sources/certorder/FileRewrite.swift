import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rewrites a file's contents as `fmt --write` needs (issue 13, finding 10: a plain atomic
/// write replaced a symlink with a regular file, turned a 0600 file into 0644 and broke hard
/// links):
///
/// - a symbolic link is followed: the file it leads to is rewritten, the link stays;
/// - the new contents are first written whole to a temporary file beside the target, with the
///   target's mode (and owner, when allowed);
/// - a file with one link is then replaced by `rename` (atomic: a reader sees the old or the new
///   text, and a crash leaves one of them);
/// - a file with several hard links is written in place from that copy (every link sees the new
///   text), and the copy is removed only once the write succeeded.
enum FileRewrite {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func replaceContents(of path: String, with data: Data) throws {
        guard let resolved = realpath(path, nil) else { throw failure("cannot resolve", path) }
        let target = String(cString: resolved)
        free(resolved)
        var info = stat()
        guard stat(target, &info) == 0 else { throw failure("cannot read", target) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw Failure(description: "\(path) is not a regular file") }

        let directory = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        var template = Array("\(directory)/.\(name).fmt-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw failure("cannot create a temporary file beside", target) }
        let temporary = String(cString: template)
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        do {
            defer { close(descriptor) }
            try writeAll(descriptor, data, path: temporary)
            // The target's permissions and, where this user may set it, its owner.
            fchmod(descriptor, info.st_mode & 0o7777)
            _ = fchown(descriptor, info.st_uid, info.st_gid)
            guard fsync(descriptor) == 0 else { throw failure("cannot write", temporary) }
        }
        if info.st_nlink <= 1 {
            guard rename(temporary, target) == 0 else { throw failure("cannot replace", target) }
            renamed = true
            return
        }
        // Hard links: every name must see the new text, so the file itself is rewritten.
        let output = open(target, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard output >= 0 else { throw failure("cannot write", target) }
        defer { close(output) }
        try writeAll(output, data, path: target)
        guard fsync(output) == 0 else { throw failure("cannot write", target) }
    }

    private static func writeAll(_ descriptor: Int32, _ data: Data, path: String) throws {
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure("cannot write", path)
                }
                offset += written
            }
        }
    }

    private static func failure(_ what: String, _ path: String) -> Failure {
        Failure(description: "\(what) \(path): \(String(cString: strerror(errno)))")
    }
}
