import CertOrder
import Foundation
import OrderLanguage
import TestSupport
import Testing
@testable import OrderLanguageServer

/// The server core, in process: each request as an editor sends it, each answer asserted whole
/// (message, range as `line:character`, labels) against what the compiler, the completer, the
/// help topics and `fmt` say.
@Suite("Language server")
struct LanguageServerTests {
    static let uri = "file:///tmp/lsp-tests/doc.order"

    static let typo = """
    # an EV order with one typo
    recipe acme <
      organization 123456; container 654321
    >
    order ev <
      use acme
      certificate < hash sha256 >
      validity 1
      provisioning ship_tokn
    >

    """

    @Test("initialize answers the capabilities; requests before it are refused; shutdown then exit is status 0")
    func lifecycle() async throws {
        let harness = ServerHarness()
        let early = await harness.request("textDocument/hover", ServerHarness.position(Self.uri, 0, 0))
        #expect(early["error"]?["code"] == .integer(-32002))
        let initialize = await harness.request("initialize", .object(["capabilities": .object([:])]))
        let capabilities = try #require(initialize["result"]?["capabilities"])
        #expect(capabilities["hoverProvider"] == .bool(true))
        #expect(capabilities["textDocumentSync"]?["change"] == .integer(2))
        #expect(capabilities["semanticTokensProvider"]?["legend"]?["tokenTypes"] == .array(SemanticTokenizer.tokenTypes.map(JSONValue.string)))
        let unknown = await harness.request("workspace/symbol", .object([:]))
        #expect(unknown["error"]?["code"] == .integer(-32601))
        #expect(await harness.request("shutdown")["result"] == .null)
        #expect(await harness.notify("exit") == 0)
    }

    @Test("exit without shutdown is status 1")
    func exitWithoutShutdown() async {
        let harness = ServerHarness()
        #expect(await harness.notify("exit") == 1)
    }

    @Test("didOpen publishes the compiler's diagnostic at the value's range; a change fixing it publishes none")
    func diagnostics() async throws {
        let harness = await ServerHarness.open(Self.typo)
        let published = try #require(await harness.diagnostics(for: Self.uri))
        #expect(published.count == 1)
        #expect(published.first?["message"] == .string("'provisioning' must be ship_token, client_app or email; got 'ship_tokn'. Did you mean 'ship_token'?"))
        #expect(published.first?["range"]?.rangeText == "8:15-8:24")
        #expect(published.first?["severity"] == .integer(1))
        #expect(published.first?["code"] == .string("lang.field.choice"))

        // Incremental: replace `ship_tokn` by `ship_token`.
        await harness.notify("textDocument/didChange", .object([
            "textDocument": .object(["uri": .string(Self.uri), "version": .integer(2)]),
            "contentChanges": .array([.object([
                "range": .object(["start": .object(["line": .integer(8), "character": .integer(15)]), "end": .object(["line": .integer(8), "character": .integer(24)])]),
                "text": .string("ship_token"),
            ])]),
        ]))
        #expect(await harness.diagnostics(for: Self.uri, version: 2) == [])
    }

    @Test("changes made while a compile runs are compiled once, as the latest text; versions are published in order")
    func coalescing() async throws {
        let harness = await ServerHarness.open(Self.typo)
        for (version, value) in [(2, "email"), (3, "client_ap"), (4, "ship_toke")] {
            await harness.notify("textDocument/didChange", .object([
                "textDocument": .object(["uri": .string(Self.uri), "version": .integer(Int64(version))]),
                "contentChanges": .array([.object(["text": .string(Self.typo.replacingOccurrences(of: "ship_tokn", with: value))])]),
            ]))
        }
        let last = try #require(await harness.diagnostics(for: Self.uri, version: 4))
        #expect(last.first?["message"]?.stringValue?.hasSuffix("got 'ship_toke'. Did you mean 'ship_token'?") == true)
        let versions = harness.messages.compactMap { message -> Int? in
            guard message["method"] == .string("textDocument/publishDiagnostics"), case .integer(let n)? = message["params"]?["version"] else { return nil }
            return Int(n)
        }
        #expect(versions == versions.sorted() && Set(versions).count == versions.count && versions.last == 4, "\(versions)")
    }

