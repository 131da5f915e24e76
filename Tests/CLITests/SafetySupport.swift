import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Support for the safety tests ("nothing lost, nothing twice, no key leaked"): the real
// `certorder` binary and a real `certorder sandbox` process over 127.0.0.1, each test with its
// own directory, journal, state directory and sandbox.
//
// Everything here waits with `Task.sleep`, never by blocking a thread: the tests share the
// cooperative pool (two threads on a two-core machine) with in-process sandboxes of other tests.

/// A failure of the harness (not of the product under test).
struct SafetyFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs blocking `work` (tmux's synchronous helpers) on a thread of its own, never on the
/// cooperative pool, which in-process sandboxes of other tests need.
func safetyOffThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// Watches for `condition` on a thread of its own, every 2 ms, and runs `action` the moment it
/// holds: for the steps that must land inside a window (a signal while the sandbox holds a
/// request), which must not wait for a turn on a cooperative pool other tests keep busy.
/// Answers whether `condition` held within `timeout`.
func safetyWatch(timeout: Duration = .seconds(20), until condition: @escaping @Sendable () -> Bool,
                 then action: @escaping @Sendable () -> Void) async throws -> Bool {
    try await safetyOffThePool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition() {
                action()
                return true
            }
            usleep(2_000)
        }
        return false
    }
}

/// Holds a non-Sendable value across threads that take turns with it.
final class SafetyBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

// MARK: - A test's directory

/// A private temporary directory with the environment a test's `certorder` runs get: its own
/// `HOME`, `XDG_STATE_HOME` and `CERTORDER_JOURNAL`, no inherited API key, no colour.
final class SafetyDirectory: @unchecked Sendable {
    let url: URL
    var path: String { url.path }
    /// `$XDG_STATE_HOME`.
    var stateHome: String { path + "/state" }
    /// `$CERTORDER_JOURNAL`.
    var journal: String { path + "/journal/journal.sqlite" }
    /// The shell's history file under `stateHome`.
    var history: String { stateHome + "/certorder/history" }

    init(_ name: String = #function) throws {
        let safe = name.filter { $0.isLetter || $0.isNumber }.prefix(40)
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("certorder-safety-\(safe)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The environment of a `certorder` run: this process's, without anything that could
    /// steer certorder (keys, journal, state, timeouts), plus this test's paths.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { name, _ in
            !name.hasPrefix("CERTORDER_") && !name.hasPrefix("DIGICERT_") && !name.hasPrefix("XDG_")
                && !name.hasPrefix("CERTCENTRAL_") && name != "TMUX" && name != "TMUX_PANE"
        }
        environment["HOME"] = path
        environment["XDG_STATE_HOME"] = stateHome
        environment["CERTORDER_JOURNAL"] = journal
        environment["NO_COLOR"] = "1"
        // The certorder binary beside the test binary, not one a developer pointed elsewhere.
        for (name, value) in extra { environment[name] = value }
        return environment
    }

    /// Writes `text` to `name` in the directory; answers its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try url.writeFile(name, text)
    }

    /// Every regular file under the directory (recursively), with its bytes.
    func allFiles() -> [(path: String, bytes: Data)] {
        var out: [(String, Data)] = []
        guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        for case let file as URL in walker {
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  let bytes = FileManager.default.contents(atPath: file.path) else { continue }
            out.append((file.path, bytes))
        }
        return out
    }
}

// MARK: - Processes

/// A child process started by ``Spawn`` (so with every signal unblocked and at its default
/// action: SIGINT and SIGTERM act as they would from a shell). Standard output and error go to
/// files, so they can be read at any time and never fill a pipe; standard input is
/// /dev/null, a file, or a pipe the test writes to.
final class SafetyProcess: @unchecked Sendable {
    enum Input {
        case null
        case file(String)
        /// A pipe: ``send(_:)`` writes to it, ``closeInput()`` ends it.
        case pipe
    }

