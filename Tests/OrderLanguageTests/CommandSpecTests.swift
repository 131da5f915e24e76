import Testing
import TestSupport
import CertOrder
@testable import OrderLanguage

/// The command vocabulary: every command has one spec, and a command's words are checked
/// against it before anything runs.
@Suite struct CommandSpecTests {
    /// Every command handed over, in order.
    final class Handed: CommandHandler, @unchecked Sendable {
        var commands: [String] = []
        func handle(_ command: EvaluatedCommand, context: CommandContext) async throws(CommandError) {
            commands.append(command.name)
        }
    }

    func diagnostics(_ result: EvaluationResult) -> [String] {
        result.diagnostics.map { "\($0.severity.rawValue): \($0.range.map { "\($0.location) " } ?? "")\($0.message)" }
    }

    @Test func everyCommandHasOneSpecInHelpOrder() {
        #expect(CommandSpec.table.map(\.name) == CommandName.allCases)
        #expect(CommandStatement.names == CommandName.allCases.map(\.rawValue))
        for name in CommandName.allCases { #expect(name.spec.name == name) }
        #expect(CommandName.send.spec.usage == "send [--force] [--yes] [--allow-duplicate] [--dry-run] [--verbose] [--quiet]")
        #expect(CommandName.reconcile.spec.usage == "reconcile [--endpoint ENDPOINT]")
        #expect(CommandName.export.spec.arguments.first?.values == ExportFormat.names)
    }

    @Test("an unknown flag is an error at the flag, with did-you-mean, and nothing is handed over")
    func unknownFlags() async {
        let handed = Handed()
        let json = await evaluate("json --frobnicate", handler: handed)
        #expect(diagnostics(json) == ["error: 1:6 'json' takes no flag --frobnicate"])
        let send = await evaluate("send --bogus", handler: handed)
        #expect(diagnostics(send) == ["error: 1:6 'send' has no flag --bogus; its flags are --force, --yes, --allow-duplicate, --dry-run, --verbose and --quiet"])
        let typo = await evaluate("send --forse", handler: handed)
        #expect(diagnostics(typo) == ["error: 1:6 'send' has no flag --forse; its flags are --force, --yes, --allow-duplicate, --dry-run, --verbose and --quiet. Did you mean '--force'?"])
        let dryRun = await evaluate("orders --bogus", handler: handed)
        #expect(diagnostics(dryRun) == ["error: 1:8 'orders' has no flag --bogus; its flags are --json"])
        #expect(handed.commands.isEmpty)
    }

    @Test("a command with a bad word holds every command of the evaluation, also those before it")
    func badCommandHoldsEarlierOnes() async {
        let handed = Handed()
        let result = await evaluate("json\nsend\nsend --frobnicate\njson", handler: handed)
        #expect(diagnostics(result) == [
            "warning: 1:1 'json' is not run: a command of the script has an error",
            "error: 3:6 'send' has no flag --frobnicate; its flags are --force, --yes, --allow-duplicate, --dry-run, --verbose and --quiet",
        ])
        #expect(handed.commands.isEmpty)
        // Inside a loop or a recipe too.
        let nested = await evaluate("send\nfor x in [a] < json --x >", handler: handed)
        #expect(nested.hasErrors)
        #expect(handed.commands.isEmpty)
    }

    @Test("missing and extra arguments are errors with the usage")
    func arity() async {
        let handed = Handed()
        #expect(await diagnostics(evaluate("status", handler: handed)) == ["error: 1:1 usage: status ORDER_ID"])
        #expect(await diagnostics(evaluate("status 1 2", handler: handed)) == ["error: 1:10 too many arguments: 'status' takes at most 1; usage: status ORDER_ID"])
        #expect(await diagnostics(evaluate("json extra", handler: handed)) == ["error: 1:6 'json' takes no arguments"])
        #expect(await diagnostics(evaluate("reconcile --endpoint", handler: handed)) == ["error: 1:11 --endpoint needs a value: reconcile --endpoint ENDPOINT"])
        #expect(handed.commands.isEmpty)
        // Words after a note are the note (`reject 113 wrong team`).
        #expect(await !evaluate("reject 113 wrong team\ncancel 5", handler: handed).hasErrors)
        #expect(handed.commands == ["reject", "cancel"])
    }

    @Test("key with an argument is an error that does not show the argument, and key is not handed over")
    func keyTakesNoArgument() async {
        let handed = Handed()
        let result = await evaluate("json; key s3cr3t-k3y", handler: handed)
        #expect(result.diagnostics.count == 1)
        let error = result.diagnostics[0]
        #expect(error.message.hasPrefix("'key' takes no argument: a key is never typed on a command line"))
        #expect(error.range?.location.description == "1:11")
        let rendered = DiagnosticRenderer().render(result.diagnostics)
        #expect(!rendered.contains("s3cr3t"), "\(rendered)")
        #expect(rendered.contains("json; key ‹not shown›"), "\(rendered)")
        #expect(handed.commands.isEmpty)
    }

    @Test("a flag's value is parsed, evaluated and formatted back")
    func flagValues() {
        let formatted = ScriptFormatter.format(Source(name: "t.order", text: "reconcile   --endpoint  https://host:8443/services/v2\n"))
        #expect(formatted.text == "reconcile --endpoint https://host:8443/services/v2\n")
    }
}

/// Random flags and arguments after every command: whatever is typed, a command reaches the
/// handler only when every word fits its spec, so `send` goes out only as written in its spec.
@Suite struct CommandWordsFuzzTests {
    final class Handed: CommandHandler, @unchecked Sendable {
        var commands: [EvaluatedCommand] = []
        func handle(_ command: EvaluatedCommand, context: CommandContext) async throws(CommandError) { commands.append(command) }
    }

    static let words = ["--force", "--yes", "--allow-duplicate", "--dry-run", "--json", "--endpoint", "--bogus", "--Force",
                        "us", "112233", "\"note\"", "$x", "[a, b]", "show", "sandbox", "--frobnicate", "-1"]

    @Test func randomWordsNeverReachAHandlerUnchecked() async {
        var rng = SeededGenerator(seed: 0xC0FFEE)
        for _ in 0..<1_500 {
            let name = CommandName.allCases.filter { !$0.editsDraft }.randomElement(using: &rng)!
            let count = Int.random(in: 0...4, using: &rng)
            let line = ([name.rawValue] + (0..<count).map { _ in Self.words.randomElement(using: &rng)! }).joined(separator: " ")
            let handed = Handed()
            let result = await evaluate("let x = 1\n" + line, handler: handed)
            let spec = name.spec
            for command in handed.commands {
                #expect(command.flags.allSatisfy { spec.flag($0.name) != nil }, "\(line)")
                #expect(command.arguments.count >= spec.minimumArguments && command.arguments.count <= spec.maximumArguments, "\(line)")
                if name == .send { #expect(command.arguments.isEmpty && !line.contains("--bogus"), "\(line)") }
            }
            if result.hasErrors { #expect(handed.commands.isEmpty, "\(line)") }
        }
    }
}
