import CertOrder
import Foundation
import Testing
import TestSupport

/// The documented example, written with the DSL.
let documentedOrder = DocumentedExample.order()

/// A reusable recipe: a function returning components.
@OrderBuilder
func acmeDefaults(org: Int, team: String? = nil) -> some OrderComponent {
    Organization(org)
    Container(654321)
    Payment(.balance)
    if let team {
        Certificate { OrganizationUnits(team) }
    }
}

@Suite struct DSLTests {
    @Test func aCertificateBlockWritesItsPartsInThePayloadsOrderWhateverTheirOrder() {
        let reordered = Order(.codeSigningEV) {
            Certificate {
                OrganizationUnits("Engineering")
                Platform(52)
                Hash(.sha256)
            }
        }
        #expect(reordered.request.certificate == documentedOrder.request.certificate)
        #expect(String(decoding: PayloadWriter.compact(reordered.request), as: UTF8.self)
            == #"{"certificate":{"organization_units":["Engineering"],"server_platform":{"id":52},"signature_hash":"sha256"}}"#)
    }

    @Test func documentedExampleIsByteForByteThePrettyBody() throws {
        #expect(documentedOrder.json == (try Fixture.documentedRequest()))
    }

    @Test func documentedExamplePayloadIsTheSameJSON() throws {
        let payload = try documentedOrder.payload()
        let expected = try JSONSerialization.jsonObject(with: Fixture.data("documented-ev-order.request.json")) as! NSDictionary
        let actual = try JSONSerialization.jsonObject(with: payload) as! NSDictionary
        #expect(actual == expected)
        #expect(String(decoding: payload, as: UTF8.self).hasPrefix(#"{"certificate":{"organization_units":["Engineering"],"server_platform":{"id":52},"signature_hash":"sha256"},"cs_provisioning_method":"ship_token","validity_years":1,"#))
    }

    @Test func documentedExampleHasOnlyTheExpectedWarnings() {
        #expect(documentedOrder.diagnostics.map(\.description) == [
            "certificate.organization_units: warning: DigiCert has been removing OU from certificates; the unit may not appear in the certificate",
            "ship_info.method: warning: EXPEDITED shipping incurs an added cost; use STANDARD unless the token is urgent",
        ])
    }

    @Test func recipeFunctionAndControlFlowCompose() throws {
        let teams = ["Build", "Release"]
        let expedite = false
        let tier = 2
        let order = Order(.codeSigning) {
            acmeDefaults(org: 7, team: "Engineering")
            Certificate {
                Hash(.sha256)
                for team in teams { OrganizationUnits(team) }
            }
            if expedite {
                Comments("rush")
            } else {
                Comments("no rush")
            }
            switch tier {
            case 1: Validity(years: 1)
            default: Validity(days: 200)
            }
            Optional<AlternativeOrderID>.none
            AdditionalEmails("a@example.com")
            AdditionalEmails("b@example.com", "c@example.com")
        }
        #expect(String(decoding: try order.payload(), as: UTF8.self) == #"""
        {"certificate":{"organization_units":["Engineering","Build","Release"],"signature_hash":"sha256"},"comments":"no rush","organization":{"id":7},"container":{"id":654321},"payment_method":"balance","order_validity":{"days":200},"additional_emails":["a@example.com","b@example.com","c@example.com"]}
        """#)
    }

    @Test func scalarsTakeTheLastValueAndValidityFormsReplaceEachOther() {
        let order = Order(.codeSigning) {
            Organization(1)
            Organization(2)
            Validity(days: 30)
            Validity(years: 1)
            Certificate { Hash(.sha256) }
            Certificate { Platform.other }
        }
        #expect(order.request.organization?.id == 2)
        #expect(order.request.validityYears == 1)
        #expect(order.request.orderValidity == nil)
        #expect(order.request.certificate == .init(serverPlatform: .init(id: -1), signatureHash: "sha256"))
    }

    @Test func outOfRangeValuesBuildAndBecomeDiagnostics() throws {
        let order = Order(.codeSigning) {
            Certificate { Hash(.sha256) }
            Organization(123456)
            Validity(years: 4)
        }
        #expect(order.request.validityYears == 4)
        #expect(throws: InvalidOrderError.self) { try order.payload() }
        do {
            _ = try order.payload()
        } catch {
            #expect(error.diagnostics.map(\.description) == ["validity_years: error: validity_years must be 1, 2 or 3; got 4"])
        }
    }

    @Test func validityUntilADateWritesTheUTCDay() {
        let date = Date(timeIntervalSince1970: 1_811_116_800) // 2027-05-24T00:00:00Z
        let order = Order(.codeSigning) { Validity(until: date) }
        #expect(order.request.customExpirationDate == "2027-05-24")
    }
}
