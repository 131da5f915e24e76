import CertOrder
import Foundation
import Testing

/// One validator rule: a change to a valid order and every diagnostic it must produce.
struct RuleCase: CustomTestStringConvertible, Sendable {
    let name: String
    let product: Product
    let change: @Sendable (inout OrderRequest) -> Void
    let expected: [String]

    init(_ name: String, _ product: Product, _ expected: [String], change: @escaping @Sendable (inout OrderRequest) -> Void) {
        self.name = name
        self.product = product
        self.change = change
        self.expected = expected
    }

    init(_ name: String, _ expected: [String], change: @escaping @Sendable (inout OrderRequest) -> Void) {
        self.init(name, .codeSigning, expected, change: change)
    }

    var testDescription: String { name }
}

/// The smallest valid standard order.
func minimalRequest() -> OrderRequest {
    Order(.codeSigning) {
        Certificate { Hash(.sha256) }
        Organization(123456)
        Validity(years: 1)
    }.request
}

let today = Validator.parseDate("2026-11-29")!

func csr(_ name: String) -> String { (try? Fixture.text("csr/\(name).csr")) ?? "" }

let ruleCases: [RuleCase] = [
    RuleCase("minimal order is clean", []) { _ in },
    RuleCase("hash missing", ["certificate.signature_hash: error: signature_hash is required; add 'hash sha256'"]) {
        $0.certificate.signatureHash = nil
    },
    RuleCase("hash near miss", ["certificate.signature_hash: error: signature_hash must be sha256; got 'sha265'. Did you mean 'sha256'?"]) {
        $0.certificate.signatureHash = "sha265"
    },
    RuleCase("hash sha1", ["certificate.signature_hash: error: signature_hash must be sha256; got 'sha1'."]) {
        $0.certificate.signatureHash = "sha1"
    },
    RuleCase("platform zero", ["certificate.server_platform.id: error: server_platform.id must be a positive platform id or -1 (other); got 0"]) {
        $0.certificate.serverPlatform = .init(id: 0)
    },
    RuleCase("organization units warn; empty unit errors", [
        "certificate.organization_units[1]: error: organization unit 2 is empty; give a department name or remove it",
        "certificate.organization_units: warning: DigiCert has been removing OU from certificates; the unit may not appear in the certificate",
    ]) { $0.certificate.organizationUnits = ["Eng", " "] },
    RuleCase("email provisioning needs a CSR", [
        "certificate.csr: error: a CSR is required when cs_provisioning_method is email; add 'csr @request.csr'",
    ]) { $0.provisioningMethod = "email" },
    RuleCase("Sun Java needs a CSR", [
        "certificate.csr: error: a CSR is required for server platform 55 (Sun Java); add 'csr @request.csr'",
    ]) { $0.certificate.serverPlatform = .init(id: 55) },
    RuleCase("RSA 3072 CSR is accepted", []) { $0.provisioningMethod = "email"; $0.certificate.csr = csr("rsa3072") },
    RuleCase("P-256 CSR is accepted", []) { $0.provisioningMethod = "email"; $0.certificate.csr = csr("p256") },
    RuleCase("RSA 2048 CSR is refused", [
        "certificate.csr: error: the CSR's key is RSA 2048; code signing needs RSA 3072 bits or more, or ECC P-256 or larger",
    ]) { $0.certificate.csr = csr("rsa2048") },
    RuleCase("Ed25519 CSR is refused", [
        "certificate.csr: error: the CSR's key is Ed25519; code signing needs RSA 3072 bits or more, or ECC P-256 or larger",
    ]) { $0.certificate.csr = csr("ed25519") },
    RuleCase("CSR that is not PEM", [
        "certificate.csr: error: the CSR is not PEM text; paste the whole '-----BEGIN CERTIFICATE REQUEST-----' block",
    ]) { $0.certificate.csr = "hello" },
    RuleCase("CSR PEM that does not parse", [
        "certificate.csr: error: the CSR cannot be parsed as a PKCS #10 certificate request; generate it again",
    ]) { $0.certificate.csr = "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----" },
    RuleCase("provisioning near miss", [
        "cs_provisioning_method: error: cs_provisioning_method must be ship_token, client_app or email; got 'ship-token'. Did you mean 'ship_token'?",
    ]) { $0.provisioningMethod = "ship-token" },
    RuleCase("EV without provisioning warns", .codeSigningEV, [
        "cs_provisioning_method: warning: no provisioning method: the account's default is used; add 'provisioning ship_token', 'client_app' or 'email'",
    ]) { _ in },
    RuleCase("validity missing", [
        "validity_years: error: a validity is required; add 'validity 1' (years), 'validity N days' or 'validity until YYYY-MM-DD'",
    ]) { $0.validityYears = nil },
    RuleCase("validity 4 years", ["validity_years: error: validity_years must be 1, 2 or 3; got 4"]) { $0.validityYears = 4 },
    RuleCase("validity 0 years", ["validity_years: error: validity_years must be 1, 2 or 3; got 0"]) { $0.validityYears = 0 },
    RuleCase("validity 3 years warns about the cap", [
        "validity_years: warning: certificates are issued for at most 459 days; a 3-year order is covered by reissues",
    ]) { $0.validityYears = 3 },
    RuleCase("two validity forms", [
        "order_validity.days: error: give exactly one validity; validity_years and order_validity.days are both set; remove all but one",
    ]) { $0.orderValidity = .init(days: 30) },
    RuleCase("days in range", []) { $0.validityYears = nil; $0.orderValidity = .init(days: 459) },
    RuleCase("days over the cap", ["order_validity.days: error: order_validity.days must be 1 to 459; got 460"]) {
        $0.validityYears = nil; $0.orderValidity = .init(days: 460)
    },
    RuleCase("order_validity years", ["order_validity.years: error: order_validity.years must be 1, 2 or 3; got 5"]) {
        $0.validityYears = nil; $0.orderValidity = .init(years: 5)
    },
    RuleCase("empty order_validity", ["order_validity: error: order_validity is empty; give years or days"]) {
        $0.validityYears = nil; $0.orderValidity = .init()
    },
    RuleCase("date within the cap", []) { $0.validityYears = nil; $0.customExpirationDate = "2027-12-01" },
    RuleCase("date beyond the cap", ["custom_expiration_date: error: custom_expiration_date 2028-03-04 is 461 days away; the most is 459"]) {
        $0.validityYears = nil; $0.customExpirationDate = "2028-03-04"
    },
    RuleCase("date in the past", ["custom_expiration_date: error: custom_expiration_date 2026-11-29 is not in the future; give a later date"]) {
        $0.validityYears = nil; $0.customExpirationDate = "2026-11-29"
    },
    RuleCase("date malformed", ["custom_expiration_date: error: custom_expiration_date must be a date as YYYY-MM-DD; got '2027-02-30'"]) {
        $0.validityYears = nil; $0.customExpirationDate = "2027-02-30"
    },
    RuleCase("organization missing", [
        "organization.id: error: an organization is required; add 'organization ID' (see 'orgs' for your validated organizations)",
    ]) { $0.organization = nil },
    RuleCase("ids must be positive", [
        "organization.id: error: organization.id must be a positive id; got 0",
        "container.id: error: container.id must be a positive id; got -3",
        "renewal_of_order_id: error: renewal_of_order_id must be a positive id; got 0",
        "auto_renew: error: auto_renew must be 0 or more; got -1",
    ]) { $0.organization = .init(id: 0); $0.container = .init(id: -3); $0.renewalOfOrderID = 0; $0.autoRenew = -1 },
    RuleCase("ship_info incomplete, bad country, bad method, no ship_token", [
        "ship_info.addr1: error: ship_info.addr1 is required when shipping a token; add 'addr1 ...' to the ship block",
        "ship_info.zip: error: ship_info.zip is required when shipping a token; add 'zip ...' to the ship block",
        "ship_info.method: error: ship_info.method is required when shipping a token; add 'method ...' to the ship block",
        "ship_info.country: error: ship_info.country must be an ISO 3166 two-letter code such as 'us'; got 'usa'. Did you mean 'us'?",
        "ship_info: warning: ship_info is used only when cs_provisioning_method is ship_token; add 'provisioning ship_token' or remove the ship block",
    ]) { $0.shipInfo = .init(name: "Erin", city: "Richmond", state: "va", country: "usa") },
    RuleCase("ship method near miss", [
        "ship_info.method: error: ship_info.method must be STANDARD or EXPEDITED; got 'expidited'. Did you mean 'EXPEDITED'?",
    ]) {
        $0.provisioningMethod = "ship_token"
        $0.shipInfo = .init(name: "E", addr1: "1 St", city: "R", state: "va", zip: "1", country: "US", method: "expidited")
    },
    RuleCase("expedited warns about cost", [
        "ship_info.method: warning: EXPEDITED shipping incurs an added cost; use STANDARD unless the token is urgent",
    ]) {
        $0.provisioningMethod = "ship_token"
        $0.shipInfo = .init(name: "E", addr1: "1 St", city: "R", state: "va", zip: "1", country: "de", method: "EXPEDITED")
    },
    RuleCase("custom fields", [
        "custom_fields[0].metadata_id: error: custom_fields[0].metadata_id must be a positive id; got 0",
        "custom_fields[1].value: error: custom field 12 has an empty value; give a value or remove it",
    ]) { $0.customFields = [.init(metadataID: 0, value: "x"), .init(metadataID: 12, value: "")] },
    RuleCase("payment near miss", ["payment_method: error: payment_method must be balance, card or profile; got 'balanse'. Did you mean 'balance'?"]) {
        $0.paymentMethod = "balanse"
    },
    RuleCase("emails", [
        "additional_emails[1]: error: 'not an email' is not an email address; write it as name@example.com",
        "additional_emails[2]: error: 'x@localhost' is not an email address; write it as name@example.com",
    ]) { $0.additionalEmails = ["ok@example.com", "not an email", "x@localhost"] },
    RuleCase("alternative order id too long", ["alternative_order_id: error: alternative_order_id must be 1 to 64 characters; got 65"]) {
        $0.alternativeOrderID = String(repeating: "x", count: 65)
    },
]

