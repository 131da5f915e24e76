import Foundation
import Testing

/// The non-interactive commands, run as a user or a CI job runs them.
@Suite("certorder commands")
struct CLICommandTests {
    /// Two orders: a standard one taking its organization from `org` (a `--param`), an EV one.
    static let twoOrders = """
        let org = 1
        order cs < certificate < hash sha256 >; provisioning client_app; validity 1; organization $org >
        order ev < certificate < hash sha256 >; provisioning client_app; validity 2 days; organization 7 >

        """

    static let standardBody = """
          {
            "certificate": {
              "signature_hash": "sha256"
            },
            "cs_provisioning_method": "client_app",
            "validity_years": 1,
            "organization": {
              "id": ORG
            }
          }
        """

    static let evBody = """
          {
            "certificate": {
              "signature_hash": "sha256"
            },
            "cs_provisioning_method": "client_app",
            "organization": {
              "id": 7
            },
            "order_validity": {
              "days": 2
            }
          }
        """

    @Test("--version prints the version")
    func version() async throws {
        let world = try CLIWorld()
        let result = try await world.certorder(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.firstMatch(of: /^0\.1\.0 \(commit ([0-9a-f]{12}|unknown)\)\n$/) != nil, "\(result)")
    }

    @Test("compile: one order prints its body as an object, warnings on stderr")
    func compileOne() async throws {
        let world = try CLIWorld(copying: "Examples/documented-ev.order")
        let result = try await world.certorder(["compile", "documented-ev.order"])
        #expect(result.status == 0)
        #expect(result.stdout == CLIFixtures.documentedPayload)
        #expect(result.stderr == CLIFixtures.documentedWarnings("documented-ev.order"))

        // The same from stdin.
        let piped = try await world.certorder(["compile", "-"], stdin: try world.read("documented-ev.order"))
        #expect(piped.status == 0)
        #expect(piped.stdout == CLIFixtures.documentedPayload)
        #expect(piped.stderr == CLIFixtures.documentedWarnings("<stdin>"))
    }

    @Test("compile: several orders print an array in script order; --param binds a variable")
    func compileSeveral() async throws {
        let world = try CLIWorld()
        let result = try await world.certorder("compile", script: "two.order", Self.twoOrders)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr == "")
        let expected = "[\n" + Self.standardBody.replacingOccurrences(of: "ORG", with: "1") + ",\n" + Self.evBody + "\n]\n"
        #expect(result.stdout == expected)

