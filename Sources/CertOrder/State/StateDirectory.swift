import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where CertOrder keeps what outlives a session, and how it creates it: the journal
/// (`journal.sqlite`), the shell's history (`history`) and the embedded sandbox's orders
/// (`sandbox.json`) all live in one directory, readable by their owner only.
///
/// The one owner of both rules: the shell's paths, the journal's default path and the sandbox's
/// state file ask it, so a relative `XDG_STATE_HOME` or a 0755 folder cannot mean one thing to
/// one of them and another to the next.
package enum StateDirectory {
    /// `$XDG_STATE_HOME/certorder` when `XDG_STATE_HOME` is an absolute path, else
    /// `$HOME/.local/state/certorder` (the account's home when `HOME` is unset or empty).
    ///
    /// The XDG Base Directory specification: "All paths set in these environment variables must
    /// be absolute. If an implementation encounters a relative path in any of these variables it
    /// should consider the path invalid and ignore it." So `XDG_STATE_HOME=state` is ignored,
    /// not taken relative to wherever the command happens to run.
    package static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        (baseDirectory("XDG_STATE_HOME", fallback: ".local/state", environment: environment) as NSString).appendingPathComponent("certorder")
    }

    /// An XDG base directory: `$variable` when it is an absolute path (a relative one is ignored,
    /// as the specification says), else `$HOME/fallback` (the account's home when `HOME` is unset
    /// or empty). The state directory and the config file's folder (`XDG_CONFIG_HOME`,
    /// `.config`) both follow it.
    package static func baseDirectory(_ variable: String, fallback: String, environment: [String: String]) -> String {
        if let xdg = environment[variable], xdg.hasPrefix("/") { return xdg }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(fallback)
    }

    /// `name` inside the state directory.
    package static func file(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        (path(environment: environment) as NSString).appendingPathComponent(name)
    }

    /// Creates `directory` and its missing ancestors with mode 0700 exactly, whatever the umask,
    /// so whichever part of CertOrder comes first (the sandbox, the journal, the history), the
    /// folder is private. Directories that exist are left as they are.
    package static func createDirectory(_ directory: String) throws(POSIXError) {
        var status = stat()
        if stat(directory, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFDIR else { throw POSIXError(.ENOTDIR) }
            return
        }
        guard errno == ENOENT else { throw Self.error(errno) }
        let parent = (directory as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != directory { try createDirectory(parent) }
        if mkdir(directory, 0o700) != 0 {
            guard errno == EEXIST else { throw Self.error(errno) }  // another process made it first
            return
        }
        // mkdir's mode passes through the umask; make it exactly 0700.
        guard chmod(directory, 0o700) == 0 else { throw Self.error(errno) }
    }

    /// Creates an empty file at `path` with mode 0600 exactly, whatever the umask, unless it
    /// exists (then it is left as it is). Answers whether it created it.
    @discardableResult
    package static func createFile(_ path: String) throws(POSIXError) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            guard errno == EEXIST else { throw Self.error(errno) }
            return false
        }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o600) == 0 else { throw Self.error(errno) }
        return true
    }

    /// The files CertOrder keeps in the state directory (the journal with SQLite's companions,
    /// the shell's history, the embedded sandbox's orders).
    package static let knownFiles = ["journal.sqlite", "journal.sqlite-wal", "journal.sqlite-shm", "history", "sandbox.json"]

    /// Tightens what an older CertOrder, a sandbox run first, a copy or a umask left readable by
    /// others: the state directory to 0700 and its ``knownFiles`` to 0600 (only the owner's bits
    /// are kept). Nothing is created. Answers a note per path changed, for the user to read;
    /// throws when a path cannot be tightened (it belongs to someone else), so the caller can
    /// refuse to go on with a state others can read.
    package static func tighten(environment: [String: String] = ProcessInfo.processInfo.environment) throws(StateDirectoryError) -> [String] {
        let directory = path(environment: environment)
        var notes: [String] = []
        try tighten(directory, to: 0o700, isDirectory: true, notes: &notes)
        for name in knownFiles {
            try tighten((directory as NSString).appendingPathComponent(name), to: 0o600, isDirectory: false, notes: &notes)
        }
        return notes
    }

    private static func tighten(_ path: String, to mode: mode_t, isDirectory: Bool, notes: inout [String]) throws(StateDirectoryError) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }  // missing: nothing to tighten
        let kind = status.st_mode & S_IFMT
        guard kind == (isDirectory ? S_IFDIR : S_IFREG) else { return }  // a link or other: not CertOrder's to change
        let current = status.st_mode & 0o777
        guard current & 0o077 != 0 else { return }
        guard chmod(path, mode) == 0 else {
            throw StateDirectoryError(path: path, mode: Int(current),
                                      reason: String(cString: strerror(errno)))
        }
        notes.append("\(path) was readable by others (mode \(String(current, radix: 8))); it is now \(String(mode, radix: 8))")
    }

    /// Replaces `path` with `data` in one step: a temporary file beside it, created with mode
    /// 0600, written, synced and renamed over `path` (the folder is created first, 0700). A
    /// reader sees the old contents or the new, never a part, and never a moment of 0644.
    package static func writePrivately(_ data: Data, to path: String) throws(POSIXError) {
        let directory = (path as NSString).deletingLastPathComponent
        try createDirectory(directory.isEmpty ? "." : directory)
        let name = (path as NSString).lastPathComponent
        let temporary = ((directory.isEmpty ? "." : directory) as NSString)
            .appendingPathComponent(".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Self.error(errno) }
        var failure: Int32 = 0
        if fchmod(descriptor, 0o600) != 0 { failure = errno }
        data.withUnsafeBytes { buffer in
            var offset = 0
            while failure == 0 && offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno != EINTR { failure = errno }
                } else {
                    offset += written
                }
            }
        }
        if failure == 0 && fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw Self.error(failure)
        }
    }

    private static func error(_ code: Int32) -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
    }
}

/// A state path others can read that could not be made private.
package struct StateDirectoryError: Error, CustomStringConvertible, Sendable {
    package var path: String
    package var mode: Int
    package var reason: String

    package var description: String {
        "\(path) is readable by others (mode \(String(mode, radix: 8))) and cannot be made private (\(reason)); "
            + "chmod it to 700 (a folder) or 600 (a file), or move it away"
    }
}
