#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation

/// Keeps the fuzzed scripts away from the machine's files.
///
/// `include`, `load`, `csv "…"` and `@file` resolve a relative path against the folder of the
/// script that names it, but an absolute path (`/dev/zero`), a home path (`~/…`) or `../…` reaches
/// anywhere. The harness therefore gives each input a ``Source`` whose URL lies in a scratch folder
/// (``directory``, a copy of the fixtures the seeds name, made by `scripts/fuzz`), and then either
///
/// - **landlock** (Linux 5.13 and later): the process gives up, for good, every file access except
///   reading that folder and the system's programs and libraries (`/usr`, `/lib`, `/opt`, and
///   `/etc/ld.so.cache`: what the symbolizer needs; `/proc/self/maps` and `/proc/self/task`: what a
///   stack trace and LeakSanitizer need), and reading and writing the corpus and artifact
///   folders named on the command line. `/dev` (but `/dev/null`), `/proc`, `/sys`, `/etc`, `/tmp`,
///   `/home`, `/root` and the repository become unreadable,
///   nothing outside the corpus and artifact folders can be written, and TCP is refused. Every input
///   is evaluated.
/// - **guard** (no landlock, or `CERTORDER_FUZZ_SANDBOX=guard`): the scratch folder is an empty
///   temporary folder and an input is evaluated only when it cannot spell a path with a `/` — it
///   holds no `/` byte and no `\u` escape. Such a path resolves to an entry of the empty folder (or to
///   the folder or its parent, which are folders and so unreadable as files). Inputs with a `/` are
///   still scanned, parsed and formatted, and their bytes still go to `PayloadReader`.
enum Sandbox {
    enum Mode: String { case landlock, guarded = "guard" }

    /// The folder fuzzed scripts live in.
    nonisolated(unsafe) static var directory = URL(fileURLWithPath: "/nonexistent")
    /// How the process is confined; set by ``enter(arguments:)``.
    nonisolated(unsafe) static var mode = Mode.guarded

    /// Chooses the folder and confines the process. Called once, before the first input runs (not
    /// in `LLVMFuzzerInitialize`: libFuzzer's `-jobs` / `-fork` / `-merge` parents run no input and
    /// must stay free to start their workers).
    static func enter(arguments: [String]) {
        let environment = ProcessInfo.processInfo.environment
        let wanted = environment["CERTORDER_FUZZ_SANDBOX"] ?? "landlock"
        let files = environment["CERTORDER_FUZZ_FILES"].flatMap { $0.isEmpty ? nil : $0 }
        if wanted != "guard", let files {
            directory = URL(fileURLWithPath: files, isDirectory: true).standardizedFileURL
            do {
                try Landlock.restrict(allowing: rules(arguments: arguments))
                mode = .landlock
                note("landlock: reads confined to \(directory.path), the system folders and the corpus")
                return
            } catch {
                note("landlock unavailable (\(error)); falling back to the guard")
            }
        } else if wanted != "guard" {
            note("CERTORDER_FUZZ_FILES is not set (scripts/fuzz sets it); using the guard")
        }
        directory = emptyDirectory()
        mode = .guarded
        note("guard: inputs with '/' or '\\u' are not evaluated; scripts live in the empty \(directory.path)")
    }

    /// Whether an input may be given to the evaluator.
    static func mayEvaluate(_ bytes: [UInt8]) -> Bool {
        switch mode {
        case .landlock: return true
        case .guarded:
            var previous: UInt8 = 0
            for b in bytes {
                if b == 0x2F { return false }                       // '/'
                if previous == 0x5C, b == 0x75 { return false }     // '\u'
                previous = b
            }
            return true
        }
    }

    private static func note(_ message: String) {
        FileHandle.standardError.write(Data("CertOrderFuzz: \(message)\n".utf8))
    }

    private static func emptyDirectory() -> URL {
        var template = Array((NSTemporaryDirectory() + "/certorder-fuzz-XXXXXX").utf8CString)
        let path = template.withUnsafeMutableBufferPointer { buffer -> String? in
            mkdtemp(buffer.baseAddress!).map { String(cString: $0) }
        }
        guard let path else { fatalError("CertOrderFuzz: cannot make a temporary folder") }
        atexit { rmdir(Sandbox.directory.path) }
        return URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
    }

    /// What stays reachable under landlock.
    private static func rules(arguments: [String]) -> [Landlock.Rule] {
        var rules: [Landlock.Rule] = [Landlock.Rule(path: directory.path, access: .read)]
        for system in ["/usr", "/lib", "/lib32", "/lib64", "/bin", "/sbin", "/opt"] {
            rules.append(Landlock.Rule(path: system, access: .readExecute))
        }
        // The stack trace of a crash needs this process's memory map (pthread_getattr_np reads it);
        // LeakSanitizer (`--asan`) lists the threads to stop them.
        for file in ["/etc/ld.so.cache", "/etc/localtime", "/proc/self/maps", "/proc/self/task"] {
            rules.append(Landlock.Rule(path: file, access: .read))
        }
        rules.append(Landlock.Rule(path: "/dev/null", access: .readWrite))
        // The binary's folder, for the symbolizer.
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            rules.append(Landlock.Rule(path: (executable as NSString).deletingLastPathComponent, access: .readExecute))
        }
        // libFuzzer's inputs and outputs: corpus folders and files, and where artifacts go.
        var artifactFolder = FileManager.default.currentDirectoryPath
        var artifactAccess = Landlock.Access.createOnly
        for argument in arguments.dropFirst() {
            if let value = flag("artifact_prefix", argument) {
                artifactFolder = value.hasSuffix("/") ? value : (value as NSString).deletingLastPathComponent
                artifactAccess = .all
            } else if let value = flag("exact_artifact_path", argument) ?? flag("merge_control_file", argument) {
                let folder = (value as NSString).deletingLastPathComponent
                rules.append(Landlock.Rule(path: folder.isEmpty ? "." : folder, access: .all))
            } else if let value = flag("dict", argument) {
                rules.append(Landlock.Rule(path: value, access: .read))
            } else if !argument.hasPrefix("-") {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
                    rules.append(Landlock.Rule(path: argument, access: isDirectory.boolValue ? .all : .read))
                }
            }
        }
        rules.append(Landlock.Rule(path: artifactFolder.isEmpty ? "." : artifactFolder, access: artifactAccess))
        return rules
    }

    private static func flag(_ name: String, _ argument: String) -> String? {
        let prefix = "-\(name)="
        return argument.hasPrefix(prefix) ? String(argument.dropFirst(prefix.count)) : nil
    }
}

