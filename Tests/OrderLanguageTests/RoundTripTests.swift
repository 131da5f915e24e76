import Foundation
import Testing
import CertOrder
@testable import OrderLanguage
import TestSupport

/// The documented example as `export order` prints it.
let documentedScript = """
    order code_signing_ev <
      certificate <
        hash sha256
        platform 52
        unit Engineering
      >
      provisioning ship_token
      validity 1
      comments "Message for the approver"
      skip_approval
      organization 123456
      container 654321
      ship <
        name "Erin Guerra"
        addr1 "360 Taylor Street"
        addr2 "Floor 74"
        city Richmond
        state va
        zip "69662"
        country us
        method expedited
      >
      auto_renew 1
      renewal_message "Renew this please."
      custom_field 12 "123456"
      payment balance
    >

    """

// ACME's recipes of Examples/recipes/acme.order, written with the DSL.
@OrderBuilder func acmeDefaults() -> OrderComponentGroup {
    Organization(123456)
    Container(654321)
    Payment(.balance)
    CustomField(12, "ACME-ENG")
    Certificate {
        Hash(.sha256)
        OrganizationUnits("Engineering")
    }
}

func evToken(name: String, addr1: String, city: String, state: String, zip: String,
             country: String = "us", method: ShippingMethod = .standard) -> Order {
    Order(.codeSigningEV) {
        acmeDefaults()
        Provisioning(.shipToken)
        Validity(years: 1)
        Ship(to: Address(name: name, addr1: addr1, city: city, state: state, zip: zip, country: country), method: method)
    }
}

@Suite struct RoundTripTests {
    let fixture: String
    init() throws {
        fixture = try String(contentsOf: Repo.documentedFixture, encoding: .utf8)
    }

    func compile(_ example: String) async -> Compilation {
        await Compiler(validator: Validator(today: testToday)).compile(filesAtPaths: [Repo.example(example)])
    }

    /// The text of `Golden/<name>`: code an exporter prints, as the code beside it writes it.
    static func golden(_ name: String) throws -> String {
        try String(contentsOf: GoldenTests.folder.appendingPathComponent(name), encoding: .utf8)
    }

    func payloads(_ orders: [Order]) -> [String] {
        orders.map { String(decoding: PayloadWriter.compact($0.request), as: UTF8.self) }
    }

    // MARK: - The documented example

    @Test(arguments: ["documented-ev.order", "documented-ev-one-line.order"])
    func theDocumentedExampleCompilesToTheDocumentedBytes(_ example: String) async throws {
        let compilation = await compile(example)
        #expect(!compilation.hasErrors)
        let warnings = [
            "documented-ev.order": [
                "warning: 6:5 DigiCert has been removing OU from certificates; the unit may not appear in the certificate",
                "warning: 17:12 EXPEDITED shipping incurs an added cost; use STANDARD unless the token is urgent",
            ],
            "documented-ev-one-line.order": [
                "warning: 1:39 DigiCert has been removing OU from certificates; the unit may not appear in the certificate",
                "warning: 1:342 EXPEDITED shipping incurs an added cost; use STANDARD unless the token is urgent",
            ],
        ]
        #expect(brief(compilation.diagnostics) == warnings[example])
        let json = try #require(compilation.json())
        #expect(Array((json + "\n").utf8) == Array(fixture.utf8))
        #expect(compilation.orders.first?.product == .codeSigningEV)
    }

    @Test func jsonToScriptToJSONGivesTheSameBytes() async throws {
        let request = try PayloadReader.read(Data(fixture.utf8))
        let script = ScriptExporter.script(for: request, product: .codeSigningEV)
        #expect(script == documentedScript)
        let result = await evaluate(script)
        #expect(result.diagnostics.isEmpty)
        let order = try #require(result.orders.first)
        #expect(PayloadWriter.pretty(order.request) + "\n" == fixture)
        #expect(ScriptFormatter.format(script) == script, "export order prints the canonical form")
    }

    @Test func scriptToSwiftDSLToJSONGivesTheSameBytes() async throws {
        let order = try #require(await compile("documented-ev.order").orders.first)
        // The exporter prints the code DocumentedExample.order() is written in.
        #expect(SwiftExporter.code(for: order) == (try Self.golden("export/documented-ev.swift.txt")))
        let dsl = DocumentedExample.order()
        #expect(PayloadWriter.pretty(dsl.request) + "\n" == fixture)
        #expect(dsl.request == order.request)
        #expect(dsl.product == order.product)
    }

    // MARK: - Every example against the DSL