    let pid: pid_t
    let stdoutPath: String
    let stderrPath: String
    private var inputDescriptor: Int32 = -1
    private var exitStatus: Int32?

    /// The command line, for messages.
    let commandLine: String

    private static let ignoreSIGPIPE: Void = { _ = Glibc.signal(SIGPIPE, SIG_IGN) }()

    /// Starts `executable` with `arguments`; output goes to `<directory>/<label>.out|.err`.
    init(_ executable: String, _ arguments: [String], environment: [String: String], directory: SafetyDirectory,
         label: String, input: Input = .null) throws {
        _ = Self.ignoreSIGPIPE
        let logs = directory.path + "/logs"
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        let unique = "\(label)-\(UUID().uuidString.prefix(6))"
        stdoutPath = "\(logs)/\(unique).out"
        stderrPath = "\(logs)/\(unique).err"
        commandLine = ([URL(fileURLWithPath: executable).lastPathComponent] + arguments).joined(separator: " ")

        var stdin = Spawn.Input.null
        var pipeEnds: (read: Int32, write: Int32)?
        switch input {
        case .null: break
        case .file(let path): stdin = .file(path)
        case .pipe:
            let ends = try Spawn.makePipe()
            pipeEnds = ends
            stdin = .descriptor(ends.read)
        }
        do {
            defer { if let pipeEnds { close(pipeEnds.read) } }
            pid = try Spawn.start(executable, arguments, environment: environment,
                                  stdin: stdin, stdout: .file(stdoutPath), stderr: .file(stderrPath))
        } catch {
            if let pipeEnds { close(pipeEnds.write) }
            throw error
        }
        if let pipeEnds { inputDescriptor = pipeEnds.write }
    }

