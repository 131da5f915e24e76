import Foundation
import Testing
import CertOrder
@testable import OrderLanguage

/// The interpreter as the shell and `certorder run` use it: state across calls, the draft,
/// all-or-nothing lines, parameters, recipes, commands.
@Suite struct InterpreterTests {
    func line(_ interpreter: Interpreter, _ text: String, handler: (any CommandHandler)? = nil) async -> EvaluationResult {
        await interpreter.evaluate(Source(name: "<shell>", text: text), handler: handler)
    }

    @Test func theDraftLivesAcrossLines() async throws {
        let shell = Interpreter()
        #expect(await line(shell, "new ev").diagnostics.isEmpty)
        #expect(await line(shell, "set ship_info.method expedited").diagnostics.isEmpty)
        #expect(await line(shell, "organization 123456").diagnostics.isEmpty)
        #expect(await line(shell, "certificate < hash sha256 >").diagnostics.isEmpty)
        let draft = try #require(shell.draft)
        #expect(draft.product == .codeSigningEV)
        #expect(compact(draft) == #"{"certificate":{"signature_hash":"sha256"},"organization":{"id":123456},"ship_info":{"method":"EXPEDITED"}}"#)
        // Each field remembers the line that set it.
        #expect(draft.origins["organization.id"]?.statement.text == "organization")
        #expect(draft.origins["ship_info.method"]?.value?.text == "expedited")
    }

    @Test func aFailedLineLeavesEverythingUnchanged() async throws {
        let shell = Interpreter()
        _ = await line(shell, "let org = 1\nnew cs\norganization $org")
        let before = try #require(shell.draft)
        let failed = await line(shell, "let org = 2; organization 5; recipe r < >; validity forever")
        #expect(brief(failed.diagnostics) == ["error: 1:53 'validity' takes a number of years or days, or 'until DATE' (validity 1 (years), validity 30 days or validity until 2027-05-31); got 'forever'"])
        #expect(shell.draft == before)
        #expect(shell.variables["org"] == "1")
        #expect(shell.recipes.isEmpty)
        // A syntax error changes nothing either.
        _ = await line(shell, "organization 7 )")
        #expect(shell.draft == before)
        // A clean line commits.
        #expect(await line(shell, "let org = 3; organization $org").diagnostics.isEmpty)
        #expect(shell.draft?.request.organization?.id == 3)
        #expect(shell.variables["org"] == "3")
    }

    @Test func recipesAndVariablesPersistAndAreListed() async {
        let shell = Interpreter()
        _ = await line(shell, "let team = QA\nrecipe b(x, y = $team) < comments $y >\nrecipe a < organization 1 >")
        #expect(shell.recipes.map(\.signature) == ["a", "b(x, y = $team)"])
        #expect(shell.recipe(named: "b")?.text == "recipe b(x, y = $team) < comments $y >")
        #expect(shell.recipe(named: "b")?.parameters.map(\.isOptional) == [false, true])
        _ = await line(shell, "new cs")
        _ = await line(shell, "use b(1)")
        #expect(shell.draft?.request.comments == "QA")
    }