    @Test func batchExampleEqualsTheDSL() async throws {
        let compilation = await compile("batch.order")
        #expect(!compilation.hasErrors, "\(brief(compilation.diagnostics))")
        let dsl = [
            evToken(name: "Erin Guerra", addr1: "360 Taylor Street", city: "Richmond", state: "va", zip: "69662", country: "us"),
            evToken(name: "Ng, Mai", addr1: "12 \"Old\" Mill Road, Unit 4", city: "Cambridge", state: "ma", zip: "02134", country: "us"),
            evToken(name: "Lars Øberg", addr1: "Storgata 1\nFloor 3", city: "Oslo", state: "oslo", zip: "0150", country: "no"),
        ]
        #expect(compilation.orders.map(compact) == payloads(dsl))
        #expect(compilation.orders.map(\.product) == dsl.map(\.product))
    }

    @Test func standardCSRExampleEqualsTheDSL() async throws {
        let compilation = await compile("standard-csr.order")
        #expect(!compilation.hasErrors, "\(brief(compilation.diagnostics))")
        let pem = try String(contentsOfFile: Repo.example("request.csr"), encoding: .utf8)
        let dsl = Order(.codeSigning) {
            Certificate {
                Hash(.sha256)
                CSR(pem)
            }
            Provisioning(.email)
            Validity(years: 1)
            Organization(123456)
            AdditionalEmails("security@example.com", "release@example.com")
            AlternativeOrderID("release-signing-2026")
            CustomField(12, "SEC-RELEASE")
        }
        #expect(compilation.orders.map(compact) == payloads([dsl]))
        #expect(compilation.orders.first?.product == .codeSigning)
        // The CSR is a real RSA-3072 request: the validator accepts it.
        #expect(compilation.diagnostics.isEmpty, "\(brief(compilation.diagnostics))")
        #expect(try CSRInspector.inspect(pem).key == .rsa(bits: 3072))
    }

    @Test func runCommandsExampleEqualsTheDSL() async throws {
        let handler = RecordingHandler()
        let interpreter = Interpreter()
        let result = try await interpreter.evaluate(Source.file(atPath: Repo.example("run-commands.order"), name: "run-commands.order"), handler: handler)
        #expect(result.diagnostics.isEmpty, "\(brief(result.diagnostics))")
        let dsl = Order(.codeSigningEV) {
            acmeDefaults()
            Provisioning(.shipToken)
            Validity(years: 1)
            Ship(to: Address(name: "Erin Guerra", addr1: "360 Taylor Street", city: "Richmond", state: "va", zip: "69662", country: "us"),
                 method: .standard)
        }
        #expect(handler.output == ["validate", payloads([dsl])[0], "export swift"])
        #expect(result.orders.map(compact) == payloads([dsl]))
        #expect(interpreter.draft?.request == dsl.request)
    }

    @Test func exportedSwiftOfEveryExampleIsStable() async throws {
        for example in ["documented-ev.order", "batch.order", "standard-csr.order"] {
            for order in await compile(example).orders {
                let code = SwiftExporter.code(for: order)
                #expect(code.hasPrefix("import CertOrder\n\nlet order = Order("))
                // What no component expresses is assigned after the order; the examples need none.
                #expect(!code.contains("order.request."))
                let script = ScriptExporter.script(for: order)
                let again = try #require(await evaluate(script).orders.first)
                #expect(compact(again) == compact(order))
            }
        }
    }

    // MARK: - Forms the DSL has no component for

    @Test func swiftExportAssignsWhatTheDSLCannotSay() throws {
        var request = OrderRequest()
        request.certificate.signatureHash = "sha1"
        request.validityYears = 1
        request.orderValidity = .init(years: 2, days: 30)
        request.shipInfo = .init(city: "Oslo", method: "STANDARD")
        request.customFields = []
        request.paymentMethod = "bitcoin"
        request.certificate.csr = "line 1\nline \"2\"\n"
        request.comments = "tab\there \\ \u{7}"
        #expect(SwiftExporter.code(for: request, product: .codeSigning) == (try Self.golden("export/assignments.swift.txt")))
        // The same code, run: the payload is the same.
        var order = Order(.codeSigning) {
            Certificate {
                CSR("""
                    line 1
                    line "2"

                    """)
            }
            Comments("tab\there \\ \u{7}")
        }
        order.request.certificate.signatureHash = "sha1"
        order.request.validityYears = 1
        order.request.orderValidity = OrderRequest.OrderValidity(years: 2, days: 30)
        order.request.shipInfo = OrderRequest.ShipInfo(city: "Oslo", method: "STANDARD")
        order.request.customFields = []
        order.request.paymentMethod = "bitcoin"
        #expect(order.request == request)
    }