    deinit {
        closeInput()
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
        }
    }

    /// What the process wrote to standard output so far.
    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    /// What the process wrote to standard error so far.
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Writes `text` to the process's standard input (``Input/pipe``).
    func send(_ text: String) throws {
        guard inputDescriptor >= 0 else { throw SafetyFailure("\(commandLine): no input pipe") }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(inputDescriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw SafetyFailure("\(commandLine): writing its input: \(String(cString: strerror(errno)))")
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Ends the process's standard input.
    func closeInput() {
        if inputDescriptor >= 0 {
            close(inputDescriptor)
            inputDescriptor = -1
        }
    }

    /// Sends `signal` to the process.
    func deliver(_ signal: Int32) {
        if exitStatus == nil { kill(pid, signal) }
    }

    /// The exit status once it has exited (128 + n for signal n, as a shell reports it), else nil.
    func poll() -> Int32? {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return nil }
        let code = Spawn.exitStatus(status)
        exitStatus = code
        return code
    }

    /// Waits for the process to exit; answers its status.
    func wait(timeout: Duration = .seconds(30)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let status = poll() { return status }
            guard ContinuousClock.now < deadline else {
                kill(pid, SIGKILL)
                throw SafetyFailure("\(commandLine) still runs after \(timeout); killed. stdout:\n\(stdout)\nstderr:\n\(stderr)")
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Waits until standard output (or error) contains `text`.
    func waitForOutput(_ text: String, inStderr: Bool = false, timeout: Duration = .seconds(15)) async throws {
        let found = await eventually(timeout: timeout) { (inStderr ? stderr : stdout).contains(text) }
        guard found else {
            throw SafetyFailure("\(commandLine): waited \(timeout) for \(text.debugDescription). stdout:\n\(stdout)\nstderr:\n\(stderr)")
        }
    }
}

/// A finished run of a program.
struct SafetyResult: Sendable, CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
}

// MARK: - certorder

/// Runs the built `certorder` for one test.
struct SafetyCLI: Sendable {
    let executable: String
    let directory: SafetyDirectory
    /// Added to every run's environment.
    var environment: [String: String] = [:]

    init(_ directory: SafetyDirectory, environment: [String: String] = [:]) throws {
        executable = try BuiltProducts.executable(named: "certorder").path
        self.directory = directory
        self.environment = environment
    }

    /// Starts `certorder arguments…` (give it absolute paths).
    func start(_ arguments: [String], label: String = "certorder", input: SafetyProcess.Input = .null,
               environment extra: [String: String] = [:]) throws -> SafetyProcess {
        try SafetyProcess(executable, arguments, environment: directory.environment(environment.merging(extra) { $1 }),
                          directory: directory, label: label, input: input)
    }

    /// Runs `certorder arguments…` to its end.
    func run(_ arguments: [String], input: String? = nil, environment extra: [String: String] = [:],
             timeout: Duration = .seconds(30)) async throws -> SafetyResult {
        var source = SafetyProcess.Input.null
        if let input {
            source = .file(try directory.write("inputs/\(UUID().uuidString).txt", input))
        }
        let process = try start(arguments, label: arguments.first ?? "certorder", input: source, environment: extra)
        let status = try await process.wait(timeout: timeout)
        return SafetyResult(status: status, stdout: process.stdout, stderr: process.stderr)
    }

    /// Runs another program (`sqlite3`, found by ``CLIPackage/which(_:)``) to its end, in the test's directory.
    func runTool(_ program: String, _ arguments: [String]) async throws -> SafetyResult {
        guard let path = CLIPackage.which(program) else { throw SafetyFailure("\(program) is not installed") }
        let process = try SafetyProcess(path, arguments, environment: directory.environment(environment), directory: directory,
                                        label: program, input: .null)
        let status = try await process.wait(timeout: .seconds(30))
        return SafetyResult(status: status, stdout: process.stdout, stderr: process.stderr)
    }

    /// Runs `certorder reconcile --endpoint endpoint` (with `CERTORDER_TIMEOUT` = `timeout`) until
    /// it stops answering 75 (an entry still unknown, inside its grace), or 30 s pass; returns the
    /// last run (`first` when none ran). Records an issue when it never settles.
    func reconcileUntilSettled(endpoint: String, timeout: String, after first: SafetyResult) async throws -> SafetyResult {
        var reconciled = first
        #expect(try await eventually(timeout: .seconds(30), every: .milliseconds(50)) {
            reconciled = try await run(["reconcile", "--endpoint", endpoint], environment: ["CERTORDER_TIMEOUT": timeout])
            return reconciled.status != 75
        }, "\(reconciled)")
        return reconciled
    }

    /// The state of the journal's first entry (the newest).
    func journalState() async throws -> String? {
        try await journal().first?["state"] as? String
    }

    /// The journal's entries, newest first, as `certorder orders --json` prints them (every key
    /// present; an absent value is `null`, NSNull here).
    func journal() async throws -> [[String: Any]] {
        let result = try await run(["orders", "--json"])
        guard result.status == 0, let entries = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] else {
            throw SafetyFailure("certorder orders --json: \(result)")
        }
        return entries
    }
}

// MARK: - The standalone sandbox

/// `certorder sandbox --port 0 …` as a process of its own, and its control routes.
final class SafetySandbox: @unchecked Sendable {
    let process: SafetyProcess
    let port: Int
    var baseURL: String { "http://127.0.0.1:\(port)/services/v2" }
    var controlURL: String { "http://127.0.0.1:\(port)/sandbox" }
    private let directory: SafetyDirectory

    /// Starts a sandbox with `options` (`--latency-ms 500`, `--drop-next-orders 1`, …) on a
    /// free port (or `port`), and waits until it listens.
    init(_ cli: SafetyCLI, port: Int = 0, _ options: [String] = []) async throws {
        directory = cli.directory
        let process = try cli.start(["sandbox", "--port", String(port)] + options, label: "sandbox")
        self.process = process
        var bound: Int?
        let started = await eventually(timeout: .seconds(60)) {
            if process.poll() != nil { return true }
            let text = process.stdout
            guard let range = text.range(of: "http://127.0.0.1:") else { return false }
            bound = Int(text[range.upperBound...].prefix { $0.isNumber })
            return bound != nil
        }
        guard started, let bound else {
            throw SafetyFailure("certorder sandbox did not start: stdout:\n\(process.stdout)\nstderr:\n\(process.stderr)")
        }
        self.port = bound
    }