    @Test func boundParametersWinOverTopLevelDefaults() async {
        let interpreter = Interpreter()
        interpreter.bind(name: "org", value: "999")
        let clean = await line(interpreter, "let org = 123\norder cs < organization $org >\norder cs < let org = 7; container $org >")
        #expect(clean.orders.map(compact) == [#"{"certificate":{},"organization":{"id":999}}"#, #"{"certificate":{},"container":{"id":7}}"#])
        #expect(await Compiler(parameters: ["org": "42"]).compile(Source(name: "p.order", text: "let org = 1\norder cs < organization $org >")).orders.map(compact)
            == [#"{"certificate":{},"organization":{"id":42}}"#])
    }

    @Test func commandsSeeTheDraftAsItIsThen() async {
        final class Snapshots: CommandHandler, @unchecked Sendable {
            var seen: [String] = []
            func handle(_ command: EvaluatedCommand, context: CommandContext) async throws(CommandError) {
                seen.append("\(command.name):\(context.draft.map { String($0.request.organization?.id ?? 0) } ?? "none")")
            }
        }
        let handler = Snapshots()
        let result = await evaluate("show\norder cs < organization 1 >\nshow\norganization 2\nvalidate\norder ev\nshow", handler: handler)
        #expect(result.diagnostics.isEmpty)
        #expect(handler.seen == ["show:none", "show:1", "validate:2", "show:0"])
        #expect(result.orders.map(compact) == [#"{"certificate":{},"organization":{"id":2}}"#, #"{"certificate":{}}"#])
    }

    @Test func aCommandErrorPointsAtItsArgument() async {
        let result = await evaluate("cancel refuse second\ncancel 1", handler: RecordingHandler())
        #expect(brief(result.diagnostics) == ["error: 1:8 refused as asked", "warning: 2:1 'cancel' is not run: the script has errors above"])
    }

    @Test func withoutAHandlerCommandsAreSkippedWithAWarning() async {
        let result = await evaluate("order cs < organization 1 >\njson\nsend --force")
        #expect(brief(result.diagnostics) == [
            "warning: 2:1 'json' is a command of the shell; it runs in the shell or with 'certorder run' and is skipped here",
            "warning: 3:1 'send' is a command of the shell; it runs in the shell or with 'certorder run' and is skipped here",
        ])
        #expect(!result.hasErrors)
        #expect(result.orders.count == 1)
    }

    @Test func evaluatedCommandsCarryTheirArgumentsFlagsAndRanges() async {
        final class Capture: CommandHandler, @unchecked Sendable {
            var commands: [EvaluatedCommand] = []
            func handle(_ command: EvaluatedCommand, context: CommandContext) async throws(CommandError) { commands.append(command) }
        }
        let capture = Capture()
        _ = await evaluate("let id = 113\nreject $id \"not ${id}\"\nsend --force\nreconcile --endpoint us", handler: capture)
        let c = capture.commands.first
        #expect(c?.command == .reject)
        #expect(c?.texts == ["113", "not 113"])
        #expect(c?.arguments.map(\.isQuoted) == [false, true])
        #expect(c?.arguments.map(\.range.location.description) == ["2:8", "2:12"])
        let send = capture.commands.dropFirst().first
        #expect(send?.command == .send)
        #expect(send?.hasFlag("force") == true)
        #expect(send?.flags.first?.range.text == "--force")
        let reconcile = capture.commands.last
        #expect(reconcile?.command == .reconcile)
        #expect(reconcile?.value(ofFlag: "endpoint")?.text == "us")
        #expect(reconcile?.arguments.isEmpty == true)
    }

    @Test func isCompleteWaitsForOpenBlocksListsAndStrings() {
        #expect(Interpreter.isComplete("order ev <") == false)
        #expect(Interpreter.isComplete("order ev < certificate < hash sha256 >") == false)
        #expect(Interpreter.isComplete("order ev < certificate < hash sha256 > >"))
        #expect(Interpreter.isComplete("use r(a,") == false)
        #expect(Interpreter.isComplete("let x = [a,") == false)
        #expect(Interpreter.isComplete("csr \"\"\"\n-----BEGIN") == false)
        #expect(Interpreter.isComplete("csr \"\"\"\n-----BEGIN\n\"\"\""))
        #expect(Interpreter.isComplete("comments \"<\" # <"))
        #expect(Interpreter.isComplete("json"))
        #expect(Interpreter.isComplete(">"))
        #expect(Interpreter.isComplete(""))
    }

    @Test func diagnosticsInLoopsSayWhichRowAndAreNotRepeated() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("certorder-rows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "id\n1\nx\ny\n".write(to: folder.appendingPathComponent("ids.csv"), atomically: true, encoding: .utf8)
        let text = "recipe r(id) < order cs < organization $id > >\nfor row in csv \"ids.csv\" < use r($row.id) >\n"
        let result = await Interpreter().evaluate(Source(name: "rows.order", text: text, url: folder.appendingPathComponent("rows.order")))
        #expect(brief(result.diagnostics) == ["error: 1:40 'organization' takes an integer organization id; got 'x'",
                                              "error: 1:40 'organization' takes an integer organization id; got 'y'"])
        #expect(result.diagnostics.first?.notes.map(\.description) == ["rows.order:2:32: note: in recipe 'r' used here", "ids.csv:3:1: note: in row 2 of ids.csv"])
        let same = await evaluate("for i in [a, b, c] < order cs < organization $i; comments $nope > >")
        #expect(brief(same.diagnostics).count == 4)
        #expect(same.diagnostics[1].notes.map(\.description) == ["note: in iteration 1 of the loop (i = a)", "note: and 2 more times in other iterations or uses"])
    }

    @Test func validatorDiagnosticsOfABatchSayWhichOrder() async throws {
        let text = "for zip in [\"1\", \"\"] < order ev < certificate < hash sha256 >; organization 1; validity 1; provisioning ship_token; ship < name N; addr1 A; city C; state S; country us; zip $zip; method standard > > >"
        let compilation = await Compiler(validator: Validator(today: testToday)).compile(Source(name: "z.order", text: text))
        #expect(brief(compilation.diagnostics) == ["error: 1:170 ship_info.zip is required when shipping a token; add 'zip ...' to the ship block"])
        #expect(compilation.diagnostics.first?.notes.map(\.description) == ["note: in iteration 2 of the loop (zip = )"])
        #expect(compilation.diagnostics.first?.path == "ship_info.zip")
    }

    @Test func compileJSONForms() async throws {
        let one = await Compiler().compile(Source(name: "a.order", text: "order cs < certificate < hash sha256 >; organization 1; validity 1 >"))
        #expect(one.json(pretty: false) == #"{"certificate":{"signature_hash":"sha256"},"validity_years":1,"organization":{"id":1}}"#)
        let two = await Compiler().compile(Source(name: "b.order", text: "recipe o(p) < order $p < certificate < hash sha256 >; organization 1; validity 1 > >\nuse o(cs)\nuse o(ev)"))
        #expect(two.json(pretty: false) == #"[{"certificate":{"signature_hash":"sha256"},"validity_years":1,"organization":{"id":1}},{"certificate":{"signature_hash":"sha256"},"validity_years":1,"organization":{"id":1}}]"#)
        #expect(two.json(requests: true, pretty: false) == #"[{"method":"POST","path":"/order/certificate/code_signing","body":{"certificate":{"signature_hash":"sha256"},"validity_years":1,"organization":{"id":1}}},{"method":"POST","path":"/order/certificate/code_signing_ev","body":{"certificate":{"signature_hash":"sha256"},"validity_years":1,"organization":{"id":1}}}]"#)
        #expect(two.json(requests: true)?.hasPrefix("[\n  {\n    \"method\": \"POST\",\n    \"path\": \"/order/certificate/code_signing\",\n    \"body\": {\n") == true)
        #expect(await Compiler().compile(Source(name: "c.order", text: "")).json() == "[]")
        #expect(two.payloads.count == 2)
        let bad = await Compiler().compile(Source(name: "d.order", text: "order cs"))
        #expect(bad.hasErrors)
        #expect(bad.json() == nil)
    }

    @Test func compilingFilesInOrderSharesRecipes() async {
        let compilation = await Compiler(validator: Validator(today: testToday)).compile(filesAtPaths: [Repo.example("recipes/acme.order"), Repo.example("documented-ev.order")])
        #expect(compilation.orders.count == 1)
        let missing = await Compiler().compile(filesAtPaths: ["/nonexistent/x.order"])
        #expect(brief(missing.diagnostics) == ["error: cannot read '/nonexistent/x.order': no such file"])
    }

    @Test func includeAndCSVPathsFromTheShellResolveAgainstTheCurrentDirectory() async {
        let shell = Interpreter()
        let cwd = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(Repo.examples.path)
        defer { FileManager.default.changeCurrentDirectoryPath(cwd) }
        let result = await line(shell, "include recipes/acme.order")
        #expect(result.diagnostics.isEmpty)
        #expect(shell.recipes.map(\.name) == ["acme_defaults", "ev_token"])
    }

    @Test func reentrantEvaluationIsRefused() async {
        final class Reenter: CommandHandler, @unchecked Sendable {
            var inner: EvaluationResult?
            func handle(_ command: EvaluatedCommand, context: CommandContext) async throws(CommandError) {
                inner = await context.interpreter.evaluate(Source(name: "inner", text: "new cs"))
            }
        }
        let handler = Reenter()
        _ = await evaluate("json", handler: handler)
        #expect(handler.inner?.diagnostics.first?.message == "the interpreter is already running a script; evaluate one at a time")
    }
}
