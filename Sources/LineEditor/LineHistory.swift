import CEditLine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The history of entered lines, kept by libedit so that the editor's Up and Down keys walk it.
///
/// - Bounded: only the `maximumCount` most recent entries are kept (default 1000).
/// - Unique: an entry equal to the most recent one is not entered again (libedit's
///   `H_SETUNIQUE`, which compares with the most recent entry only).
/// - A multi-line entry (containing `"\n"`) stays one entry, in memory and in the file.
/// - The file format is libedit's own (`_HiStOrY_V2_`, then one encoded entry per line), read
///   and written by libedit's `H_LOAD` and `H_SAVE`.
package final class LineHistory {
    /// The bound used when none is given.
    package static let defaultMaximumCount = 1000

    /// libedit's `History *`, shared with the editor through `EL_HIST`.
    let handle: OpaquePointer

    /// How many entries are kept; the oldest ones go first. Lowering it drops the oldest
    /// entries at once. Negative values count as 0.
    package var maximumCount: Int {
        didSet {
            maximumCount = max(0, maximumCount)
            applyMaximumCount()
        }
    }

    /// An empty history that keeps at most `maximumCount` entries.
    package init(maximumCount: Int = LineHistory.defaultMaximumCount) {
        guard let handle = history_init() else {
            fatalError("libedit: history_init failed (out of memory)")
        }
        self.handle = handle
        self.maximumCount = max(0, maximumCount)
        _ = ceditline_history_set_unique(handle, 1)
        applyMaximumCount()
    }

    deinit {
        history_end(handle)
    }

    /// The number of entries.
    package var count: Int {
        Int(max(0, ceditline_history_count(handle)))
    }

    /// The entries, oldest first.
    package var entries: [String] {
        var newestFirst: [String] = []
        var event = HistEvent()
        var status = ceditline_history_first(handle, &event)
        while status == 0, let text = event.str {
            newestFirst.append(String(cString: text))
            status = ceditline_history_next(handle, &event)
        }
        return newestFirst.reversed()
    }

    /// Adds `entry` as the most recent entry, unless it is empty or equal to the most recent one.
    package func add(_ entry: String) {
        guard !entry.isEmpty else { return }
        _ = ceditline_history_enter(handle, entry)
    }

    /// Removes every entry.
    package func clear() {
        _ = ceditline_history_clear(handle)
    }

    /// Adds the entries of the history file at `path` after the current ones (the bound and the
    /// uniqueness rule apply as for ``add(_:)``).
    ///
    /// - Returns: the number of entries read from the file; 0 for a missing or empty file.
    /// - Throws: ``LineHistoryError/loadFailed(path:)`` when the file exists but is unreadable or
    ///   not a libedit history file.
    @discardableResult
    package func load(path: String) throws -> Int {
        var status = stat()
        if stat(path, &status) != 0 {
            if errno == ENOENT { return 0 }
            throw LineHistoryError.loadFailed(path: path)
        }
        if status.st_size == 0 { return 0 }
        let read = ceditline_history_load(handle, path)
        guard read >= 0 else { throw LineHistoryError.loadFailed(path: path) }
        return Int(read)
    }

    /// Writes every entry to `path`, replacing the file in one step: libedit writes a temporary
    /// file beside it, which gets mode 0600 and is then renamed over `path` (a symbolic link at
    /// `path` is replaced, not followed). Missing directories are created with mode 0700.
    ///
    /// - Throws: ``LineHistoryError/saveFailed(path:errno:)``.
    package func save(path: String) throws {
        let directory = Self.directory(containing: path)
        if let failure = Self.makeDirectories(directory) {
            throw LineHistoryError.saveFailed(path: path, errno: failure)
        }
        let name = path.split(separator: "/").last.map(String.init) ?? "history"
        let temporary = "\(directory)/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        guard ceditline_history_save(handle, temporary) >= 0 else {
            let failure = errno
            unlink(temporary)
            throw LineHistoryError.saveFailed(path: path, errno: failure)
        }
        guard chmod(temporary, 0o600) == 0, rename(temporary, path) == 0 else {
            let failure = errno
            unlink(temporary)
            throw LineHistoryError.saveFailed(path: path, errno: failure)
        }
    }

    // MARK: - Private

    private func applyMaximumCount() {
        let overflow = count - maximumCount
        if overflow > 0 {
            // libedit trims only when an entry is entered: keep the most recent ones now.
            let kept = entries.dropFirst(overflow)
            clear()
            _ = ceditline_history_set_size(handle, Int32(clamping: maximumCount))
            for entry in kept { add(entry) }
        } else {
            _ = ceditline_history_set_size(handle, Int32(clamping: maximumCount))
        }
    }

    /// The directory part of `path`: "." for a bare name, "/" for a file at the root.
    static func directory(containing path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// Creates `directory` and its missing parents with mode 0700. Returns nil, or the errno.
    private static func makeDirectories(_ directory: String) -> Int32? {
        var status = stat()
        if stat(directory, &status) == 0 {
            return (status.st_mode & S_IFMT) == S_IFDIR ? nil : ENOTDIR
        }
        guard errno == ENOENT else { return errno }
        let parent = Self.directory(containing: directory)
        if parent != directory, let failure = makeDirectories(parent) { return failure }
        if mkdir(directory, 0o700) != 0 {
            return errno == EEXIST ? nil : errno
        }
        // mkdir's mode is filtered by the umask; 0700 is what is wanted whatever the umask.
        return chmod(directory, 0o700) == 0 ? nil : errno
    }
}
