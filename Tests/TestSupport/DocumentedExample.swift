import CertOrder
import Foundation

/// The documented example order (DigiCert's EV code signing request) and its three answers, as
/// the files of `Tests/CertOrderTests/Fixtures` hold them: the one copy every test target reads.
public enum DocumentedExample {
    /// `Tests/CertOrderTests/Fixtures`.
    public static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("CertOrderTests/Fixtures", isDirectory: true)

    /// The bytes of `Fixtures/<name>`.
    public static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }

    /// The documented request body, as it stands (pretty-printed, final newline included).
    public static func payload() throws -> Data {
        try fixture("documented-ev-order.request.json")
    }

    /// The documented request, decoded. `name` replaces the shipping name, so that orders of
    /// different tests (or of one batch) are distinct.
    public static func request(name: String? = nil) throws -> OrderRequest {
        var request = try PayloadReader.read(try payload())
        if let name { request.shipInfo?.name = name }
        return request
    }

    /// The documented example written with the DSL, in the form `export swift` prints it
    /// (`Tests/OrderLanguageTests/Golden/export/documented-ev.swift.txt`).
    public static func order() -> Order {
        Order(.codeSigningEV) {
            Certificate {
                Hash(.sha256)
                Platform(52)
                OrganizationUnits("Engineering")
            }
            Provisioning(.shipToken)
            Validity(years: 1)
            Comments("Message for the approver")
            SkipApproval()
            Organization(123456)
            Container(654321)
            Ship(
                to: Address(name: "Erin Guerra", addr1: "360 Taylor Street", addr2: "Floor 74",
                            city: "Richmond", state: "va", zip: "69662", country: "us"),
                method: .expedited
            )
            AutoRenew(1)
            RenewalMessage("Renew this please.")
            CustomField(12, "123456")
            Payment(.balance)
        }
    }

    /// An EV order with a token shipped (standard) to Richmond, valid in the sandbox's seeded
    /// account; `name`, `addr1` and `zip` are written as given: quoted strings or `$variables`.
    public static func tokenOrderScript(name: String, addr1: String, zip: String) -> String {
        """
        order code_signing_ev <
          certificate < hash sha256 >
          provisioning ship_token
          validity 1
          organization 123456
          container 654321
          custom_field 12 "CC-42"
          ship < name \(name); addr1 \(addr1); city Richmond; state va; zip \(zip); country us; method standard >
        >
        """
    }
}