    @Test("a validator diagnostic inside a recipe carries the use site as related information")
    func recipeNote() async throws {
        let text = """
        recipe long <
          order cs <
            certificate < hash sha256 >
            organization 1
            validity 4
          >
        >
        use long

        """
        let harness = await ServerHarness.open(text)
        let published = try #require(await harness.diagnostics(for: Self.uri))
        let diagnostic = try #require(published.first { $0["message"]?.stringValue?.contains("validity") == true })
        #expect(diagnostic["range"]?.rangeText == "4:13-4:14")
        let related = diagnostic["relatedInformation"]?.arrayValue ?? []
        #expect(diagnostic["code"] == .string("order.validity.range"))
        #expect(related.first?["message"] == .string("in recipe 'long' used here"))
        #expect(related.first?["location"]?["uri"] == .string(Self.uri))
        #expect(related.first?["location"]?["range"]?.rangeText == "7:4-7:8")
    }

    @Test("completion inside `certificate <` offers its statements, not ship's; after `hash ` the hashes")
    func completion() async throws {
        let text = "order ev <\n  certificate <\n    \n  >\n  ship < country u >\n>\n"
        let harness = await ServerHarness.open(text)
        let inside = await harness.request("textDocument/completion", ServerHarness.position(Self.uri, 2, 4))
        let labels = inside["result"]?["items"]?.arrayValue.compactMap { $0["label"]?.stringValue } ?? []
        #expect(labels == ["csr", "hash", "organization_units", "platform", "server_platform", "signature_hash", "unit"])
        let hash = inside["result"]?["items"]?.arrayValue.first { $0["label"] == .string("hash") }
        #expect(hash?["detail"] == .string("sets certificate.signature_hash"))

        await harness.notify("textDocument/didChange", .object([
            "textDocument": .object(["uri": .string(Self.uri), "version": .integer(2)]),
            "contentChanges": .array([.object(["text": .string(text.replacingOccurrences(of: "<\n    \n", with: "<\n    hash \n"))])]),
        ]))
        let value = await harness.request("textDocument/completion", ServerHarness.position(Self.uri, 2, 9))
        #expect(value["result"]?["items"]?.arrayValue.compactMap { $0["label"]?.stringValue } == ["sha256"])
        #expect(value["result"]?["items"]?.arrayValue.first?["textEdit"]?["range"]?.rangeText == "2:9-2:9")

        let country = await harness.request("textDocument/completion", ServerHarness.position(Self.uri, 4, 18))
        let codes = country["result"]?["items"]?.arrayValue.compactMap { $0["label"]?.stringValue } ?? []
        #expect(codes == ["ua", "ug", "um", "us", "uy", "uz"])
        #expect(country["result"]?["items"]?.arrayValue.first?["textEdit"]?["range"]?.rangeText == "4:17-4:18")
    }

    @Test("completion offers recipes after `use` and variables in scope after `$`")
    func completionNames() async throws {
        let text = "let org = 123456\nrecipe acme(team, unit = QA) <\n  organization $\n>\nuse a\n"
        let harness = await ServerHarness.open(text)
        let variables = await harness.request("textDocument/completion", ServerHarness.position(Self.uri, 2, 16))
        #expect(variables["result"]?["items"]?.arrayValue.compactMap { $0["label"]?.stringValue } == ["org", "team", "unit"])
        let recipes = await harness.request("textDocument/completion", ServerHarness.position(Self.uri, 4, 5))
        let item = recipes["result"]?["items"]?.arrayValue.first
        #expect(item?["label"] == .string("acme"))
        #expect(item?["detail"] == .string("recipe acme(team, unit = QA)"))
    }