    @Test func scriptExportWritesEveryValidityFormAndEmptyList() async throws {
        var request = OrderRequest()
        request.validityYears = 1
        request.orderValidity = .init(years: 2, days: 30)
        request.customExpirationDate = "2027-01-31"
        request.customFields = []
        request.additionalEmails = []
        request.certificate.organizationUnits = []
        request.certificate.serverPlatform = .init(id: -1)
        request.skipApproval = false
        request.shipInfo = .init()
        let script = ScriptExporter.script(for: request, product: .codeSigning)
        #expect(script == """
            order code_signing <
              certificate <
                platform other
                set certificate.organization_units ""
              >
              validity 1
              set order_validity.years 2
              set order_validity.days 30
              set custom_expiration_date 2027-01-31
              skip_approval false
              ship < >
              set custom_fields ""
              set additional_emails ""
            >

            """)
        let order = try #require(await evaluate(script).orders.first)
        #expect(order.request == request)
    }

    // MARK: - Property: any payload survives JSON → script → JSON

    static func randomText(_ rng: inout SeededGenerator, multiline: Bool = false) -> String {
        let pieces = ["Erin", "Guerra", " ", "360", "\"", "\\", "$", "${x}", "{", "}", "#", "<", ">", ";", ",", "é", "😀",
                      "\t", "\u{7}", "\u{0}", "@", "-", "_", ".", "'", "\"\"\"", "zip", "\r"] + (multiline ? ["\n", "\n", "  "] : [])
        let count = Int.random(in: 0...8, using: &rng)
        return (0..<count).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }

    static func randomRequest(_ rng: inout SeededGenerator) -> OrderRequest {
        func maybe(_ p: Double = 0.5) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
        var r = OrderRequest()
        if maybe() { r.certificate.signatureHash = "sha256" }
        if maybe() { r.certificate.serverPlatform = .init(id: [-1, 52, 0, 7, -3].randomElement(using: &rng)!) }
        if maybe() { r.certificate.organizationUnits = (0..<Int.random(in: 0...3, using: &rng)).map { _ in randomText(&rng) } }
        if maybe(0.3) { r.certificate.csr = randomText(&rng, multiline: true) }
        if maybe() { r.provisioningMethod = ProvisioningMethod.allCases.randomElement(using: &rng)!.rawValue }
        if maybe() { r.validityYears = Int.random(in: -2...5, using: &rng) }
        if maybe(0.3) { r.orderValidity = .init(years: maybe() ? 2 : nil, days: maybe() ? 30 : nil) }
        if maybe(0.3) { r.customExpirationDate = maybe() ? "2027-05-31" : randomText(&rng) }
        if maybe() { r.comments = randomText(&rng, multiline: true) }
        if maybe() { r.skipApproval = maybe() }
        if maybe() { r.organization = .init(id: Int.random(in: -5...999_999, using: &rng)) }
        if maybe() { r.container = .init(id: Int.random(in: 0...999_999, using: &rng)) }
        if maybe() {
            var ship = OrderRequest.ShipInfo()
            for field in OrderRequest.ShipInfo.fieldNames where field != "method" && maybe() { ship[field: field] = randomText(&rng) }
            if maybe() { ship.method = ShippingMethod.allCases.randomElement(using: &rng)!.rawValue }
            r.shipInfo = ship
        }
        if maybe() { r.autoRenew = Int.random(in: 0...3, using: &rng) }
        if maybe() { r.renewalMessage = randomText(&rng) }
        if maybe() { r.customFields = (0..<Int.random(in: 0...3, using: &rng)).map { _ in .init(metadataID: Int.random(in: -1...99, using: &rng), value: randomText(&rng)) } }
        if maybe() { r.paymentMethod = PaymentMethod.allCases.randomElement(using: &rng)!.rawValue }
        if maybe() { r.renewalOfOrderID = Int.random(in: 1...999, using: &rng) }
        if maybe() { r.additionalEmails = (0..<Int.random(in: 0...3, using: &rng)).map { _ in randomText(&rng) } }
        if maybe() { r.alternativeOrderID = randomText(&rng) }
        return r
    }

    @Test func anyPayloadSurvivesJSONToScriptToJSON() async throws {
        var rng = SeededGenerator(seed: 20261129)
        for i in 0..<600 {
            let request = Self.randomRequest(&rng)
            let product: Product = i % 2 == 0 ? .codeSigning : .codeSigningEV
            let json = PayloadWriter.pretty(request)
            let read = try PayloadReader.read(Data(json.utf8))
            let script = ScriptExporter.script(for: read, product: product)
            let result = await evaluate(script, name: "export-\(i).order")
            #expect(result.diagnostics.isEmpty, "\(i): \(brief(result.diagnostics))\n\(script)")
            guard let order = result.orders.first else { continue }
            #expect(PayloadWriter.pretty(order.request) == json, "\(i): \(script)")
            #expect(order.product == product)
            #expect(ScriptFormatter.format(script) == script, "\(i): export is not canonical")
        }
    }
}
