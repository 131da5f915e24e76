import Foundation
import TestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a finished program left: its exit status and everything it wrote.
struct CLIResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String {
        "exit status \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)---"
    }

    /// Whether the program refused its input (exit 65) with stderr beginning `prefix`: the
    /// located error a bad script gets.
    func refused(_ prefix: String) -> Bool {
        status == 65 && stderr.hasPrefix(prefix)
    }
}

/// One test's private world: a temporary directory holding its `XDG_STATE_HOME` (history, the
/// embedded sandbox's orders) and its `CERTORDER_JOURNAL`, where `certorder` and the exported
/// snippets run. Nothing is shared between tests, so they run in parallel; the directory goes
/// away with the world.
final class CLIWorld {
    let root: URL
    /// The environment programs run with: this process's, without anything that would reach a
    /// real account or change the output, plus the private state paths.
    let environment: [String: String]

    var path: String { root.path }
    var stateHome: String { path + "/state" }
    var journal: String { path + "/journal.sqlite" }
    var historyFile: String { stateHome + "/certorder/history" }

    init() throws {
        root = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
            .appendingPathComponent("certorder-cli-\(getpid())-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        for name in ["DIGICERT_API_KEY", "CERTCENTRAL_BASE_URL", "NO_COLOR", "TMUX", "TMUX_PANE", "CURL_HOME"] {
            environment[name] = nil
        }
        environment["XDG_STATE_HOME"] = root.path + "/state"
        environment["CERTORDER_JOURNAL"] = root.path + "/journal.sqlite"
        self.environment = environment
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes a file in the world (folders created) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try root.writeFile(name, text)
    }

    /// A new world holding copies of the package's `files` (`Examples/documented-ev.order`).
    convenience init(copying files: String...) throws {
        try self.init()
        for file in files { try copy(packageFile: file) }
    }

    /// Copies a file of the package (`Examples/documented-ev.order`) into the world.
    @discardableResult
    func copy(packageFile: String, as name: String? = nil) throws -> String {
        let text = try CLIPackage.read(packageFile)
        return try write(name ?? (packageFile as NSString).lastPathComponent, text)
    }

    func read(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
    }

    /// Runs the built `certorder` in the world's directory.
    func certorder(
        _ arguments: [String],
        stdin: String? = nil,
        environment extra: [String: String] = [:],
        timeout: Duration = .seconds(30)
    ) async throws -> CLIResult {
        try await run(try CLIPackage.certorder(), arguments, stdin: stdin, environment: extra, timeout: timeout)
    }

    /// Writes `text` as the script `name` and runs `certorder <command> <name>`: a test's one
    /// script, checked, compiled or run.
    func certorder(_ command: String, script name: String, _ text: String, timeout: Duration = .seconds(30)) async throws -> CLIResult {
        try write(name, text)
        return try await certorder([command, name], timeout: timeout)
    }

    /// Runs `program` (a path, or a name looked up in `PATH`) in the world's directory, with
    /// `stdin` as its standard input (else /dev/null), and waits for it (killed after `timeout`)
    /// without holding a thread: tests run side by side while their programs run.
    func run(
        _ program: String,
        _ arguments: [String],
        stdin: String? = nil,
        environment extra: [String: String] = [:],
        timeout: Duration = .seconds(30)
    ) async throws -> CLIResult {
        guard let executable = program.contains("/") ? program : CLIPackage.which(program) else {
            throw CLIFailure("\(program) is not on PATH")
        }
        let id = UUID().uuidString.prefix(8)
        let inputPath = path + "/.stdin-\(id)"
        let outputPath = path + "/.stdout-\(id)"
        let errorPath = path + "/.stderr-\(id)"
        defer {
            for file in [inputPath, outputPath, errorPath] { unlink(file) }
        }
        if let stdin { try stdin.write(toFile: inputPath, atomically: false, encoding: .utf8) }
        var environment = self.environment
        for (name, value) in extra { environment[name] = value }
        let pid = try Spawn.start(
            executable, arguments, environment: environment, directory: path,
            stdin: stdin == nil ? .null : .file(inputPath), stdout: .file(outputPath), stderr: .file(errorPath))
        let status = try await CLIProcess.wait(pid, timeout: timeout, what: ([program] + arguments).joined(separator: " "))
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return CLIResult(status: status, stdout: output, stderr: errors)
    }
}

struct CLIFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The package under test: its built `certorder`, its files, the tools on this machine.
enum CLIPackage {
    static func certorder() throws -> String {
        try BuiltProducts.executable(named: "certorder").path
    }

