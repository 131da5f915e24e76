import CertOrder
import Foundation
import Testing

@Suite struct PayloadTests {
    @Test func decodingTheDocumentedBodyAndEncodingItAgainGivesTheSameBytes() throws {
        let original = try Fixture.documentedRequest()
        let request = try PayloadReader.read(Data(original.utf8))
        #expect(PayloadWriter.pretty(request) == original)
        #expect(request == documentedOrder.request)
    }

    @Test func stringsAreEscapedAsJSONRequires() {
        var request = OrderRequest()
        request.comments = "quote \" backslash \\ newline \n tab \t bell \u{07} slash / é 😀"
        #expect(String(decoding: PayloadWriter.compact(request), as: UTF8.self)
            == #"{"certificate":{},"comments":"quote \" backslash \\ newline \n tab \t bell \u0007 slash / é 😀"}"#)
    }

    @Test func escapedStringsDecodeBackToTheSameText() throws {
        var request = OrderRequest()
        request.comments = "line1\r\nline2\u{0}\u{1F}\"\\ ünïcødé"
        let decoded = try PayloadReader.read(PayloadWriter.compact(request))
        #expect(decoded.comments == request.comments)
    }

    @Test func absentFieldsAreOmittedAndEmptyContainersArePrettyPrinted() {
        var request = OrderRequest()
        request.additionalEmails = []
        request.orderValidity = .init(days: 10)
        #expect(PayloadWriter.pretty(request) == """
        {
          "certificate": {},
          "order_validity": {
            "days": 10
          },
          "additional_emails": []
        }
        """)
    }

    @Test func everyFieldIsWrittenInTheDocumentedOrder() throws {
        var request = documentedOrder.request
        request.orderValidity = .init(years: 1, days: 30)
        request.customExpirationDate = "2027-01-01"
        request.renewalOfOrderID = 9
        request.additionalEmails = ["a@example.com"]
        request.alternativeOrderID = "certorder-1"
        request.certificate.csr = "PEM"
        let text = String(decoding: PayloadWriter.compact(request), as: UTF8.self)
        let keys = ["\"certificate\"", "\"organization_units\"", "\"server_platform\"", "\"signature_hash\"", "\"csr\"",
                    "\"cs_provisioning_method\"", "\"validity_years\"", "\"comments\"", "\"skip_approval\"", "\"organization\"",
                    "\"container\"", "\"ship_info\"", "\"auto_renew\"", "\"custom_renewal_message\"", "\"custom_fields\"",
                    "\"payment_method\"", "\"order_validity\"", "\"custom_expiration_date\"", "\"renewal_of_order_id\"",
                    "\"additional_emails\"", "\"alternative_order_id\""]
        let offsets = keys.map { text.range(of: $0)!.lowerBound }
        #expect(offsets == offsets.sorted())
        #expect(try PayloadReader.read(Data(text.utf8)) == request)
    }

    @Test func foundationsEncoderAgreesWithTheWriter() throws {
        let viaEncoder = try JSONEncoder().encode(documentedOrder.request)
        let a = try JSONSerialization.jsonObject(with: viaEncoder) as! NSDictionary
        let b = try JSONSerialization.jsonObject(with: PayloadWriter.compact(documentedOrder.request)) as! NSDictionary
        #expect(a == b)
    }

    @Test func wrongTypesAreReportedWithTheirPath() {
        #expect(throws: PayloadReader.Failure(path: "validity_years", message: "expected an integer; fix the value's type")) {
            try PayloadReader.read(Data(#"{"validity_years":"1"}"#.utf8))
        }
        #expect(throws: PayloadReader.Failure(path: "ship_info.zip", message: "expected a string; fix the value's type")) {
            try PayloadReader.read(Data(#"{"ship_info":{"zip":2134}}"#.utf8))
        }
        #expect(throws: PayloadReader.Failure(path: "custom_fields[0].metadata_id", message: "'metadata_id' is required")) {
            try PayloadReader.read(Data(#"{"custom_fields":[{"value":"x"}]}"#.utf8))
        }
    }
}