@Suite struct ValidatorTests {
    @Test(arguments: ruleCases)
    func rule(_ rule: RuleCase) {
        var request = minimalRequest()
        rule.change(&request)
        let diagnostics = Validator(today: today).validate(request, product: rule.product)
        #expect(diagnostics.map(\.description) == rule.expected)
    }

    @Test func apiCodesCarryTheField() {
        var request = minimalRequest()
        request.validityYears = 9
        let diagnostic = Validator(today: today).validate(request, product: .codeSigning)[0]
        #expect(diagnostic.apiCode == "invalid_value:validity_years")
        #expect(diagnostic.kind == .invalidValue)
        #expect(diagnostic.severity == .error)
    }

    @Test func anEmptyDraftGetsEveryRequiredFieldAtOnce() {
        let diagnostics = Validator(today: today).validate(OrderRequest(), product: .codeSigningEV)
        #expect(diagnostics.map(\.path) == ["certificate.signature_hash", "cs_provisioning_method", "validity_years", "organization.id"])
        #expect(diagnostics.errors.count == 3)
    }

    @Test func csrInspectorReadsKeys() throws {
        #expect(try CSRInspector.inspect(csr("rsa3072")).key == .rsa(bits: 3072))
        #expect(try CSRInspector.inspect(csr("p256")).key == .ecdsa(curve: "P-256"))
        #expect(try CSRInspector.inspect(csr("ed25519")).key == .other("Ed25519"))
    }

    @Test func suggestionsFindTyposOnly() {
        #expect(Suggestion.closest(to: "expidited", in: ["STANDARD", "EXPEDITED"]) == "EXPEDITED")
        #expect(Suggestion.closest(to: "zzz", in: ["balance", "card", "profile"]) == nil)
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
        #expect(Suggestion.editDistance("nmae", "name") == 1)
        #expect(Suggestion.closest(to: "nmae", in: ["name", "addr1", "city"]) == "name")
    }
}