    @Test("hover on a statement gives its help topic and payload path; on a recipe use, its signature")
    func hover() async throws {
        let harness = await ServerHarness.open(Self.typo)
        let statement = await harness.request("textDocument/hover", ServerHarness.position(Self.uri, 8, 4))
        let text = try #require(statement["result"]?["contents"]?["value"]?.stringValue)
        #expect(text.hasPrefix("**provisioning** sets `cs_provisioning_method`"))
        #expect(text.contains(try #require(HelpTopics.topic("provisioning"))))
        #expect(statement["result"]?["range"]?.rangeText == "8:2-8:14")
        let use = await harness.request("textDocument/hover", ServerHarness.position(Self.uri, 5, 7))
        #expect(use["result"]?["contents"]?["value"] == .string("```\nrecipe acme\n```"))
        let nothing = await harness.request("textDocument/hover", ServerHarness.position(Self.uri, 0, 3))
        #expect(nothing["result"] == .null)
    }

    @Test("formatting returns fmt's text as one edit of the whole document; none when formatted; null with syntax errors")
    func formatting() async throws {
        let text = "order ev<certificate<hash sha256>\nvalidity 1>\n"
        let harness = await ServerHarness.open(text)
        let reply = await harness.request("textDocument/formatting", ServerHarness.document(Self.uri))
        let edit = try #require(reply["result"]?.arrayValue.first)
        #expect(edit["newText"] == .string(try #require(ScriptFormatter.format(text))))
        #expect(edit["range"]?.rangeText == "0:0-2:0")

        let formatted = await ServerHarness.open(try #require(ScriptFormatter.format(text)))
        #expect(await formatted.request("textDocument/formatting", ServerHarness.document(Self.uri))["result"] == .array([]))
        let broken = await ServerHarness.open("order ev < validity 1\n")
        #expect(await broken.request("textDocument/formatting", ServerHarness.document(Self.uri))["result"] == .null)
    }

    @Test("documentSymbol lists recipes (with their orders), orders and variables in source order")
    func symbols() async throws {
        let text = "let org = 123456\nrecipe ev_token(name) <\n  order ev < validity 1 >\n>\norder cs <\n  alternative_order_id \"build-42\"\n>\n"
        let harness = await ServerHarness.open(text)
        let symbols = await harness.request("textDocument/documentSymbol", ServerHarness.document(Self.uri))
        let list = symbols["result"]?.arrayValue ?? []
        #expect(list.compactMap { $0["name"]?.stringValue } == ["org", "ev_token", "order cs"])
        #expect(list[1]["detail"] == .string("recipe ev_token(name)"))
        #expect(list[1]["children"]?.arrayValue.compactMap { $0["name"]?.stringValue } == ["order ev"])
        #expect(list[2]["detail"] == .string("\"build-42\""))
        #expect(list[2]["selectionRange"]?.rangeText == "4:0-4:5")
    }

    @Test("definition of a recipe use jumps to its name; of a variable to its let; of an include to the file")
    func definition() async throws {
        let folder = try TemporaryDirectory(prefix: "lsp-definition")
        let library = try folder.url.writeFile("common.order", "recipe shared <\n  payment balance\n>\n")
        let uri = Document.uri(ofPath: folder.path("main.order"))
        let text = "include \"common.order\"\nlet org = 1\nrecipe acme <\n  organization $org\n>\norder cs <\n  use acme\n  use shared\n>\n"
        let harness = await ServerHarness.open(text, uri: uri)
        let recipe = await harness.request("textDocument/definition", ServerHarness.position(uri, 6, 7))
        #expect(recipe["result"]?["uri"] == .string(uri))
        #expect(recipe["result"]?["range"]?.rangeText == "2:7-2:11")
        let variable = await harness.request("textDocument/definition", ServerHarness.position(uri, 3, 17))
        #expect(variable["result"]?["range"]?.rangeText == "1:4-1:7")
        let included = await harness.request("textDocument/definition", ServerHarness.position(uri, 7, 6))
        #expect(included["result"]?["uri"] == .string(Document.uri(ofPath: library)))
        #expect(included["result"]?["range"]?.rangeText == "0:7-0:13")
        let file = await harness.request("textDocument/definition", ServerHarness.position(uri, 0, 12))
        #expect(file["result"]?["uri"] == .string(Document.uri(ofPath: library)))
    }

    @Test("references and rename cover a variable's declaration and uses, and not a shadowing parameter's")
    func referencesAndRename() async throws {
        let text = "let team = QA\nrecipe r(team) <\n  certificate < unit $team >\n>\norder cs <\n  certificate < unit $team, \"${team}\" >\n>\n"
        let harness = await ServerHarness.open(text)
        let references = await harness.request("textDocument/references", .object([
            "textDocument": .object(["uri": .string(Self.uri)]), "position": .object(["line": .integer(0), "character": .integer(5)]),
            "context": .object(["includeDeclaration": .bool(true)]),
        ]))
        #expect(references["result"]?.arrayValue.compactMap { $0["range"]?.rangeText } == ["0:4-0:8", "5:22-5:26", "5:31-5:35"])
        let rename = await harness.request("textDocument/rename", .object([
            "textDocument": .object(["uri": .string(Self.uri)]), "position": .object(["line": .integer(2), "character": .integer(23)]),
            "newName": .string("group"),
        ]))
        let edits = rename["result"]?["changes"]?[Self.uri]?.arrayValue ?? []
        #expect(edits.compactMap { $0["range"]?.rangeText } == ["1:9-1:13", "2:22-2:26"])
        let refused = await harness.request("textDocument/rename", .object([
            "textDocument": .object(["uri": .string(Self.uri)]), "position": .object(["line": .integer(0), "character": .integer(5)]),
            "newName": .string("2x"),
        ]))
        #expect(refused["error"]?["code"] == .integer(-32803))
    }

    @Test("a did-you-mean diagnostic has a quick fix writing the suggestion over its range")
    func codeAction() async throws {
        let harness = await ServerHarness.open(Self.typo)
        let diagnostics = try #require(await harness.diagnostics(for: Self.uri))
        let reply = await harness.request("textDocument/codeAction", .object([
            "textDocument": .object(["uri": .string(Self.uri)]),
            "range": diagnostics[0]["range"]!,
            "context": .object(["diagnostics": .array(diagnostics)]),
        ]))
        let action = try #require(reply["result"]?.arrayValue.first)
        #expect(action["title"] == .string("Replace 'ship_tokn' with 'ship_token'"))
        #expect(action["kind"] == .string("quickfix"))
        let edit = action["edit"]?["changes"]?[Self.uri]?.arrayValue.first
        #expect(edit?["newText"] == .string("ship_token"))
        #expect(edit?["range"]?.rangeText == "8:15-8:24")
    }

    @Test("semantic tokens classify keywords, statements, values, numbers, variables, strings and comments")
    func semanticTokens() async throws {
        let text = "# c\nlet org = 12\norder ev < organization $org; comments \"hi\" >\n"
        let harness = await ServerHarness.open(text)
        let reply = await harness.request("textDocument/semanticTokens/full", ServerHarness.document(Self.uri))
        let data = reply["result"]?["data"]?.arrayValue.compactMap { value -> Int? in if case .integer(let n) = value { return Int(n) }; return nil } ?? []
        // (line delta, start delta, length, type): comment; let org = 12; order ev < organization $org ; comments "hi" >
        let types = SemanticTokenizer.tokenTypes
        let decoded = stride(from: 0, to: data.count, by: 5).map { "\(data[$0]) \(data[$0 + 1]) \(data[$0 + 2]) \(types[data[$0 + 3]])" }
        #expect(decoded == [
            "0 0 3 comment",
            "1 0 3 keyword", "0 4 3 variable", "0 4 1 operator", "0 2 2 number",
            "1 0 5 keyword", "0 6 2 string", "0 3 1 operator", "0 2 12 property", "0 13 4 variable",
            "0 6 8 property", "0 9 4 string", "0 5 1 operator",
        ])
    }
}
