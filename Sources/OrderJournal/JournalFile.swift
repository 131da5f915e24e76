import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates the journal's file and the directories above it, readable by their owner only.
///
/// Directories this creates get mode 0700 and a new journal file gets 0600 (SQLite gives its
/// `-wal` and `-shm` files the same mode as the database). Existing directories and files are
/// left as they are.
enum JournalFile {
    /// Makes sure `path` exists as a file, creating missing parent directories first.
    static func prepare(path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try createDirectory(directory)
        try createFile(path)
    }

    /// Creates `path` and its missing ancestors with mode 0700.
    static func createDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw JournalError.cannotCreateDirectory(path: path, errno: ENOTDIR)
            }
            return
        }
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if parent != path {
            try createDirectory(parent)
        }
        if mkdir(path, 0o700) == 0 {
            // mkdir's mode passes through the umask; make it exactly 0700.
            chmod(path, 0o700)
        } else if errno != EEXIST {  // EEXIST: another process made it first
            throw JournalError.cannotCreateDirectory(path: path, errno: errno)
        }
    }

    /// Creates an empty file with mode 0600 unless it exists (SQLite takes an empty file as an
    /// empty database).
    static func createFile(_ path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            fchmod(descriptor, 0o600)
            close(descriptor)
        } else if errno != EEXIST {
            throw JournalError.cannotCreateFile(path: path, errno: errno)
        }
    }

    /// Which file a path leads to: its device and inode.
    struct Identity: Equatable, Sendable {
        var device: UInt64
        var inode: UInt64
    }

    /// The identity of the file at `path` (following symbolic links), or nil when there is none.
    static func identity(of path: String) -> Identity? {
        guard !path.isEmpty, path != ":memory:" else { return nil }
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// The system's text for an errno value.
    static func describe(errno code: Int32) -> String {
        String(cString: strerror(code))
    }
}