    deinit { stop() }

    /// Stops the sandbox at once (its state file is written after every change).
    func stop() {
        guard process.poll() == nil else { return }
        process.deliver(SIGKILL)
        var status: Int32 = 0
        _ = waitpid(process.pid, &status, 0)
    }

    /// `GET /sandbox/state`.
    func state() async throws -> SafetySandboxState {
        let (status, body) = try await curl(["\(controlURL)/state"])
        guard status == 200, let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw SafetyFailure("GET /sandbox/state: \(status) \(String(decoding: body, as: UTF8.self))")
        }
        return SafetySandboxState(object)
    }

    /// `GET /sandbox/state` by a blocking HTTP/1.1 exchange on a socket of its own (for
    /// ``safetyWatch(timeout:until:then:)``); nil when it fails.
    func stateNow() -> SafetySandboxState? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        defer { Glibc.close(descriptor) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        let request = Array("GET /sandbox/state HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == request.count else { return nil }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 { bytes += chunk[..<count] } else if count < 0 && errno == EINTR { continue } else { break }
        }
        let response = Data(bytes)
        guard response.starts(with: Data("HTTP/1.1 200".utf8)),
              let split = response.range(of: Data("\r\n\r\n".utf8)),
              let object = try? JSONSerialization.jsonObject(with: response[split.upperBound...]) as? [String: Any] else { return nil }
        return SafetySandboxState(object)
    }

    /// `POST /sandbox/faults` with `faults` (`latency_ms`, `failure_rate`, `drop_next_orders`).
    func setFaults(_ faults: [String: Any]) async throws {
        let body = String(decoding: try JSONSerialization.data(withJSONObject: faults), as: UTF8.self)
        let (status, answer) = try await curl(["-X", "POST", "-H", "Content-Type: application/json", "--data", body, "\(controlURL)/faults"])
        guard status == 200 else { throw SafetyFailure("POST /sandbox/faults: \(status) \(String(decoding: answer, as: UTF8.self))") }
    }

    /// `GET /services/v2/order/certificate`: the orders as CertCentral lists them.
    func listedOrderIDs(key: String) async throws -> [Int] {
        let (status, body) = try await curl(["-H", "X-DC-DEVKEY: \(key)", "\(baseURL)/order/certificate?limit=1000"])
        guard status == 200, let object = try JSONSerialization.jsonObject(with: body) as? [String: Any],
              let orders = object["orders"] as? [[String: Any]] else {
            throw SafetyFailure("GET /order/certificate: \(status) \(String(decoding: body, as: UTF8.self))")
        }
        return orders.compactMap { $0["id"] as? Int }
    }

    /// Sends `count` reads with `key` as fast as one curl can (to fill the rate-limit window) and
    /// answers their HTTP statuses. It blocks the calling thread (call it in
    /// ``safetyOffThePool(_:)``), so that what follows comes at once, not after a wait for a turn
    /// on the cooperative pool.
    func burstNow(_ count: Int, key: String) throws -> [Int] {
        let url = "\(baseURL)/container"
        var arguments = ["-H", "X-DC-DEVKEY: \(key)"]
        for _ in 0..<count { arguments += ["-o", "/dev/null", "-w", "%{http_code}\\n", url] }
        let process = try SafetyProcess("/usr/bin/curl", ["--silent", "--noproxy", "*", "--max-time", "20"] + arguments,
                                        environment: ProcessInfo.processInfo.environment, directory: directory, label: "curl-burst")
        while process.poll() == nil { usleep(1_000) }
        return process.stdout.split(separator: "\n").compactMap { Int($0) }
    }

    /// Runs curl against the sandbox; answers the HTTP status and the body.
    func curl(_ arguments: [String]) async throws -> (Int, Data) {
        let process = try SafetyProcess("/usr/bin/curl", ["--silent", "--noproxy", "*", "--max-time", "20", "-w", "\n%{http_code}"] + arguments,
                                        environment: ProcessInfo.processInfo.environment, directory: directory, label: "curl")
        let exit = try await process.wait()
        let output = process.stdout
        guard exit == 0, let newline = output.lastIndex(of: "\n"), let status = Int(output[output.index(after: newline)...]) else {
            throw SafetyFailure("curl \(arguments.joined(separator: " ")): exit \(exit) \(process.stderr)")
        }
        return (status, Data(output[..<newline].utf8))
    }
}

