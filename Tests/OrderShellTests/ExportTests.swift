import CertOrder
import Foundation
import OrderLanguage
import Testing
@testable import OrderShell

/// The snippets `export` prints, as exact text: every bracket there, the key read from
/// `DIGICERT_API_KEY`, the body exactly as CertOrder sends it.
@Suite("Snippet exports")
struct ExportTests {
    static let base = "https://www.digicert.com/services/v2"

    /// `order cs < certificate < hash sha256 >; validity 1; organization 7 >`.
    static let small = Order(.codeSigning) {
        Certificate { Hash(.sha256) }
        Validity(years: 1)
        Organization(7)
    }

    static let smallBody = """
        {
          "certificate": {
            "signature_hash": "sha256"
          },
          "validity_years": 1,
          "organization": {
            "id": 7
          }
        }
        """

    static func export(_ language: SnippetExporter.Language, _ order: Order = small, baseURL: String = base) -> String {
        SnippetExporter.export(language, product: order.product, request: order.request, baseURL: baseURL)
    }

    /// `Golden/<name>`: a snippet as `export` prints it, exact.
    static func golden(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: "Golden/" + name, withExtension: nil))
        return try String(contentsOf: url, encoding: .utf8)
    }

    // curl: a POSIX shell script, the body in a quoted heredoc; python: requests, the body as a
    // raw string; go: net/http, a raw string; node: fetch, an object literal.
    @Test("each language's snippet of a small order, exact",
          arguments: [(SnippetExporter.Language.curl, "small.sh.txt"), (.python, "small.py.txt"), (.go, "small.go.txt"), (.node, "small.js.txt")])
    func snippet(_ language: SnippetExporter.Language, _ golden: String) throws {
        #expect(Self.export(language) == (try Self.golden(golden)))
    }

    @Test("the EV product picks its own path; the base URL is the one given")
    func productAndBase() {
        let ev = Order(.codeSigningEV) { Certificate { Hash(.sha256) } }
        let curl = Self.export(.curl, ev, baseURL: "https://certcentral.digicert.eu/services/v2")
        #expect(curl.contains("\n  \"${CERTCENTRAL_BASE_URL:-https://certcentral.digicert.eu/services/v2}/order/certificate/code_signing_ev\" \\\n"))
        #expect(curl.contains("# Order a code_signing_ev certificate"))
        #expect(Self.export(.python, ev).contains("    BASE_URL + \"/order/certificate/code_signing_ev\",\n"))
        #expect(Self.export(.go, ev).contains("base+\"/order/certificate/code_signing_ev\""))
        #expect(Self.export(.node, ev).contains("fetch(base + \"/order/certificate/code_signing_ev\", {"))
    }

    @Test("bodies that would end a raw string are written as quoted strings instead")
    func awkwardBodies() {
        let order = Order(.codeSigning) {
            Certificate { Hash(.sha256) }
            Comments("a ''' b ` c 'd' \\ \"e\" ${f} $(g) \n CERTORDER_JSON")
        }
        // Python: ''' in the body, so a JSON-escaped string literal.
        let python = Self.export(.python, order)
        #expect(!python.contains("payload = r'''"))
        #expect(python.contains(#"payload = "{\n  \"certificate\": {\n    \"signature_hash\": \"sha256\"\n  },\n  \"comments\": \"a ''' b ` c 'd' \\\\ \\\"e\\\" ${f} $(g) \\n CERTORDER_JSON\"\n}""# + "\n"))
        // Go: a backquote in the body, so an interpreted string literal.
        let go = Self.export(.go, order)
        #expect(!go.contains("const payload = `"))
        #expect(go.contains(#"const payload = "{\n  \"certificate\": {\n"#))
        // curl: the heredoc's delimiter is quoted, so nothing in the body is expanded, and no
        // body line can be the delimiter (JSON strings keep their quotes).
        let curl = Self.export(.curl, order)
        #expect(curl.contains("\n  \"comments\": \"a ''' b ` c 'd' \\\\ \\\"e\\\" ${f} $(g) \\n CERTORDER_JSON\"\n}\nCERTORDER_JSON\nX-DC-DEVKEY: ${DIGICERT_API_KEY}\nCERTORDER_KEY\nstatus=$?\n"))
        #expect(curl.cliLines.filter { $0 == "CERTORDER_JSON" }.count == 1)
        // Node: JSON is a JavaScript object literal as it is.
        #expect(Self.export(.node, order).contains("const payload = {\n  \"certificate\": {\n"))
    }

    @Test("a snippet for DigiCert's live API says it places a real order; one for another endpoint does not")
    func liveEndpointWarning() {
        for language in SnippetExporter.Language.allCases {
            #expect(Self.export(language, baseURL: "https://api.eu.digicert.com/services/v2").contains("Places a REAL order on DigiCert's live API"))
            let local = Self.export(language, baseURL: "http://127.0.0.1:8443/services/v2")
            #expect(!local.contains("REAL order"), "\(language)")
            #expect(local.contains("Needs DIGICERT_API_KEY; CERTCENTRAL_BASE_URL overrides the endpoint."), "\(language)")
        }
    }

    @Test("snippets print no key: there is no key parameter, only the environment variable")
    func noKey() {
        for language in SnippetExporter.Language.allCases {
            let text = Self.export(language)
            #expect(text.contains("DIGICERT_API_KEY"), "\(language)")
            #expect(!text.contains("X-DC-DEVKEY: certorder-sandbox"), "\(language)")
        }
    }

    @Test("a base URL with shell characters stays a string in the curl snippet")
    func curlBaseURLIsQuoted() {
        let curl = Self.export(.curl, baseURL: "http://127.0.0.1:9/a$(touch x)`id`\"q\\")
        #expect(curl.contains("\n  \"${CERTCENTRAL_BASE_URL:-http://127.0.0.1:9/a\\$(touch x)\\`id\\`\\\"q\\\\}/order/certificate/code_signing\" \\\n"))
        #expect(SnippetExporter.doubleQuotedShell("plain https://x/y") == "plain https://x/y")
    }

    @Test("shell and string quoting helpers")
    func quoting() {
        #expect(SnippetExporter.shellQuoted("it's") == #"'it'\''s'"#)
        #expect(SnippetExporter.quoted("a\"b\\c\nd") == #""a\"b\\c\nd""#)
    }

    // MARK: - Every format through the session

    @Test("exportText: order and swift come from the language's exporters; other names are refused")
    func exportText() throws {
        let order = Self.small
        #expect(try OrderSession.exportText(format: "order", product: order.product, request: order.request, baseURL: Self.base) == """
            order code_signing <
              certificate <
                hash sha256
              >
              validity 1
              organization 7
            >

            """)
        #expect(try OrderSession.exportText(format: "swift", product: order.product, request: order.request, baseURL: Self.base) == """
            import CertOrder

            let order = Order(.codeSigning) {
                Certificate {
                    Hash(.sha256)
                }
                Validity(years: 1)
                Organization(7)
            }

            """)
        #expect(try OrderSession.exportText(format: "curl", product: order.product, request: order.request, baseURL: Self.base) == Self.export(.curl))
        #expect(throws: CommandError.self) {
            try OrderSession.exportText(format: "pyton", product: order.product, request: order.request, baseURL: Self.base)
        }
        do {
            _ = try OrderSession.exportText(format: "pyton", product: order.product, request: order.request, baseURL: Self.base)
        } catch {
            #expect(error.message == "no export format 'pyton'; use one of curl, python, go, node, swift, order. Did you mean 'python'?")
        }
    }

    @Test("the order export of the documented example compiles back to the same request")
    func orderRoundTrip() async throws {
        let compiled = await Compiler().compile(Source(name: "x", text: RenderingTests.documentedScript))
        let order = try #require(compiled.orders.first)
        let text = try OrderSession.exportText(format: "order", product: order.product, request: order.request, baseURL: Self.base)
        let back = await Compiler().compile(Source(name: "exported", text: text))
        #expect(!back.hasErrors)
        #expect(back.orders.first?.request == order.request)
        #expect(back.orders.first?.product == .codeSigningEV)
        #expect(PayloadWriter.pretty(try #require(back.orders.first).request) == PayloadWriter.pretty(order.request))
    }
}

extension String {
    fileprivate var cliLines: [String] { split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
}
