import CertOrder
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

    /// Creates `path` and its missing ancestors with mode 0700 (``StateDirectory`` owns the rule).
    static func createDirectory(_ path: String) throws {
        do { try StateDirectory.createDirectory(path) } catch {
            throw JournalError.cannotCreateDirectory(path: path, errno: error.code.rawValue)
        }
    }

    /// Creates an empty file with mode 0600 unless it exists (SQLite takes an empty file as an
    /// empty database); ``StateDirectory`` owns the rule.
    static func createFile(_ path: String) throws {
        do { try StateDirectory.createFile(path) } catch {
            throw JournalError.cannotCreateFile(path: path, errno: error.code.rawValue)
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