        let bound = try await world.certorder(["compile", "--param", "org=99", "two.order"])
        #expect(bound.status == 0)
        #expect(bound.stdout == expected.replacingOccurrences(of: "\"id\": 1\n", with: "\"id\": 99\n"))
    }

    @Test("compile --requests keeps the product: [{method, path, body}]")
    func compileRequests() async throws {
        let world = try CLIWorld()
        try world.write("two.order", Self.twoOrders)
        let result = try await world.certorder(["compile", "--requests", "two.order"])
        #expect(result.status == 0)
        let standard = Self.standardBody.replacingOccurrences(of: "ORG", with: "1")
        #expect(result.stdout == "[\n" + Self.request("code_signing", standard) + ",\n" + Self.request("code_signing_ev", Self.evBody) + "\n]\n")
    }

    /// An element of `compile --requests`' array: the POST of `body` (one of the bodies above,
    /// indented as an element of an array) to the product's path.
    static func request(_ product: String, _ body: String) -> String {
        let lines = body.split(separator: "\n").map { "  " + $0 }
        return """
              {
                "method": "POST",
                "path": "/order/certificate/\(product)",
                "body": \(lines.joined(separator: "\n").drop { $0 == " " })
              }
            """
    }

    @Test("compile: an invalid script prints no payload, its diagnostics, and exits 65")
    func compileInvalid() async throws {
        let world = try CLIWorld()
        let result = try await world.certorder("compile", script: "bad.order", "order ev <\n  certificate < hash sha256 >\n  validity 1\n>\n")
        #expect(result.status == 65)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            bad.order:1:1: warning: no provisioning method: the account's default is used; add 'provisioning ship_token', 'client_app' or 'email'
            order ev <
            ^^^^^
            bad.order:1:1: error: an organization is required; add 'organization ID' (see 'orgs' for your validated organizations)
            order ev <
            ^^^^^


            """)
    }

    @Test("check: 0 and the summary for a valid script; 65 and every diagnostic, located, for a bad one")
    func check() async throws {
        let world = try CLIWorld(copying: "Examples/documented-ev.order")
        let ok = try await world.certorder(["check", "documented-ev.order"])
        #expect(ok.status == 0)
        #expect(ok.stdout == "")
        #expect(ok.stderr == CLIFixtures.documentedWarnings("documented-ev.order") + "2 warnings\n")

        try world.write("bad.order", """
            order cs <
              certificate < hash sha256 >
              provisioning shipp
              validity 1
              organization 5
              payment cash
            >

            """)
        let bad = try await world.certorder(["check", "bad.order"])
        #expect(bad.status == 65)
        #expect(bad.stdout == "")
        #expect(bad.stderr == """
            bad.order:3:16: error: 'provisioning' must be ship_token, client_app or email; got 'shipp'
              provisioning shipp
                           ^^^^^
            bad.order:6:11: error: 'payment' must be balance, card or profile; got 'cash'
              payment cash
                      ^^^^

            2 errors

            """)
    }

    @Test("fmt prints the canonical form with comments kept; --write rewrites the file")
    func fmt() async throws {
        let world = try CLIWorld()
        let messy = "# hi\norder   ev<validity 1;organization 5   # org\ncertificate<hash SHA256>>\n"
        let canonical = """
            # hi
            order ev <
              validity 1
              organization 5  # org
              certificate <
                hash SHA256
              >
            >

            """
        let printed = try await world.certorder("fmt", script: "messy.order", messy)
        #expect(printed.status == 0)
        #expect(printed.stdout == canonical)
        #expect(try world.read("messy.order") == messy)  // untouched without --write

        let written = try await world.certorder(["fmt", "--write", "messy.order"])
        #expect(written.status == 0)
        #expect(written.stdout == "")
        #expect(try world.read("messy.order") == canonical)
        // Canonical text is a fixed point.
        #expect(try await world.certorder(["fmt", "messy.order"]).stdout == canonical)

        let broken = try await world.certorder(["fmt", "-"], stdin: "order ev <\n")
        #expect(broken.status == 65)
        #expect(broken.stdout == "")
        #expect(broken.stderr.hasPrefix("<stdin>:1:10: error: the block of 'order' is not closed; add '>' to close it\n"))
    }

    @Test("run evaluates a script's commands in order, and stops at the first error with 65")
    func run() async throws {
        let world = try CLIWorld()
        try world.write("steps.order", """
            new ev
            organization 5
            json
            set organization.id 6
            set validity_years 1
            json

            """)
        let result = try await world.certorder(["run", "steps.order"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == """
            {
              "certificate": {},
              "organization": {
                "id": 5
              }
            }
            {
              "certificate": {},
              "validity_years": 1,
              "organization": {
                "id": 6
              }
            }

            """)

        let failing = try await world.certorder("run", script: "failing.order", "new ev\norganization 5\nvalidate\njson\n")
        #expect(failing.status == 65)
        #expect(failing.stdout == "")  // 'json' comes after the failed 'validate'
        #expect(failing.stderr.contains("failing.order:3:1: error: the draft has 2 errors; fix them before sending\nvalidate\n^^^^^^^^\n"),
                "\(failing)")

        // --keep-going: the commands after the failed one run; the status still says it failed.
        let kept = try await world.certorder(["run", "--keep-going", "failing.order"])
        #expect(kept.status == 65, "\(kept)")
        #expect(kept.stdout == "{\n  \"certificate\": {},\n  \"organization\": {\n    \"id\": 5\n  }\n}\n", "\(kept)")
        #expect(kept.stderr.contains("failing.order:3:1: error: the draft has 2 errors; fix them before sending"), "\(kept)")

        // …but an error in a statement still stops every later command, --keep-going or not.
        try world.write("broken.order", "new ev\norganization five\njson\n")
        let broken = try await world.certorder(["run", "--keep-going", "broken.order"])
        #expect(broken.status == 65, "\(broken)")
        #expect(broken.stdout == "", "\(broken)")
        #expect(broken.stderr.contains("broken.order:3:1: warning: 'json' is not run: the script has errors above"), "\(broken)")
    }

    @Test("usage errors exit 64", arguments: [
        ["compile"],
        ["frobnicate"],
        ["compile", "--no-such-option", "x.order"],
        ["compile", "missing.order"],
        ["compile", "--param", "9lives=1", "x.order"],
        ["export", "x.order"],
        ["export", "x.order", "--format", "cobol"],
        ["run", "missing.order"],
        ["fmt"],
        ["--endpoint", "nowhere", "-c", "json"],
        ["send", "x.order", "--concurrency", "0"],
    ])
    func usage(_ arguments: [String]) async throws {
        let world = try CLIWorld()
        try world.write("x.order", "order cs < certificate < hash sha256 >; validity 1; organization 5 >\n")
        let result = try await world.certorder(arguments)
        #expect(result.status == 64, "\(arguments): \(result)")
        #expect(result.stdout == "")
        #expect(!result.stderr.isEmpty)
    }

    @Test("usage errors name what is wrong")
    func usageMessages() async throws {
        let world = try CLIWorld()
        try world.write("x.order", "order cs < certificate < hash sha256 >; validity 1; organization 5 >\n")
        let missing = try await world.certorder(["compile", "missing.order"])
        #expect(missing.stderr.hasPrefix("error: cannot read '"))
        #expect(missing.stderr.hasSuffix("missing.order': no such file\n"))
        #expect(missing.stderr == "error: cannot read 'missing.order': no such file\n")
        let format = try await world.certorder(["export", "x.order", "--format", "pyton"])
        #expect(format.stderr.hasPrefix("Error: no export format 'pyton'; use one of curl, python, go, node, swift, order. Did you mean 'python'?\nUsage: certorder export "),
                "\(format)")
        let param = try await world.certorder(["compile", "--param", "9lives=1", "x.order"])
        #expect(param.stderr.hasPrefix("Error: --param takes NAME=VALUE; got '9lives=1'\nUsage: certorder compile "), "\(param)")
    }

    @Test("export prints each format; the key in the environment is never printed", arguments: ["curl", "python", "go", "node", "swift", "order"])
    func export(_ format: String) async throws {
        let world = try CLIWorld(copying: "Examples/documented-ev.order")
        let key = "sk-test-\(UUID().uuidString)"
        let result = try await world.certorder(["export", "documented-ev.order", "--format", format], environment: ["DIGICERT_API_KEY": key])
        #expect(result.status == 0, "\(result)")
        #expect(!result.stdout.contains(key))
        #expect(!result.stderr.contains(key))
        #expect(result.stderr == CLIFixtures.documentedWarnings("documented-ev.order"))
        switch format {
        case "curl":
            #expect(result.stdout.hasPrefix("#!/bin/sh\n"))
            #expect(result.stdout.contains("DIGICERT_API_KEY"))
            #expect(result.stdout.contains(CLIFixtures.documentedPayload + "CERTORDER_JSON\n"))
        case "python":
            #expect(result.stdout.contains("API_KEY = os.environ.get(\"DIGICERT_API_KEY\")\n"))
            #expect(result.stdout.contains("payload = r'''" + CLIFixtures.documentedPayload.dropLast() + "'''\n"))
        case "go":
            #expect(result.stdout.contains("key := os.Getenv(\"DIGICERT_API_KEY\")\n"))
            #expect(result.stdout.contains("const payload = `" + CLIFixtures.documentedPayload.dropLast() + "`\n"))
        case "node":
            #expect(result.stdout.contains("const key = process.env.DIGICERT_API_KEY;\n"))
            #expect(result.stdout.contains("const payload = " + CLIFixtures.documentedPayload.dropLast() + ";\n"))
        case "swift":
            #expect(result.stdout.hasPrefix("import CertOrder\n\nlet order = Order(.codeSigningEV) {\n"))
        default:
            #expect(result.stdout.hasPrefix("order code_signing_ev <\n  certificate <\n    hash sha256\n"))
        }
    }

    @Test("export reads a JSON payload too")
    func exportFromJSON() async throws {
        let world = try CLIWorld()
        try world.write("body.json", CLIFixtures.documentedPayload)
        let result = try await world.certorder(["export", "body.json", "--format", "order", "--product", "ev"])
        #expect(result.status == 0, "\(result)")
        let compiled = try await world.certorder("compile", script: "back.order", result.stdout)
        #expect(compiled.stdout == CLIFixtures.documentedPayload)
    }

    @Test("export of a JSON payload that is not JSON says where, with the line and a caret; a wrong type names its path")
    func exportFromBrokenJSON() async throws {
        let world = try CLIWorld()
        try world.write("broken.json", "{\n  \"certificate\": {\"signature_hash\": sha256},\n  \"validity_years\": 1\n}\n")
        let broken = try await world.certorder(["export", "broken.json", "--format", "curl"])
        #expect(broken.status == 65, "\(broken)")
        #expect(broken.stdout == "")
        #expect(broken.stderr == """
            broken.json:2:37: error: the body is not valid JSON: expected a value, found 'sha256'; JSON's words are true, false and null, and text goes in double quotes
              "certificate": {"signature_hash": sha256},
                                                ^


            """, "\(broken)")

        try world.write("typed.json", "{\"validity_years\": \"1\"}")
        let typed = try await world.certorder(["export", "typed.json", "--format", "curl", "--product", "ev"])
        #expect(typed.status == 65, "\(typed)")
        #expect(typed.stderr.hasPrefix("typed.json:1:20: error: validity_years: expected an integer; fix the value's type\n"), "\(typed)")
    }

    @Test("send --yes places the order in the embedded sandbox; orders shows the journal; a second send is skipped")
    func sendAndOrders() async throws {
        let world = try CLIWorld(copying: "Examples/documented-ev.order")
        let empty = try await world.certorder(["orders"])
        #expect(empty.status == 0)
        #expect(empty.stdout == "the journal is empty: nothing was sent yet\n")

        let sent = try await world.certorder(["send", "documented-ev.order", "--yes"])
        #expect(sent.status == 0, "\(sent)")
        let lines = sent.stdout.cliLines
        #expect(lines.first?.wholeMatch(of: /placed order 112233 \(journal #1, alternative id certorder-[0-9a-f-]{36}\)/) != nil, "\(sent)")
        #expect(Array(lines.dropFirst()) == [
            "  request 113: approved",
            "  certificate 113",
            "next: certorder status 112233  # DigiCert validates and issues",
        ])

        let table = try await world.certorder(["orders"])
        #expect(table.status == 0)
        let rows = table.stdout.cliLines
        #expect(rows.count == 2)
        #expect(rows.first == "#  time                  endpoint  product          state   order   requests      label")
        #expect(rows.last?.firstMatch(of: /^1  \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ  sandbox   code_signing_ev  placed  112233  113:approved  documented-ev.order:2$/) != nil,
                "\(table)")

        // The journal holds the exact body sent: the payload plus the alternative id certorder set.
        let json = try await world.certorder(["orders", "--json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(entry["state"] as? String == "placed")
        #expect(entry["order_id"] as? Int == 112233)
        #expect(entry["http_status"] as? Int == 201)
        let alternative = try #require(entry["alternative_order_id"] as? String)
        // `orders --json` shows the payload as an object; the bytes sent are the journal's column.
        var body = try #require(entry["payload"] as? [String: Any])
        let stored = try await world.run("sqlite3", [world.journal, "select payload from journal_entry"])
        let sentBody = stored.stdout.trimmingCharacters(in: .newlines)
        let expectedBody = try #require(try JSONSerialization.jsonObject(with: Data(CLIFixtures.documentedPayload.utf8)) as? [String: Any])
        #expect(NSDictionary(dictionary: try #require(try JSONSerialization.jsonObject(with: Data(sentBody.utf8)) as? [String: Any]))
                == NSDictionary(dictionary: body))
        #expect(body["alternative_order_id"] as? String == alternative)
        body["alternative_order_id"] = nil
        #expect(NSDictionary(dictionary: body) == NSDictionary(dictionary: expectedBody))
        // In the documented key order, with the alternative id last.
        #expect(sentBody.hasPrefix(#"{"certificate":{"organization_units":["Engineering"],"server_platform":{"id":52},"signature_hash":"sha256"},"cs_provisioning_method":"ship_token","#))
        #expect(sentBody.hasSuffix(#""payment_method":"balance","alternative_order_id":"\#(alternative)"}"#))

        // Sent again: the journal knows, nothing is placed twice, and the command says so.
        let again = try await world.certorder(["send", "documented-ev.order", "--yes"])
        #expect(again.status == 65, "\(again)")
        #expect(again.stdout == "")
        #expect(again.stderr.contains("\nskipped  1/1  documented-ev.order:2  already placed as order 112233 (journal #1)\n"), "\(again)")
        #expect(again.stderr.contains("The same order was sent to sandbox at "), "\(again)")
        #expect(again.stderr.contains("as order 112233 (journal #1)"), "\(again)")
        #expect(try await world.certorder(["orders"]).stdout.cliLines.count == 2)
    }

    @Test("send refuses an invalid order before anything is sent")
    func sendInvalid() async throws {
        let world = try CLIWorld()
        try world.write("bad.order", "order ev < certificate < hash sha256 >; validity 1 >\n")
        let result = try await world.certorder(["send", "bad.order", "--yes"])
        #expect(result.status == 65)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("bad.order:1:1: error: an organization is required"))
        #expect(result.stderr.hasSuffix("nothing sent: 1 error and 1 warning\n"), "\(result)")
        #expect(try await world.certorder(["orders"]).stdout == "the journal is empty: nothing was sent yet\n")
    }
}