    static var root: URL {
        BuiltProducts.packageRoot() ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    static func read(_ relativePath: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// `name`'s path on `PATH` (and the Swift toolchain's usual place), or nil.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let folders = path.split(separator: ":").map(String.init) + ["/opt/swift/usr/bin", "/usr/local/bin", "/usr/bin"]
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func has(_ tool: String) -> Bool { which(tool) != nil }

    /// Whether a test that needs `tool` runs: when it is installed, and always under
    /// `scripts/test` (`CERTORDER_TEST_ALL_TOOLS=1`), which installs it, so that a missing tool
    /// fails there instead of skipping the test.
    static func hasOrRequired(_ tool: String) -> Bool { requiresEveryTool || has(tool) }

    /// Whether the python export's test runs: python3 with `requests`, or under `scripts/test`.
    static let hasOrRequiresPythonRequests: Bool = {
        if requiresEveryTool { return true }
        guard let python = which("python3") else { return false }
        return (try? Subprocess.run(python, ["-c", "import requests"], environment: ProcessInfo.processInfo.environment).status) == 0
    }()

    static let requiresEveryTool = ProcessInfo.processInfo.environment["CERTORDER_TEST_ALL_TOOLS"] == "1"
}

/// Waits for programs started by ``Spawn``.
enum CLIProcess {
    /// Waits for `pid` and returns its exit status (128 + n for a signal n); kills it after
    /// `timeout`. Polls, sleeping between looks, so that no thread is held while it runs.
    static func wait(_ pid: pid_t, timeout: Duration, what: String) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        var pause = Duration.milliseconds(1)
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result == -1 && errno != EINTR { throw CLIFailure("waitpid: \(String(cString: strerror(errno)))") }
            if ContinuousClock.now > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw CLIFailure("\(what) still ran after \(timeout); killed")
            }
            try await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(20))
        }
        return Spawn.exitStatus(status)
    }
}

/// `certorder sandbox --port 0 --no-rate-limit`, run as its own process for the exported
/// snippets to talk to; stopped with SIGTERM by ``stop()``, killed when the test ends otherwise.
final class CLISandbox {
    let pid: pid_t
    /// `http://127.0.0.1:<port>/services/v2` (`https://` with `--tls-cert`), read from the banner.
    let baseURL: String
    private var stopped = false

    private init(pid: pid_t, baseURL: String) {
        self.pid = pid
        self.baseURL = baseURL
    }

    static func start(world: CLIWorld, arguments: [String] = []) async throws -> CLISandbox {
        let (readEnd, writeEnd) = try Spawn.makePipe()
        _ = fcntl(readEnd, F_SETFL, O_NONBLOCK)
        defer { close(readEnd) }
        let pid: pid_t
        do {
            defer { close(writeEnd) }
            pid = try Spawn.start(
                try CLIPackage.certorder(), ["sandbox", "--port", "0", "--no-rate-limit"] + arguments,
                environment: world.environment, directory: world.path,
                stdout: .descriptor(writeEnd), stderr: .file(world.path + "/sandbox.stderr"))
        }

        // The banner: "CertCentral sandbox on http://127.0.0.1:PORT/services/v2 (approval ...); ..."
        var banner: [UInt8] = []
        let deadline = ContinuousClock.now + .seconds(20)
        var chunk = [UInt8](repeating: 0, count: 256)
        // The deadline is judged only after a read found nothing: a task resumed late (a busy
        // cooperative pool) reads what the sandbox printed meanwhile before it gives up.
        reading: while !banner.contains(UInt8(ascii: "\n")) {
            let count = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            switch count {
            case 1...: banner += chunk[..<count]
            case 0: break reading  // the sandbox closed its stdout: it is gone
            default:
                guard ContinuousClock.now < deadline else { break reading }
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        let line = String(decoding: banner, as: UTF8.self)
        guard let range = line.range(of: #"https?://127\.0\.0\.1:[0-9]+/services/v2"#, options: .regularExpression) else {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
            let errors = (try? String(contentsOfFile: world.path + "/sandbox.stderr", encoding: .utf8)) ?? ""
            // How it ended says why: 9 is our kill after the wait, anything else its own end.
            let ended = status & 0x7f == 0 ? "exited \((status >> 8) & 0xff)" : "signal \(status & 0x7f)"
            throw CLIFailure("the sandbox printed no URL (\(ended)): \(line.debugDescription) \(errors)")
        }
        return CLISandbox(pid: pid, baseURL: String(line[range]))
    }

    /// Stops the sandbox as Ctrl-C or a service manager would (SIGTERM) and returns its exit
    /// status.
    @discardableResult
    func stop() async throws -> Int32 {
        guard !stopped else { return 0 }
        stopped = true
        kill(pid, SIGTERM)
        return try await CLIProcess.wait(pid, timeout: .seconds(10), what: "certorder sandbox")
    }

    deinit {
        guard !stopped else { return }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }
}

extension String {
    /// The lines of a text, without the empty line after a final newline.
    var cliLines: [String] {
        var lines = split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// Texts the tests compare against.
enum CLIFixtures {
    /// The request body of `Examples/documented-ev.order`: the API reference's documented
    /// example (`../shared/examples/documented-ev-order.request.json`), byte for byte, with
    /// the newline `compile` ends its output with.
    static let documentedPayload: String = (try? DocumentedExample.payload())
        .map { String(decoding: $0, as: UTF8.self) } ?? "the documented example's fixture is missing"

    /// The two warnings every compile of the documented example prints, for a copy of it named
    /// `name`.
    static func documentedWarnings(_ name: String) -> String {
        """
        \(name):6:5: warning: DigiCert has been removing OU from certificates; the unit may not appear in the certificate
            unit Engineering
            ^^^^
        \(name):17:12: warning: EXPEDITED shipping incurs an added cost; use STANDARD unless the token is urgent
            method expedited
                   ^^^^^^^^^


        """
    }
}
