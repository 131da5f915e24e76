import CertOrder
import Foundation
import OrderLanguage
import Testing
@testable import OrderShell

/// `show`'s tree and the prompt, as exact text.
@Suite("Rendering")
struct RenderingTests {
    /// The documented example, compiled from the language (as `load` or `order` makes it).
    static func documentedExample() async throws -> CompiledOrder {
        let compilation = await Compiler().compile(Source(name: "documented-ev.order", text: documentedScript))
        #expect(!compilation.hasErrors)
        return try #require(compilation.orders.first)
    }

    static let documentedScript = """
        order code_signing_ev <
          certificate < hash sha256; platform 52; unit Engineering >
          provisioning ship_token; validity 1; comments "Message for the approver"; skip_approval
          organization 123456; container 654321
          ship < name "Erin Guerra"; addr1 "360 Taylor Street"; addr2 "Floor 74"; city Richmond; state va; zip "69662"; country us; method expedited >
          auto_renew 1; renewal_message "Renew this please."; custom_field 12 "123456"; payment balance
        >
        """

    static func render(_ product: Product, _ request: OrderRequest, color: Bool = false) -> String {
        DraftRenderer(color: color).render(product: product, request: request, diagnostics: Validator().validate(request, product: product))
    }

    @Test("the documented example as a tree, each warning beside its field")
    func documentedTree() async throws {
        let order = try await Self.documentedExample()
        #expect(Self.render(order.product, order.request) == """
            code_signing_ev order · 0 errors · 2 warnings
            ├─ certificate
            │  ├─ organization_units: "Engineering"  ! DigiCert has been removing OU from certificates; the unit may not appear in the certificate
            │  ├─ server_platform.id: 52
            │  └─ signature_hash: sha256
            ├─ cs_provisioning_method: ship_token
            ├─ validity_years: 1
            ├─ comments: "Message for the approver"
            ├─ skip_approval: true
            ├─ organization.id: 123456
            ├─ container.id: 654321
            ├─ ship_info
            │  ├─ name: Erin Guerra
            │  ├─ addr1: 360 Taylor Street
            │  ├─ addr2: Floor 74
            │  ├─ city: Richmond
            │  ├─ state: va
            │  ├─ zip: 69662
            │  ├─ country: us
            │  └─ method: EXPEDITED  ! EXPEDITED shipping incurs an added cost; use STANDARD unless the token is urgent
            ├─ auto_renew: 1
            ├─ custom_renewal_message: "Renew this please."
            ├─ custom_fields
            │  └─ [0]: metadata_id 12 = "123456"
            └─ payment_method: balance
            """)
    }

    @Test("an empty draft: the required fields as (missing) lines, each with what to add")
    func emptyDraft() {
        #expect(Self.render(.codeSigningEV, OrderRequest()) == """
            code_signing_ev order · 3 errors · 1 warning
            ├─ certificate
            │  └─ signature_hash: (missing)  ✗ signature_hash is required; add 'hash sha256'
            ├─ cs_provisioning_method: (missing)  ! no provisioning method: the account's default is used; add 'provisioning ship_token', 'client_app' or 'email'
            ├─ validity_years: (missing)  ✗ a validity is required; add 'validity 1' (years), 'validity N days' or 'validity until YYYY-MM-DD'
            └─ organization.id: (missing)  ✗ an organization is required; add 'organization ID' (see 'orgs' for your validated organizations)
            """)
        #expect(Self.render(.codeSigning, OrderRequest()) == """
            code_signing order · 3 errors · 0 warnings
            ├─ certificate
            │  └─ signature_hash: (missing)  ✗ signature_hash is required; add 'hash sha256'
            ├─ validity_years: (missing)  ✗ a validity is required; add 'validity 1' (years), 'validity N days' or 'validity until YYYY-MM-DD'
            └─ organization.id: (missing)  ✗ an organization is required; add 'organization ID' (see 'orgs' for your validated organizations)
            """)
    }

    @Test("other fields: days, emails, platform other, alternative id; an error beside a bad value")
    func otherFields() {
        let order = Order(.codeSigning) {
            Certificate { Hash(.sha256); Platform.other }
            Validity(days: 30)
            Organization(5)
            AdditionalEmails("a@example.com", "b@example.com")
            AlternativeOrderID("release-1")
        }
        #expect(Self.render(order.product, order.request) == """
            code_signing order · 0 errors · 0 warnings
            ├─ certificate
            │  ├─ server_platform.id: -1 (other)
            │  └─ signature_hash: sha256
            ├─ organization.id: 5
            ├─ order_validity
            │  └─ days: 30
            ├─ additional_emails: a@example.com, b@example.com
            └─ alternative_order_id: release-1
            """)

        var request = order.request
        request.orderValidity = nil
        request.validityYears = 4
        let rendered = Self.render(.codeSigning, request)
        #expect(rendered.hasPrefix("code_signing order · 1 error · 0 warnings\n"))
        #expect(rendered.cliLines.contains { $0.hasPrefix("├─ validity_years: 4  ✗ ") }, "\(rendered)")
    }

    @Test("in colour: ✗ red and ! yellow, the rest plain")
    func colour() async throws {
        let order = try await Self.documentedExample()
        let plain = Self.render(order.product, order.request)
        let coloured = Self.render(order.product, order.request, color: true)
        #expect(coloured.contains("\u{1B}[33m!\u{1B}[0m EXPEDITED shipping"))
        #expect(coloured.replacingOccurrences(of: "\u{1B}[33m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "") == plain)
        let empty = Self.render(.codeSigningEV, OrderRequest(), color: true)
        #expect(empty.contains("\u{1B}[31m✗\u{1B}[0m signature_hash is required"))
    }

    // MARK: - Prompt

    @Test("the prompt: product, error count (warnings do not count) and endpoint")
    func prompt() async throws {
        let order = try await Self.documentedExample()
        let diagnostics = Validator().validate(order.request, product: order.product)
        #expect(diagnostics.count == 2)  // two warnings
        #expect(PromptRenderer.prompt(product: nil, diagnostics: [], endpoint: "sandbox") == "certorder [no draft · sandbox]> ")
        #expect(PromptRenderer.prompt(product: .codeSigningEV, diagnostics: diagnostics, endpoint: "sandbox") == "certorder [ev · valid · sandbox]> ")
        let empty = Validator().validate(OrderRequest(), product: .codeSigning)
        #expect(PromptRenderer.prompt(product: .codeSigning, diagnostics: empty, endpoint: "us") == "certorder [cs · 3 errors · us]> ")
        let one = [Diagnostic(.error, .missing, path: "organization.id", "x"), Diagnostic(.warning, .advice, path: "comments", "y")]
        #expect(PromptRenderer.prompt(product: .codeSigningEV, diagnostics: one, endpoint: "127.0.0.1:8443") == "certorder [ev · 1 error · 127.0.0.1:8443]> ")
        #expect(PromptRenderer.continuation == "      ...> ")
    }

    @Test("a session's prompt follows its draft and its endpoint")
    func sessionPrompt() async throws {
        let redactor = SecretRedactor()
        // A key: cc.example.com is off this machine, so live (SendPolicy), and needs one.
        let keys = APIKeyStore(redactor: redactor, environment: ["DIGICERT_API_KEY": "rendering-test-key"])
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("rendering-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let session = OrderSession(console: Console(capturing: redactor), keys: keys,
                                   connection: Connection(keys: keys, sandboxStateFile: nil), journalPath: journal)
        #expect(session.prompt == "certorder [no draft · sandbox]> ")
        #expect(await session.evaluateEntry("new ev", name: "<input>"))
        #expect(session.prompt == "certorder [ev · 3 errors · sandbox]> ")
        #expect(await session.evaluateEntry("certificate < hash sha256 >; validity 1", name: "<input>"))
        #expect(session.prompt == "certorder [ev · 1 error · sandbox]> ")
        // A line that fails leaves the draft, and so the prompt, as they were.
        #expect(await !session.evaluateEntry("organization 5; provisioning shipp", name: "<input>"))
        #expect(session.prompt == "certorder [ev · 1 error · sandbox]> ")
        #expect(await session.evaluateEntry("organization 5", name: "<input>"))
        #expect(session.prompt == "certorder [ev · valid · sandbox]> ")
        #expect(await session.evaluateEntry("endpoint https://cc.example.com/services/v2", name: "<input>"))
        #expect(session.prompt == "certorder [ev · valid · cc.example.com]> ")
        #expect(await session.evaluateEntry("new cs", name: "<input>"))
        #expect(session.prompt == "certorder [cs · 3 errors · cc.example.com]> ")
    }
}

extension String {
    fileprivate var cliLines: [String] { split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
}