/// What `GET /sandbox/state` says.
struct SafetySandboxState: @unchecked Sendable {
    let raw: [String: Any]
    init(_ raw: [String: Any]) { self.raw = raw }

    var orders: Int { raw["orders"] as? Int ?? -1 }
    var ordersPlaced: Int { raw["orders_placed"] as? Int ?? -1 }
    var requestCount: Int { raw["request_count"] as? Int ?? -1 }
    var rateLimited: Int { raw["rate_limited"] as? Int ?? -1 }
    var droppedConnections: Int { raw["dropped_connections"] as? Int ?? -1 }
    var injectedFailures: Int { raw["injected_failures"] as? Int ?? -1 }
    var orderIDs: [Int] { raw["order_ids"] as? [Int] ?? [] }
    /// Alternative order id → the ids of the orders placed with it.
    var byAlternativeID: [String: [Int]] { raw["orders_by_alternative_id"] as? [String: [Int]] ?? [:] }
}

// MARK: - A port that takes no connection

/// A listening socket whose accept queue is full (backlog 0, one connection parked in it): a
/// client's connect to its port hangs in SYN_SENT, so not one byte of a request leaves. Closing
/// it frees the port for a sandbox.
final class SafetyBlackHole: @unchecked Sendable {
    let port: Int
    private var listener: Int32
    private var filler: Int32

    init() throws {
        let opened: LoopbackListener
        do { opened = try LoopbackListener.open(backlog: 0) } catch { throw SafetyFailure(error.description) }
        let listener = opened.descriptor
        var address = opened.address
        let size = socklen_t(MemoryLayout<sockaddr_in>.size)
        // With backlog 0 the queue holds one connection: this one. Later SYNs are dropped.
        let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        _ = fcntl(filler, F_SETFD, FD_CLOEXEC)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(filler, $0, size) }
        }
        guard connected == 0 else {
            Glibc.close(filler)
            Glibc.close(listener)
            throw SafetyFailure("connect: \(String(cString: strerror(errno)))")
        }
        self.listener = listener
        self.filler = filler
        port = opened.port
    }

    /// Closes the listener and the parked connection; the port is free again.
    func close() {
        if filler >= 0 { Glibc.close(filler); filler = -1 }
        if listener >= 0 { Glibc.close(listener); listener = -1 }
    }

    deinit { close() }
}

// MARK: - Orders

/// The documented EV order (organization 123456, container 654321, custom field 12), valid as
/// it stands; `name` makes orders of different tests distinct.
func safetyOrderScript(name: String = "Erin Guerra") -> String {
    """
    # The documented EV order: a token shipped to the developer
    order code_signing_ev <
      certificate < hash sha256; platform 52 >
      provisioning ship_token
      validity 1
      skip_approval
      organization 123456
      container 654321
      ship <
        name "\(name)"; addr1 "360 Taylor Street"; city Richmond; state va; zip "69662"; country us
        method standard
      >
      custom_field 12 "123456"
      payment balance
    >

    """
}
