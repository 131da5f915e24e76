import Foundation
import Testing

/// Unknown flags and wrong arguments after a command, and the `key` command, as a user meets
/// them: in `certorder run`, a piped session, `-c` and the interactive shell. A mistyped flag is
/// an error that names it, and nothing is sent: the journal, which every send writes to before
/// anything leaves, is never even created.
@Suite("Command words are checked before anything runs")
struct CommandVocabularyTests {
    static let example = "Examples/documented-ev.order"

    @Test("certorder run: json --frobnicate and send --bogus are errors at the flag; an earlier send is not run")
    func runFile() async throws {
        let world = try CLIWorld()
        let order = try CLIPackage.read(Self.example)
        let lines = order.cliLines.count
        let script = try world.write("bad-flag.order", order + "send --yes\nsend --bogus\n")
        let result = try await world.certorder(["run", script])
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains("bad-flag.order:\(lines + 2):6: error: 'send' has no flag --bogus; its flags are --force, --yes, --allow-duplicate, --dry-run, --verbose and --quiet"),
                "\(result)")
        #expect(result.stderr.contains("'send' is not run: a command of the script has an error"), "\(result)")
        #expect(result.stdout == "")
        #expect(!FileManager.default.fileExists(atPath: world.journal), "something was sent")

        let json = try world.write("json.order", order + "json --frobnicate\n")
        let refused = try await world.certorder(["run", json])
        #expect(refused.status == 65, "\(refused)")
        #expect(refused.stderr.contains("json.order:\(lines + 1):6: error: 'json' takes no flag --frobnicate"), "\(refused)")
        #expect(refused.stdout == "")
    }

    @Test("a piped session: send --bogus stops it with 65 and nothing sent; json --frobnicate too")
    func piped() async throws {
        let world = try CLIWorld()
        let order = try CLIPackage.read(Self.example)
        let lines = order.cliLines.count
        let result = try await world.certorder([], stdin: order + "send --yes --bogus\njson\n")
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.hasPrefix("<stdin>:\(lines + 1):12: error: 'send' has no flag --bogus"), "\(result)")
        #expect(result.stdout == "")
        #expect(!FileManager.default.fileExists(atPath: world.journal), "something was sent")

        let json = try await world.certorder([], stdin: order + "json --frobnicate\n")
        #expect(json.status == 65, "\(json)")
        #expect(json.stderr.hasPrefix("<stdin>:\(lines + 1):6: error: 'json' takes no flag --frobnicate"), "\(json)")
        #expect(json.stdout == "")
    }

    @Test("-c: a bad flag anywhere holds the send before it; key with an argument is refused without echo")
    func dashC() async throws {
        let world = try CLIWorld()
        let oneLine = try CLIPackage.read("Examples/documented-ev-one-line.order")
        let result = try await world.certorder(["-c", oneLine + "\nsend --yes\njson --frobnicate"])
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains("error: 'json' takes no flag --frobnicate"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: world.journal), "something was sent")

        let key = try await world.certorder(["-c", "key hunter2"])
        #expect(key.status == 65, "\(key)")
        #expect(key.stderr.hasPrefix("<command line>:1:5: error: 'key' takes no argument: a key is never typed on a command line"), "\(key)")
        #expect(!key.stderr.contains("hunter2"), "\(key)")
    }

    @Test("in the shell: bad flags are errors, key ARG does not open the prompt, and key is never in the history")
    func terminal() async throws {
        guard TmuxSession.isAvailable else { return }
        let world = try CLIWorld()
        try world.copy(packageFile: Self.example)
        let shell = try await ShellDriver.start(world: world)
        let evValid = ShellDriver.prompt("ev · valid")
        try await shell.enter("load documented-ev.order", expecting: evValid)
        let json = try await shell.enter("json --frobnicate", expecting: evValid)
        #expect(json.first == "<input>:1:6: error: 'json' takes no flag --frobnicate", "\(json)")
        let send = try await shell.enter("send --bogus", expecting: evValid)
        #expect(send.first == "<input>:1:6: error: 'send' has no flag --bogus; its flags are --force, --yes, --allow-duplicate, --dry-run, --verbose and --quiet", "\(send)")
        // The next line is a statement again, not a key: the prompt is the shell's.
        let key = try await shell.enter("key hunter2", expecting: evValid)
        #expect(key.first?.hasPrefix("<input>:1:5: error: 'key' takes no argument") == true, "\(key)")
        #expect(!key.joined().contains("hunter2"), "\(key)")
        // 'key' alone asks without echo; an empty answer enters no key.
        try await shell.enter("key", expecting: "API key (not echoed): ")
        let empty = try await shell.enter("", expecting: evValid)
        #expect(empty.first?.contains("no key entered") == true, "\(empty)")
        try await shell.enter("validity 1", expecting: evValid)
        #expect(try await shell.leave() == 0)

        #expect(!FileManager.default.fileExists(atPath: world.journal), "something was sent")
        let history = try String(contentsOfFile: world.historyFile, encoding: .utf8)
        let entries = history.split(separator: "\n").map(String.init)
        #expect(entries.contains("validity\\0401"), "\(entries)")
        #expect(!entries.contains { $0.lowercased().hasPrefix("key") }, "\(entries)")
        #expect(!history.contains("hunter2"))
    }
}
