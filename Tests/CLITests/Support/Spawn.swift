import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts programs for the end-to-end tests with `posix_spawn`.
///
/// Why not Foundation's `Process`: it passes on the signal mask of the calling thread, and Swift
/// concurrency's worker threads block most signals. A tmux server started from a test would then
/// never see SIGCHLD or SIGTERM and hang on `kill-server`, and the program under test would inherit
/// the blocked signals (Ctrl-C, SIGINT and SIGTERM would do nothing). So every child started here
/// begins with no signal blocked and every signal at its default action.
enum Spawn {
    /// Where a child's standard input comes from.
    enum Input {
        case null
        /// A file, opened read-only.
        case file(String)
        /// A descriptor of ours, such as the read end of a ``makePipe()`` pipe.
        case descriptor(Int32)
    }

    /// Where a child's standard output or error goes.
    enum Output {
        case null
        /// A file, created or truncated (mode 0600).
        case file(String)
        /// A descriptor of ours, such as the write end of a ``makePipe()`` pipe.
        case descriptor(Int32)
    }

    /// A failed system call of the harness.
    struct Failure: Error, CustomStringConvertible {
        var description: String

        init(_ what: String, _ code: Int32) {
            description = "\(what): \(String(cString: strerror(code)))"
        }
    }

    /// Taken around making pipes and spawning, so that no child of ours inherits a pipe in the
    /// moment between `pipe` and its close-on-exec flag.
    private static let lock = NSLock()

    /// Starts `executable` (a path) with `arguments` and exactly `environment`, in `directory`
    /// when given, and returns its process id; the caller waits for it (`waitpid`).
    ///
    /// Descriptors given as input or output stay open here: close them once it has started.
    static func start(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String],
        directory: String? = nil,
        stdin: Input = .null,
        stdout: Output = .null,
        stderr: Output = .null
    ) throws -> pid_t {
        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        switch stdin {
        case .null: posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        case .file(let path): posix_spawn_file_actions_addopen(&actions, 0, path, O_RDONLY, 0)
        case .descriptor(let descriptor): posix_spawn_file_actions_adddup2(&actions, descriptor, 0)
        }
        for (target, output) in [(Int32(1), stdout), (Int32(2), stderr)] {
            switch output {
            case .null: posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_WRONLY, 0)
            case .file(let path): posix_spawn_file_actions_addopen(&actions, target, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            case .descriptor(let descriptor): posix_spawn_file_actions_adddup2(&actions, descriptor, target)
            }
        }

        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        // posix_spawn_file_actions_addchdir_np is not in Swift's Glibc: a shell changes directory
        // and then becomes the program.
        var program = executable
        var words = [executable] + arguments
        if let directory {
            program = "/bin/sh"
            words = ["sh", "-c", "cd \"$0\" && exec \"$@\"", directory] + words
        }
        let argv = words.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = lock.withLock { posix_spawn(&pid, program, &actions, &attributes, argv, envp) }
        guard spawned == 0 else { throw Failure("posix_spawn \(executable)", spawned) }
        return pid
    }

    /// A pipe whose ends are close-on-exec: a child gets one only as its ``Input/descriptor(_:)``
    /// or ``Output/descriptor(_:)`` (the copy `posix_spawn` makes is not close-on-exec).
    static func makePipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        try lock.withLock {
            guard pipe(&ends) == 0 else { throw Failure("pipe", errno) }
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        }
        return (ends[0], ends[1])
    }

    /// The exit status in a `waitpid` status, or 128 + n for a signal n, as a shell reports it
    /// (WIFEXITED / WEXITSTATUS, which Swift does not import).
    static func exitStatus(_ status: Int32) -> Int32 {
        (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}
