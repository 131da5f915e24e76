import Testing
import TestSupport
import CertOrder
@testable import OrderLanguage

/// Issue 17, item 9: `json > FILE` and `>> FILE` after a command that prints data. `>` closes a
/// block everywhere else; right after a command's words and before a value it is a redirection.
@Suite struct OutputRedirectionTests {
    /// Every command handed over.
    final class Handed: CommandHandler, @unchecked Sendable {
        var commands: [EvaluatedCommand] = []
        func handle(_ command: EvaluatedCommand, context: CommandContext) async throws(CommandError) { commands.append(command) }
    }

    func diagnostics(_ result: EvaluationResult) -> [String] {
        result.diagnostics.map { "\($0.severity.rawValue): \($0.range.map { "\($0.location) " } ?? "")\($0.message)" }
    }

    @Test("'>' and '>>' with a word, a string or a variable reach the handler as the command's output, evaluated")
    func handedOver() async {
        let handed = Handed()
        let result = await evaluate("""
            let name = "sent orders.json"
            let id = 42
            json > order.json
            orders --json >> $name
            export curl > "place ${id}.sh"
            show
            """, handler: handed)
        #expect(diagnostics(result) == [])
        #expect(handed.commands.map(\.name) == ["json", "orders", "export", "show"])
        #expect(handed.commands.map { $0.output.map { "\($0.appends ? ">>" : ">") \($0.path) \($0.range.location)" } } ==
                ["> order.json 3:8", ">> sent orders.json 4:18", "> place 42.sh 5:15", nil])
        #expect(handed.commands[1].hasFlag("json"))
        #expect(handed.commands[2].texts == ["curl"])
    }

    @Test("inside a block, '>' with a value after it is a redirection, else it closes the block")
    func insideBlocks() async {
        let handed = Handed()
        let result = await evaluate("""
            for d in [a, b] < json > out.json >
            for d in [a] < show >
            for d in [a] <
              recipes >> list.txt
            >
            """, handler: handed)
        #expect(diagnostics(result) == [])
        #expect(handed.commands.map { "\($0.name) \($0.output?.path ?? "-")" } == ["json out.json", "json out.json", "show -", "recipes list.txt"])
    }

    @Test("a missing file name is an error at the '>' (line:column); a command that prints no data refuses '>'; nothing runs")
    func errors() async {
        let handed = Handed()
        let missing = diagnostics(await evaluate("new ev\njson >", handler: handed))
        #expect(missing == ["error: 2:6 '>' needs a file name after it: json > order.json"], "\(missing)")
        let appending = diagnostics(await evaluate("orders --json >> ; json", handler: handed))
        #expect(appending == ["error: 1:15 '>>' needs a file name after it: json >> order.json"], "\(appending)")
        let send = diagnostics(await evaluate("json\nsend --yes > sent.txt", handler: handed))
        #expect(send == [
            "warning: 1:1 'json' is not run: a command of the script has an error",
            "error: 2:12 'send' prints no data to write to a file; '>' follows show, json, explain, export, plan, status, requests, "
                + "expiring, orders, orgs, containers, fields, recipes, recipe, help and history",
        ], "\(send)")
        #expect(handed.commands.isEmpty)
    }

    @Test("an entry with '> FILE' is complete; a block around it is not until it closes")
    func entryCompleteness() {
        #expect(Interpreter.isComplete("json > order.json"))
        #expect(Interpreter.isComplete("orders --json >> all.json"))
        #expect(Interpreter.isComplete("json >"))  // an error to report, not more to read
        #expect(!Interpreter.isComplete("for d in [a] <\n  json > out.json"))
        #expect(Interpreter.isComplete("for d in [a] <\n  json > out.json\n>"))
        #expect(!Interpreter.isComplete("order cs <\n  validity 1\n>\nfor d in [a] < json >> \"x.json\""))

        var lines = EntryLines()
        lines.append("for d in [a, b] <")
        lines.append("  json > \"${d}.json\"")
        #expect(!lines.isComplete)
        lines.append("  show")
        lines.append(">")
        #expect(lines.isComplete)
        lines.removeAll()
        lines.append("json > order.json")
        #expect(lines.isComplete)
    }

    @Test("fmt keeps the redirection, one space either side")
    func formatting() {
        #expect(ScriptFormatter.format(Source(name: "t.order", text: "json   >   order.json\norders --json>>\"all orders.json\"\n")).text
                == "json > order.json\norders --json >> \"all orders.json\"\n")
    }
}
