import Foundation
import Testing
import CertOrder
@testable import OrderLanguage
import TestSupport

/// Verified contacts (issue 14, item 1): `organization.contacts` with `contact_type:
/// verified_contact`, written `contact < … >` in the language and `VerifiedContact(…)` inside
/// `Organization` in the DSL, checked by the validator, and written back by every exporter.
@Suite struct VerifiedContactTests {
    static let script = """
        order code_signing <
          certificate < hash sha256 >
          provisioning client_app
          validity 1
          organization 123456
          contact <
            first_name Ada
            last_name Lovelace
            email ada@example.com
            job_title "Release Manager"
            telephone "+1 801 555 0100"
          >
        >

        """

    /// The compact payload of ``script``.
    static let payload = #"{"certificate":{"signature_hash":"sha256"},"cs_provisioning_method":"client_app","validity_years":1,"#
        + #""organization":{"id":123456,"contacts":[{"contact_type":"verified_contact","first_name":"Ada","last_name":"Lovelace","#
        + #""email":"ada@example.com","job_title":"Release Manager","telephone":"+1 801 555 0100"}]}}"#

    static let dsl = Order(.codeSigning) {
        Certificate { Hash(.sha256) }
        Provisioning(.clientApp)
        Validity(years: 1)
        Organization(123456) {
            VerifiedContact(firstName: "Ada", lastName: "Lovelace", email: "ada@example.com",
                            jobTitle: "Release Manager", telephone: "+1 801 555 0100")
        }
    }

    @Test func aContactBlockAppendsAVerifiedContactToTheOrganization() async throws {
        let result = await evaluate(Self.script)
        #expect(brief(result.diagnostics) == [])
        let order = try #require(result.orders.first)
        #expect(compact(order) == Self.payload)
        #expect(order.validate(with: Validator(today: testToday)).isEmpty)
    }

    @Test func theDSLWritesTheSamePayload() {
        #expect(String(decoding: PayloadWriter.compact(Self.dsl.request), as: UTF8.self) == Self.payload)
    }

    @Test func theContactBeforeTheOrganizationIsKeptByIt() async throws {
        let moved = Self.script.replacingOccurrences(of: "  organization 123456\n", with: "")
            .replacingOccurrences(of: "  >\n>", with: "  >\n  organization 123456\n>")
        let result = await evaluate(moved)
        #expect(brief(result.diagnostics) == [])
        #expect(compact(try #require(result.orders.first)) == Self.payload)
    }

    @Test func exportOrderWritesTheBlockBackAndCompilesToTheSameBytes() async throws {
        let result = await evaluate(Self.script)
        let order = try #require(result.orders.first)
        let script = ScriptExporter.script(for: order)
        #expect(script == Self.script.replacingOccurrences(of: "  certificate < hash sha256 >\n", with: "  certificate <\n    hash sha256\n  >\n"))
        let again = await evaluate(script)
        #expect(compact(try #require(again.orders.first)) == Self.payload)
        #expect(ScriptFormatter.format(script) == script, "export order prints the canonical form")
    }

    @Test func exportSwiftWritesVerifiedContactInsideOrganization() async throws {
        let order = try #require(await evaluate(Self.script).orders.first)
        #expect(SwiftExporter.code(for: order) == """
            import CertOrder

            let order = Order(.codeSigning) {
                Certificate {
                    Hash(.sha256)
                }
                Provisioning(.clientApp)
                Validity(years: 1)
                Organization(123456) {
                    VerifiedContact(
                        firstName: "Ada",
                        lastName: "Lovelace",
                        email: "ada@example.com",
                        jobTitle: "Release Manager",
                        telephone: "+1 801 555 0100"
                    )
                }
            }

            """)
    }

    @Test func anIncompleteContactIsExportedAsItIsAndReadBack() async throws {
        var request = Self.dsl.request
        request.organization?.contacts?[0].jobTitle = nil
        request.organization?.contacts?.append(OrderRequest.Contact(contactType: "technical_contact", firstName: "Bo"))
        let script = ScriptExporter.script(for: request, product: .codeSigning)
        #expect(script.contains("""
              contact <
                first_name Bo
              >
              set organization.contacts[1].contact_type "technical_contact"

            """), "\(script)")
        let again = try #require(await evaluate(script).orders.first)
        #expect(again.request == request)
        let swift = SwiftExporter.code(for: request, product: .codeSigning)
        #expect(swift.contains(#"order.request.organization?.contacts = [OrderRequest.Contact(contactType: "verified_contact", firstName: "Ada", "#
                               + #"lastName: "Lovelace", email: "ada@example.com", telephone: "+1 801 555 0100"), "#
                               + #"OrderRequest.Contact(contactType: "technical_contact", firstName: "Bo")]"#), "\(swift)")
    }

    @Test func theValidatorSaysWhatAContactLacksAndWhereItIsWritten() async throws {
        let broken = Self.script
            .replacingOccurrences(of: "    job_title \"Release Manager\"\n", with: "")
            .replacingOccurrences(of: "ada@example.com", with: "ada.example.com")
            .replacingOccurrences(of: "\"+1 801 555 0100\"", with: "\"call me\"")
        let order = try #require(await evaluate(broken).orders.first)
        #expect(brief(order.validate(with: Validator(today: testToday))) == [
            "error: 6:3 organization.contacts[0].job_title is required: CertCentral verifies a contact by name, email, job title and telephone; add 'job_title ...' to the contact",
            "error: 9:11 'ada.example.com' is not an email address; write it as name@example.com",
            "error: 10:15 'call me' is not a telephone number; write 7 to 15 digits, with an optional leading + and spaces, dashes, dots or parentheses, as +1 801 555 0100",
        ])
    }

    @Test func contactStatementsBelongInTheContactBlock() async throws {
        let result = await evaluate("order code_signing <\n  first_name Ada\n>\n")
        #expect(brief(result.diagnostics).first?.hasPrefix("error: 2:3 ") == true, "\(brief(result.diagnostics))")
        #expect(brief(result.diagnostics).first?.contains("contact") == true, "\(brief(result.diagnostics))")
    }

    @Test func setAndUnsetReachAContactsMembers() throws {
        var request = OrderRequest()
        try request.set(path: "organization.contacts[0].first_name", value: "Ada")
        #expect(request.organization?.id == 0, "an organization without an id until one is set")
        try request.set(path: "organization", value: "123456")
        try request.set(path: "organization.contacts[0].telephone", value: "+1 801 555 0100")
        #expect(request.organization?.contacts == [OrderRequest.Contact(firstName: "Ada", telephone: "+1 801 555 0100")])
        #expect(request.value(at: "organization.contacts[0].first_name") == "Ada")
        try request.set(path: "organization", value: "7")
        #expect(request.organization?.contacts?.count == 1, "a new organization id keeps the contacts")
        try request.unset(path: "organization.contacts[0]")
        #expect(request.organization?.contacts == [])
    }

    @Test func theTelephoneShape() {
        for good in ["+1 801 555 0100", "(801) 555-0100", "0207.946.0000", "4420794600001"] { #expect(Validator.isTelephone(good), "\(good)") }
        for bad in ["call me", "555", "+1 801 555 0100 ext", "1+801", "1234567890123456"] { #expect(!Validator.isTelephone(bad), "\(bad)") }
    }
}
