import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding 2 of issue 13: in the interactive shell (a real terminal, tmux), Ctrl-C while a
/// command runs cancels that command — a send's outcome is recorded, the draft is unchanged —
/// and the session goes on; SIGHUP (and SIGTERM) end the session with its history saved, exit
/// 129 (143), a send under way recorded.
@Suite("Signals in the interactive shell", .enabled(if: TmuxSession.isAvailable))
struct ShellSignalTests {
    static func evValid(_ port: Int) -> String { ShellDriver.prompt("ev · valid", endpoint: "127.0.0.1:\(port)") }
    static func noDraft(_ port: Int) -> String { ShellDriver.prompt("no draft", endpoint: "127.0.0.1:\(port)") }

    /// The pid of the `certorder` the shell driver started (the one whose state directory is the world's).
    static func certorderPID(_ world: CLIWorld) -> pid_t? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return nil }
        for name in names {
            guard let pid = pid_t(name),
                  let command = FileManager.default.contents(atPath: "/proc/\(name)/cmdline"),
                  let program = command.split(separator: 0).first,
                  String(decoding: program, as: UTF8.self).hasSuffix("/certorder"),
                  let environment = FileManager.default.contents(atPath: "/proc/\(name)/environ") else { continue }
            if environment.split(separator: 0).contains(where: { String(decoding: $0, as: UTF8.self) == "XDG_STATE_HOME=\(world.stateHome)" }) {
                return pid
            }
        }
        return nil
    }

    /// Finding 2: Ctrl-C while the sandbox holds the order's POST. The answer is awaited and
    /// recorded (`placed`), the shell says it was interrupted and gives the prompt back with the
    /// same draft; the session goes on and leaves with 0.
    @Test func finding2_controlCCancelsTheRunningSendAndTheSessionGoesOn() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit", "--latency-ms", "1500"])
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/documented-ev.order")
        let shell = try await ShellDriver.start(world: world, arguments: ["--endpoint", sandbox.baseURL], firstPrompt: Self.noDraft(sandbox.port))
        try await shell.enter("load documented-ev.order", expecting: Self.evValid(sandbox.port))
        let payload = try await shell.enter("json", expecting: Self.evValid(sandbox.port))

        try shell.tmux.type("send --yes")
        try shell.tmux.sendKeys(.enter)
        // The three lookups, then the POST: Ctrl-C the moment the sandbox holds the POST.
        let terminal = SafetyBox(shell.tmux)
        let caught = try await safetyWatch(until: { sandbox.stateNow()?.requestCount == 4 }, then: {
            try? terminal.value.sendKeys(.controlC)
        })
        #expect(caught)
        try await shell.waitForPrompt(Self.evValid(sandbox.port))
        let screen = try shell.rows().joined(separator: "\n")
        #expect(screen.contains("placed order 112233 (journal #1"), "\(screen)")
        #expect(screen.contains("\ninterrupted\n"), "\(screen)")

        let entries = try await cli.journal(world)
        #expect(entries.map { $0["state"] as? String } == ["placed"])
        #expect(try await shell.enter("json", expecting: Self.evValid(sandbox.port)) == payload, "the draft is unchanged")
        #expect(try await shell.leave() == 0)
        #expect(try await sandbox.state().orders == 1)
    }

    /// Finding 2: SIGHUP (the terminal closed) while a send is under way: the send is recorded,
    /// the history saved, exit 129.
    @Test func finding2_hangupDuringASendRecordsItAndSavesTheHistory() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit", "--latency-ms", "1500"])
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/documented-ev.order")
        let shell = try await ShellDriver.start(world: world, arguments: ["--endpoint", sandbox.baseURL], firstPrompt: Self.noDraft(sandbox.port))
        try await shell.enter("load documented-ev.order", expecting: Self.evValid(sandbox.port))
        let pid = try #require(Self.certorderPID(world))

        try shell.tmux.type("send --yes")
        try shell.tmux.sendKeys(.enter)
        // The three lookups, then the POST: the signal the moment the sandbox holds the POST.
        let caught = try await safetyWatch(until: { sandbox.stateNow()?.requestCount == 4 }, then: { kill(pid, SIGHUP) })
        #expect(caught)
        #expect(try await shell.exitStatus(timeout: .seconds(20)) == 129)
        #expect(try await cli.journal(world).map { $0["state"] as? String } == ["placed"])
        let history = try String(contentsOfFile: world.historyFile, encoding: .utf8)
        #expect(history.contains("load\\040documented-ev.order"), "\(history)")
        #expect(history.contains("send\\040--yes"), "\(history)")
    }

    /// Finding 2: SIGHUP and SIGTERM at the prompt, nothing running: the read is abandoned, the
    /// history saved, exit 129 / 143.
    @Test(arguments: [SIGHUP, SIGTERM])
    func finding2_aSignalAtThePromptSavesTheHistory(signal: Int32) async throws {
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/documented-ev.order")
        let shell = try await ShellDriver.start(world: world)
        try await shell.enter("load documented-ev.order", expecting: ShellDriver.prompt("ev · valid"))
        let pid = try #require(Self.certorderPID(world))
        kill(pid, signal)
        #expect(try await shell.exitStatus(timeout: .seconds(20)) == 128 + signal)
        let history = try String(contentsOfFile: world.historyFile, encoding: .utf8)
        #expect(history.contains("load\\040documented-ev.order"), "\(history)")
    }
}

extension SafetyCLI {
    /// The journal of `world` (the shell tests' directory), as `certorder orders --json` prints it.
    func journal(_ world: CLIWorld) async throws -> [[String: Any]] {
        let result = try await run(["orders", "--json"], environment: ["CERTORDER_JOURNAL": world.journal])
        guard result.status == 0, let entries = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] else {
            throw SafetyFailure("certorder orders --json: \(result)")
        }
        return entries
    }
}
