import CertOrder
import Foundation
import LineEditor
import OrderLanguage
import Testing
@testable import OrderShell

/// Completion by context: what Tab offers for the word before the cursor, and which part of the
/// line it replaces.
@Suite("Completer")
struct CompleterTests {
    /// The completion at the end of `line` (or at `cursor`).
    static func complete(_ line: String, cursor: Int? = nil, _ completer: Completer = Completer(directory: "/nonexistent")) -> LineCompletion {
        completer.complete(line: line, cursor: cursor ?? line.count)
    }

    /// A completer that knows the recipes of `Examples/recipes/acme.order` and completes files
    /// in a scratch folder.
    static func acme(directory: String = "/nonexistent") async -> Completer {
        let interpreter = Interpreter()
        let result = await interpreter.evaluate(Source(name: "acme", text: """
            recipe acme_defaults < organization 123456; payment balance >
            recipe ev_token(name, addr1, city, state, zip, country = us, method = standard) <
              order code_signing_ev < use acme_defaults; validity 1 >
            >
            """))
        #expect(!result.hasErrors)
        return Completer(recipes: interpreter.recipes, directory: directory)
    }

    // MARK: - At the start of a statement

    @Test("at the start: commands and statements, one candidate completed with a space")
    func statementAtStart() {
        #expect(Self.complete("prov") == LineCompletion(candidates: ["provisioning"], replacing: 0..<4, terminator: " "))
        #expect(Self.complete("ne") == LineCompletion(candidates: ["new"], replacing: 0..<2))
        #expect(Self.complete("valida") == LineCompletion(candidates: ["validate"], replacing: 0..<6))
        #expect(Self.complete("PROV").candidates == ["provisioning"])  // case-insensitive
        #expect(Self.complete("zz").candidates == [])
    }