/// The three landlock system calls (Linux 5.13+), called through `syscall(2)`, which Swift cannot
/// call directly (it is variadic).
enum Landlock {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    struct Access: OptionSet {
        let rawValue: UInt64
        static let execute = Access(rawValue: 1 << 0)
        static let writeFile = Access(rawValue: 1 << 1)
        static let readFile = Access(rawValue: 1 << 2)
        static let readDir = Access(rawValue: 1 << 3)
        static let makeReg = Access(rawValue: 1 << 8)
        static let truncate = Access(rawValue: 1 << 14)
        static let ioctlDev = Access(rawValue: 1 << 15)

        static let read: Access = [.readFile, .readDir]
        static let readExecute: Access = [.read, .execute]
        static let readWrite: Access = [.readFile, .writeFile, .truncate]
        /// Making and rewriting files, without reading any (libFuzzer's artifacts in the current
        /// folder when no `-artifact_prefix` is given).
        static let createOnly: Access = [.makeReg, .writeFile, .truncate]
        static let all = Access(rawValue: UInt64.max)
        /// What a rule on a file (not a folder) may grant.
        static let fileRights: Access = [.execute, .writeFile, .readFile, .truncate, .ioctlDev]
    }

    struct Rule {
        var path: String
        var access: Access
    }

    private typealias Syscall = @convention(c) (Int, Int, Int, Int, Int, Int, Int) -> Int

    private static let createRuleset = 444, addRule = 445, restrictSelf = 446
    #if arch(x86_64)
    private static let prctl = 157
    #elseif arch(arm64)
    private static let prctl = 167
    #else
    private static let prctl = -1
    #endif

    static func restrict(allowing rules: [Rule]) throws(Failure) {
        guard prctl > 0, let symbol = dlsym(nil, "syscall") else { throw Failure(description: "no syscall(2) on this platform") }
        let call = unsafeBitCast(symbol, to: Syscall.self)
        func check(_ result: Int, _ what: String) throws(Failure) {
            if result < 0 { throw Failure(description: "\(what): \(String(cString: strerror(errno)))") }
        }
        // The ABI version says which rights the kernel knows.
        let abi = call(createRuleset, 0, 0, 1 /* LANDLOCK_CREATE_RULESET_VERSION */, 0, 0, 0)
        try check(abi, "landlock_create_ruleset(version)")
        var handledFS: UInt64 = (1 << 13) - 1
        if abi >= 2 { handledFS |= 1 << 13 }   // REFER
        if abi >= 3 { handledFS |= 1 << 14 }   // TRUNCATE
        if abi >= 5 { handledFS |= 1 << 15 }   // IOCTL_DEV
        let handledNet: UInt64 = abi >= 4 ? 0b11 : 0   // BIND_TCP, CONNECT_TCP: none allowed
        var attributes: [UInt64] = [handledFS, handledNet]
        let size = abi >= 4 ? 16 : 8
        let ruleset = attributes.withUnsafeMutableBytes { call(createRuleset, Int(bitPattern: $0.baseAddress), size, 0, 0, 0, 0) }
        try check(ruleset, "landlock_create_ruleset")
        defer { close(Int32(ruleset)) }

        for rule in rules {
            let fd = open(rule.path, 0o10000000 /* O_PATH, not imported */ | O_CLOEXEC)
            guard fd >= 0 else { continue }   // a folder that does not exist needs no rule
            defer { close(fd) }
            var status = stat()
            guard fstat(fd, &status) == 0 else { continue }
            var allowed = rule.access.rawValue & handledFS
            if status.st_mode & S_IFMT != S_IFDIR { allowed &= Access.fileRights.rawValue }
            // struct landlock_path_beneath_attr { __u64 allowed_access; __s32 parent_fd; } __packed
            var attribute = [UInt8](repeating: 0, count: 12)
            withUnsafeBytes(of: allowed.littleEndian) { attribute.replaceSubrange(0..<8, with: $0) }
            withUnsafeBytes(of: Int32(fd).littleEndian) { attribute.replaceSubrange(8..<12, with: $0) }
            let added = attribute.withUnsafeMutableBytes { call(addRule, ruleset, 1 /* PATH_BENEATH */, Int(bitPattern: $0.baseAddress), 0, 0, 0) }
            try check(added, "landlock_add_rule(\(rule.path))")
        }
        try check(call(prctl, 38 /* PR_SET_NO_NEW_PRIVS */, 1, 0, 0, 0, 0), "prctl(PR_SET_NO_NEW_PRIVS)")
        try check(call(restrictSelf, ruleset, 0, 0, 0, 0, 0), "landlock_restrict_self")
    }
}
