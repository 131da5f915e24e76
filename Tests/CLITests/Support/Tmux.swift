import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program in a real pseudo-terminal for end-to-end tests: a detached tmux session on a
/// private tmux server (`tmux -L <unique socket>`), so that tests neither see nor disturb the
/// user's tmux, nor each other when they run in parallel.
///
/// ```swift
/// let tmux = try TmuxSession(command: [try BuiltProducts.executable(named: "certorder").path])
/// defer { tmux.kill() }
/// try tmux.waitFor("certorder> ")
/// try tmux.type("set vali")
/// try tmux.sendKeys(.tab)
/// try tmux.waitFor("set validity ")
/// ```
///
/// The pane stays open after the program exits, so its last screen can still be captured and
/// its exit status read with ``waitForExit(timeout:)``.
final class TmuxSession {
    /// A key to send: literal text, or a key tmux knows by name.
    enum Key: Equatable, Sendable {
        /// Typed as is (`send-keys -l`): no key names are looked up in it.
        case text(String)
        case enter, tab, up, down, left, right, home, end, backspace, escape
        /// Ctrl-C, Ctrl-D, Ctrl-U, ...: the letter, lower case.
        case control(Character)
        /// Any other tmux key name (`"M-b"`, `"F1"`, `"PageUp"`).
        case named(String)

        static let controlC = Key.control("c")
        static let controlD = Key.control("d")

        /// The `send-keys` arguments for this key.
        var sendKeysArguments: [String] {
            switch self {
            case .text(let text): ["-l", "--", text]
            case .enter: ["Enter"]
            case .tab: ["Tab"]
            case .up: ["Up"]
            case .down: ["Down"]
            case .left: ["Left"]
            case .right: ["Right"]
            case .home: ["Home"]
            case .end: ["End"]
            case .backspace: ["BSpace"]
            case .escape: ["Escape"]
            case .control(let letter): ["C-\(letter.lowercased())"]
            case .named(let name): [name]
            }
        }
    }

    /// A tmux command failed, or what was awaited did not show in time.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Whether tmux can be run here (tests that need it can be skipped otherwise).
    static var isAvailable: Bool { executablePath != nil }

    /// The socket name given to `tmux -L`.
    let socketName: String
    /// The size of the terminal.
    let width: Int
    let height: Int

    private let configDirectory: URL
    private let target = "main"
    private var killed = false
    /// The server's socket file, which tmux leaves behind when it exits.
    private var socketPath: String?