    @Test("ambiguous: every candidate, sorted, to be listed")
    func ambiguous() {
        #expect(Self.complete("p").candidates == ["payment", "payment_method", "plan", "platform", "provisioning"])
        #expect(Self.complete("re").candidates == ["recipe", "recipes", "reconcile", "reissue", "reject", "renew", "renew_within", "renewal_message", "renewal_of",
                                                        "renewal_of_order_id", "requests", "revoke"])
        let everything = Self.complete("").candidates
        #expect(everything == everything.sorted())
        #expect(Set(everything).count == everything.count)
        for name in ["new", "set", "unset", "show", "json", "validate", "explain", "export", "send", "load", "save", "quit", "help",
                     "order", "certificate", "ship", "provisioning", "validity", "payment", "use", "let", "include", "recipe"] {
            #expect(everything.contains(name), "\(name)")
        }
    }

    @Test("inside a block only statements: no commands")
    func insideBlock() {
        let inside = Self.complete("order ev < ").candidates
        #expect(inside.contains("provisioning"))
        #expect(inside.contains("certificate"))
        #expect(!inside.contains("json"))
        #expect(!inside.contains("send"))
        #expect(Self.complete("order ev < p") == LineCompletion(candidates: ["payment", "payment_method", "platform", "provisioning"], replacing: 11..<12))
        // After ';' a new statement starts.
        #expect(Self.complete("new ev; vali").candidates == ["validate", "validity", "validity_years"])
        #expect(Self.complete("new ev; vali").replacing == 8..<12)
    }

    @Test("in a multi-line entry the earlier lines give the context; the range is on the current line")
    func multiLineEntry() async {
        let completer = await Self.acme()
        // Inside an open order: statements, not commands.
        #expect(completer.complete(pending: ["order ev <"], line: "  j", cursor: 3).candidates == ["job_title"])
        #expect(completer.complete(line: "  j", cursor: 3).candidates == ["job_title", "json"])
        #expect(completer.complete(pending: ["order ev <", "  certificate < hash sha256 >"], line: "  prov", cursor: 6)
                == LineCompletion(candidates: ["provisioning"], replacing: 2..<6))
        #expect(completer.complete(pending: ["order ev <", "  ship <"], line: "    method s", cursor: 12)
                == LineCompletion(candidates: ["standard"], replacing: 11..<12))
        // Arguments of a recipe over several lines.
        #expect(completer.complete(pending: ["use ev_token("], line: "  \"Erin Guerra\", ci", cursor: 19)
                == LineCompletion(candidates: ["city:"], replacing: 17..<19))
        // No earlier lines: as a single line.
        #expect(completer.complete(pending: [], line: "prov", cursor: 4) == completer.complete(line: "prov", cursor: 4))
    }

    // MARK: - Field paths

    @Test("after set and unset: payload paths")
    func setPaths() {
        #expect(Self.complete("set ship_info.m") == LineCompletion(candidates: ["ship_info.method"], replacing: 4..<15))
        #expect(Self.complete("unset cont") == LineCompletion(candidates: ["container.id"], replacing: 6..<10))
        #expect(Self.complete("set certificate.").candidates == [
            "certificate.organization_units", "certificate.server_platform.id", "certificate.signature_hash", "certificate.csr",
        ])
        let all = Self.complete("set ").candidates
        #expect(all.first == "certificate.organization_units")
        #expect(all.contains("validity_years"))
        #expect(all.contains("order_validity.days"))
        #expect(!all.contains("certificate"))  // objects are not set as a whole
    }

    @Test("after set PATH: the field's allowed values")
    func setValues() {
        #expect(Self.complete("set ship_info.method ").candidates == ["STANDARD", "EXPEDITED"])
        #expect(Self.complete("set ship_info.method e") == LineCompletion(candidates: ["EXPEDITED"], replacing: 21..<22))
        #expect(Self.complete("set validity_years ").candidates == ["1", "2", "3"])
        #expect(Self.complete("set comments ").candidates == [])
    }

    @Test("after explain: statements, aliases and paths")
    func explainNames() {
        #expect(Self.complete("explain ship").candidates == [
            "ship", "ship_info", "ship_info.addr1", "ship_info.addr2", "ship_info.city", "ship_info.country",
            "ship_info.method", "ship_info.name", "ship_info.state", "ship_info.zip",
        ])
        #expect(Self.complete("explain signature_h") == LineCompletion(candidates: ["signature_hash"], replacing: 8..<19))
    }

    // MARK: - Values after a statement

    @Test("values after hash, provisioning, method, payment, validity, order and new", arguments: [
        ("hash ", ["sha256"]),
        ("signature_hash ", ["sha256"]),
        ("provisioning ", ["ship_token", "client_app", "email"]),
        ("provisioning sh", ["ship_token"]),
        ("cs_provisioning_method e", ["email"]),
        ("method ", ["standard", "expedited"]),
        ("method E", ["expedited"]),
        ("payment ", ["balance", "card", "profile"]),
        ("payment_method p", ["profile"]),
        ("validity ", ["1", "2", "3", "until"]),
        ("validity 1 ", ["years", "days"]),
        ("order ", ["code_signing", "code_signing_ev", "cs", "ev"]),
        ("order code_signing_", ["code_signing_ev"]),
        ("new ", ["code_signing", "code_signing_ev", "cs", "ev"]),
        ("new e", ["ev"]),
        ("export ", ["curl", "python", "go", "node", "swift", "order"]),
        ("export p", ["python"]),
        ("endpoint ", ["sandbox", "us", "eu"]),
        ("skip_approval ", ["true", "false"]),
        ("platform ", ["other"]),
        ("help expl", ["explain"]),
        ("organization ", []),
        ("comments ", []),
    ] as [(String, [String])])
    func valuesAfter(_ line: String, _ expected: [String]) {
        let completion = Self.complete(line)
        #expect(completion.candidates == expected, "\(line.debugDescription)")
        let word = line.split(separator: " ", omittingEmptySubsequences: false).last ?? ""
        if !expected.isEmpty {
            #expect(completion.replacing == (line.count - word.count)..<line.count, "\(line.debugDescription)")
        }
    }

    @Test("values inside blocks: the statement after the last '<' or ';' decides")
    func valuesInsideBlocks() {
        #expect(Self.complete("order ev < ship < method e") == LineCompletion(candidates: ["expedited"], replacing: 25..<26))
        #expect(Self.complete("order ev < certificate < hash ").candidates == ["sha256"])
        #expect(Self.complete("order ev < validity 1; provisioning c").candidates == ["client_app"])
        // Only the word before the cursor counts: what follows stays.
        #expect(Self.complete("provisioning sh; validity 1", cursor: 15) == LineCompletion(candidates: ["ship_token"], replacing: 13..<15))
    }

    // MARK: - Recipes

    @Test("after use: recipe names; inside its parentheses: its parameter names")
    func recipes() async {
        let completer = await Self.acme()
        #expect(Self.complete("use ", completer).candidates == ["acme_defaults", "ev_token"])
        #expect(Self.complete("use ev", completer) == LineCompletion(candidates: ["ev_token"], replacing: 4..<6))
        #expect(Self.complete("order ev < use ac", completer).candidates == ["acme_defaults"])
        #expect(Self.complete("use ev_token(", completer).candidates == [
            "name:", "addr1:", "city:", "state:", "zip:", "country:", "method:",
        ])
        #expect(Self.complete("use ev_token(\"Erin Guerra\", me", completer) == LineCompletion(candidates: ["method:"], replacing: 28..<30))
        // Without recipes: nothing to offer.
        #expect(Self.complete("use ").candidates == [])
        #expect(Self.complete("use nope(").candidates == [])
    }

    // MARK: - Files

    @Test("after load, save, include and @: file names, folders with a slash and no space")
    func files() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("completer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("recipes"), withIntermediateDirectories: true)
        for name in ["ev.order", "everyone.order", "request.csr", ".hidden", "recipes/acme.order"] {
            try "".write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let completer = Completer(directory: folder.path)
        #expect(Self.complete("load ", completer).candidates == ["ev.order", "everyone.order", "recipes/", "request.csr"])
        #expect(Self.complete("load ev", completer) == LineCompletion(candidates: ["ev.order", "everyone.order"], replacing: 5..<7))
        #expect(Self.complete("save eve", completer) == LineCompletion(candidates: ["everyone.order"], replacing: 5..<8, terminator: " "))
        #expect(Self.complete("load rec", completer) == LineCompletion(candidates: ["recipes/"], replacing: 5..<8, terminator: ""))
        #expect(Self.complete("load recipes/", completer) == LineCompletion(candidates: ["recipes/acme.order"], replacing: 5..<13))
        #expect(Self.complete("load .h", completer).candidates == [".hidden"])
        // include takes a quoted path: the quote stays.
        #expect(Self.complete("include \"rec", completer) == LineCompletion(candidates: ["recipes/"], replacing: 9..<12, terminator: ""))
        // @file, anywhere a string goes.
        #expect(Self.complete("certificate < csr @req", completer) == LineCompletion(candidates: ["request.csr"], replacing: 19..<22))
        // Absolute paths.
        #expect(Self.complete("load \(folder.path)/recipes/a", completer).candidates == ["\(folder.path)/recipes/acme.order"])
        #expect(Self.complete("load nothing-here", completer).candidates == [])
    }

    @Test("after a command: its flags after '-', a flag's values, its arguments' values, from its spec")
    func commandWords() {
        #expect(Self.complete("send --f").candidates == ["--force"])
        #expect(Self.complete("send -").candidates == ["--force", "--yes", "--allow-duplicate", "--dry-run", "--verbose", "--quiet"])
        #expect(Self.complete("reconcile --endpoint ").candidates == ["sandbox", "us", "eu"])
        #expect(Self.complete("export p").candidates == ["python"])
        #expect(Self.complete("load x.json ").candidates == ["code_signing", "code_signing_ev", "cs", "ev"])
        #expect(Self.complete("orders pl").candidates == ["placed"])
        #expect(Self.complete("json -").candidates == [])
    }
}
