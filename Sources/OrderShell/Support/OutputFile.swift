import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file of a shell command's `> FILE` or `>> FILE` (``OutputRedirection``).
///
/// What these commands print is an order's payload, a snippet or a listing of orders, and so
/// names, e-mail addresses and telephone numbers of real people: the file is written `0600`
/// (owner only) whatever umask says, and a file replaced by `>` becomes `0600` too. `>` writes
/// the whole output at once or nothing ( ``AtomicFile``: a temporary file renamed over the
/// name), so a failed command leaves the file as it was, never half-written or empty (unlike a
/// POSIX shell, which truncates it before the command runs). `>>` adds the output to the end in
/// one `write(2)` with `O_APPEND`, creating the file (`0600`) when missing.
///
/// Either refuses a name that is a symbolic link (a link planted in a shared folder must not
/// steer the output somewhere else), something other than a regular file, or a file another
/// user owns (replacing it would take it from them).
package enum OutputFile {
    /// Checks that `path` may be written, before the command runs (a refusal then costs nothing).
    package static func check(_ path: String) throws(ShellError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }  // missing: it will be created
        try check(info, path)
    }

    /// Writes `text` to `path`: replacing it, or at its end when `appends`.
    package static func write(_ text: String, to path: String, appends: Bool) throws(ShellError) {
        try check(path)
        let data = Data(text.utf8)
        guard appends else {
            try AtomicFile.write(data, to: path, mode: 0o600, replace: true)
            return
        }
        // O_NOFOLLOW: a link made since the check is refused, not followed.
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == ELOOP { throw symbolicLink(path) }
            throw AtomicFile.failure(path, String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw AtomicFile.failure(path, String(cString: strerror(errno))) }
        try check(info, path)
        let ok = AtomicFile.writeAll(data, to: fd)
        guard ok, fsync(fd) == 0 else { throw AtomicFile.failure(path, String(cString: strerror(errno))) }
    }

    private static func check(_ info: stat, _ path: String) throws(ShellError) {
        switch info.st_mode & S_IFMT {
        case S_IFLNK: throw symbolicLink(path)
        case S_IFREG: break
        case S_IFDIR: throw ShellError("\(path) is a folder; give a file name", status: .usage)
        default: throw ShellError("\(path) is not a regular file; certorder writes only files", status: .usage)
        }
        guard info.st_uid == geteuid() else {
            throw ShellError("\(path) belongs to another user; certorder does not replace or add to it", status: .usage)
        }
    }

    private static func symbolicLink(_ path: String) -> ShellError {
        ShellError("\(path) is a symbolic link; certorder does not write through one: name the file itself", status: .usage)
    }
}