    private static let executablePath: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":")
            .map { "\($0)/tmux" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Starts `command` (program and arguments, passed as they are, not parsed by a shell) in a
    /// new `width`×`height` terminal.
    ///
    /// - Parameters:
    ///   - environment: variables set for the program, on top of this process's environment
    ///     (`TERM` is `screen`, the terminal tmux emulates).
    ///   - workingDirectory: the program's working directory; this process's by default.
    init(
        command: [String],
        environment: [String: String] = [:],
        width: Int = 100,
        height: Int = 30,
        workingDirectory: String? = nil
    ) throws {
        guard !command.isEmpty else { throw Failure(description: "tmux: no command to run") }
        self.socketName = "certorder-tests-\(getpid())-\(UUID().uuidString.prefix(8))"
        self.width = width
        self.height = height
        self.configDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent(socketName, isDirectory: true)
        try FileManager.default.createDirectory(at: configDirectory, withIntermediateDirectories: true)
        try """
            set -g status off
            set -g history-limit 10000
            set -g default-terminal screen
            set -g escape-time 0
            """.write(to: configURL, atomically: true, encoding: .utf8)

        guard let tmux = Self.executablePath else {
            throw Failure(description: "tmux is not installed (apt-get install tmux)")
        }
        var arguments = ["new-session", "-d", "-s", target, "-x", String(width), "-y", String(height)]
        if let workingDirectory { arguments += ["-c", workingDirectory] }
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) {
            arguments += ["-e", "\(name)=\(value)"]
        }
        // A small shell runs the program:
        // - it starts the program once the session exists, so that nothing the program does
        //   races the session's setup;
        // - it survives Ctrl-C and Ctrl-\ itself (a handler, not an ignore, so the program
        //   still gets the default actions), so that a program that handles them keeps its pane;
        //   SIGHUP and SIGTERM while the program runs (libedit passes those on to the whole
        //   process group) do not stop it from recording the program's status, and then end it
        //   (so it never outlives the tmux server);
        // - it writes the program's exit status to a file and keeps the pane open, so that the
        //   last screen stays as the program left it (tmux's own dead-pane handling can drop
        //   output of a program that ends at once).
        let script = #"""
            tmux="$1" socket="$2" status="$3"; shift 3
            "$tmux" -L "$socket" wait-for start || exit 1
            trap : INT QUIT
            trap 'ended=1' HUP TERM
            "$@"
            echo $? > "$status.partial" && mv "$status.partial" "$status"
            [ -n "$ended" ] && exit 0
            trap - HUP TERM
            while :; do sleep 3600; done
            """#
        arguments += ["sh", "-c", script, "sh", tmux, socketName, statusURL.path] + command
        do {
            try run(arguments)
            socketPath = try run(["display-message", "-p", "#{socket_path}"])
                .trimmingCharacters(in: .whitespacesAndNewlines)
            try run(["wait-for", "-S", "start"])
        } catch {
            kill()
            throw error
        }
    }

    deinit {
        kill()
    }

    /// Sends keys in order.
    func sendKeys(_ keys: Key...) throws {
        for key in keys {
            try run(["send-keys", "-t", target] + key.sendKeysArguments)
        }
    }

    /// Types `text` literally.
    func type(_ text: String) throws {
        try sendKeys(.text(text))
    }

    /// Types `line`, presses Enter and waits for `text`: one exchange with a prompt.
    @discardableResult
    func enter(_ line: String, thenWaitFor text: String, timeout: Duration = .seconds(10)) throws -> String {
        try type(line)
        try sendKeys(.enter)
        return try waitFor(text, timeout: timeout)
    }

    /// The screen as text (`capture-pane -p`), one line per row. Trailing spaces are removed,
    /// unless `preservingTrailingSpaces` is set: then spaces the program wrote are kept (a prompt
    /// such as `"certorder> "` with the cursor after it ends with its space).
    func capture(preservingTrailingSpaces: Bool = false) throws -> String {
        let screen = try run(["capture-pane", "-p", "-N", "-t", target])
        return preservingTrailingSpaces ? screen : Self.trimmingTrailingSpaces(screen)
    }

    /// The cursor's column and row on the screen, from 0.
    /// The screen with its colours and attributes as escape sequences (`capture-pane -e`).
    func captureWithEscapes() throws -> String {
        try run(["capture-pane", "-p", "-e", "-N", "-t", target])
    }

    func cursor() throws -> (column: Int, row: Int) {
        let fields = try run(["display-message", "-p", "-t", target, "#{cursor_x} #{cursor_y}"])
            .split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard fields.count == 2 else { throw Failure(description: "tmux: no cursor position") }
        return (fields[0], fields[1])
    }

    /// Polls the screen until it contains `text`, and returns the screen (as ``capture()``).
    ///
    /// `text` may end rows with the spaces the program wrote (`"certorder> "` with the cursor
    /// after it) or without them: both forms of the screen are searched.
    ///
    /// - Throws: ``Failure`` with the last screen when `text` did not show within `timeout`.
    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(10)) throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            let raw = try capture(preservingTrailingSpaces: true)
            let screen = Self.trimmingTrailingSpaces(raw)
            if screen.contains(text) || raw.contains(text) { return screen }
            guard ContinuousClock.now < deadline else {
                throw Failure(description: "tmux: waited \(timeout) for \(text.debugDescription); the screen was:\n\(screen)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Polls the screen (``capture()``) until `condition` holds for it, and returns it.
    @discardableResult
    func waitUntil(
        _ what: String,
        timeout: Duration = .seconds(10),
        _ condition: (String) -> Bool
    ) throws -> String {
        let deadline = ContinuousClock.now + timeout
        var screen = try capture()
        while !condition(screen) {
            guard ContinuousClock.now < deadline else {
                throw Failure(description: "tmux: waited \(timeout) for \(what); the screen was:\n\(screen)")
            }
            Thread.sleep(forTimeInterval: 0.05)
            screen = try capture()
        }
        return screen
    }

    /// Waits for the program to exit and returns its exit status (128 + n for a signal n, as a
    /// shell reports it). The screen stays as the program left it.
    func waitForExit(timeout: Duration = .seconds(10)) throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let text = try? String(contentsOf: statusURL, encoding: .utf8),
               let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            guard ContinuousClock.now < deadline else {
                throw Failure(description: "tmux: the program still runs after \(timeout); the screen was:\n\(try capture())")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Stops the tmux server (and with it the program) and removes its files (configuration,
    /// exit status, socket). Safe to call more than once.
    func kill() {
        guard !killed else { return }
        killed = true
        _ = try? run(["kill-server"])
        if let socketPath, !socketPath.isEmpty { unlink(socketPath) }
        try? FileManager.default.removeItem(at: configDirectory)
    }

    // MARK: - Private

    private static func trimmingTrailingSpaces(_ screen: String) -> String {
        screen.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line[..<(line.lastIndex { $0 != " " }.map(line.index(after:)) ?? line.startIndex)] }
            .joined(separator: "\n")
    }

    private var configURL: URL {
        configDirectory.appendingPathComponent("tmux.conf")
    }

    private var statusURL: URL {
        configDirectory.appendingPathComponent("exit-status")
    }

    /// Runs `tmux -L <socket> -f <config> <arguments>` and returns its standard output.
    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        guard let executable = Self.executablePath else {
            throw Failure(description: "tmux is not installed (apt-get install tmux)")
        }
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil  // run as a client of our own server even inside tmux
        environment["TMUX_PANE"] = nil
        let result = try Subprocess.run(
            executable, ["-L", socketName, "-f", configURL.path] + arguments, environment: environment
        )
        guard result.status == 0 else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")): \(result.errors)")
        }
        return result.output
    }
}

/// Runs a program and collects its output (started by ``Spawn``, so with every signal unblocked
/// and at its default action in the program).
enum Subprocess {
    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs `executable` (a path) with `arguments` and `environment`, standard input from
    /// /dev/null, and waits for it to exit.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Result {
        let output = try Spawn.makePipe()
        let errors: (read: Int32, write: Int32)
        do {
            errors = try Spawn.makePipe()
        } catch {
            close(output.read); close(output.write)
            throw error
        }
        defer {
            close(output.read)
            close(errors.read)
        }
        let pid: pid_t
        do {
            defer {
                close(output.write)
                close(errors.write)
            }
            pid = try Spawn.start(
                executable, arguments, environment: environment,
                stdout: .descriptor(output.write), stderr: .descriptor(errors.write))
        }

        // Small outputs: reading one pipe to its end, then the other, cannot fill either.
        let outputText = readToEnd(output.read)
        let errorText = readToEnd(errors.read)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw Spawn.Failure("waitpid", errno) }
        }
        return Result(status: Spawn.exitStatus(status), output: outputText, errors: errorText)
    }

    private static func readToEnd(_ descriptor: Int32) -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes += chunk[..<count]
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Finds the package's built products (the `certorder` executable) for end-to-end tests.
enum BuiltProducts {
    /// The directory of the built products:
    /// 1. `$CERTORDER_BIN_DIR` when set;
    /// 2. the directory of the running test binary (SwiftPM puts test bundles beside the
    ///    products: `.build/<triple>/debug/`);
    /// 3. `swift build --show-bin-path`, run in the package.
    static func directory() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["CERTORDER_BIN_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        if let testBinaryDirectory {
            return testBinaryDirectory
        }
        return try binPathFromSwiftBuild()
    }

    /// The built executable `name`, checked to exist.
    ///
    /// - Throws: when it is not built (`swift build` builds it; `swift test` does too).
    static func executable(named name: String) throws -> URL {
        var searched: [String] = []
        var candidates = [try directory()]
        if ProcessInfo.processInfo.environment["CERTORDER_BIN_DIR"] == nil, testBinaryDirectory != nil {
            candidates.append(try binPathFromSwiftBuild())
        }
        for directory in candidates {
            let url = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            searched.append(url.path)
        }
        throw TmuxSession.Failure(
            description: "\(name) is not built (looked for \(searched.joined(separator: ", "))): run swift build"
        )
    }

    /// The package's root: the nearest directory above this file with a Package.swift.
    static func packageRoot(from file: String = #filePath) -> URL? {
        var directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    private static var testBinaryDirectory: URL? {
        #if os(Linux)
        // The test runner is an executable in the products directory (`<Package>PackageTests.xctest`).
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return executable.pathExtension == "xctest" ? executable.deletingLastPathComponent() : nil
        #else
        // The tests are a bundle in the products directory, loaded by a runner elsewhere.
        return Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?
            .bundleURL.deletingLastPathComponent()
        #endif
    }

    private static func binPathFromSwiftBuild() throws -> URL {
        guard let root = packageRoot() else {
            throw TmuxSession.Failure(description: "no Package.swift above \(#filePath)")
        }
        let result = try Subprocess.run(
            "/usr/bin/env",
            ["swift", "build", "--package-path", root.path, "--show-bin-path"],
            environment: ProcessInfo.processInfo.environment
        )
        let path = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard result.status == 0, !path.isEmpty else {
            throw TmuxSession.Failure(description: "swift build --show-bin-path failed in \(root.path): \(result.errors)")
        }
        return URL(fileURLWithPath: path, isDirectory: true)
    }
}
