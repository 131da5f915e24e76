import CertOrder
import Foundation
import Testing

@Suite struct ResponseTests {
    @Test(arguments: [
        ("documented-response.one-step.json", "pending", nil as Int?),
        ("documented-response.two-step.json", "submitted", nil),
        ("documented-response.auto.json", "approved", 113),
    ])
    func documentedResponsesDecode(file: String, status: String, certificateID: Int?) throws {
        let response = try JSONDecoder().decode(OrderResponse.self, from: Fixture.data(file))
        #expect(response == OrderResponse(id: 112233, requests: [.init(id: 113, status: status)], certificateID: certificateID))
    }

    @Test func errorEnvelopeSplitsCodesIntoKindAndField() throws {
        let body = #"{"errors":[{"code":"invalid_value:validity_years","message":"validity_years contains an invalid value."},{"code":"not_found|order","message":"Order not found"},{"code":"request_limit_exceeded","message":"Service unavailable, please limit request volume"}]}"#
        let error = try #require(APIError.decode(Data(body.utf8)))
        #expect(error.errors.map(\.kind) == ["invalid_value", "not_found", "request_limit_exceeded"])
        #expect(error.errors.map(\.field) == ["validity_years", "order", nil])
        #expect(error.errors[0].message == "validity_years contains an invalid value.")
    }

    @Test func errorEnvelopeWithAnObjectInsteadOfAnArrayDecodes() throws {
        let single = try #require(APIError.decode(Data(#"{"errors":{"code":"access_denied|missing_permission","message":"No."}}"#.utf8)))
        #expect(single.errors == [.init(code: "access_denied|missing_permission", message: "No.")])
        #expect(single.errors[0].field == "missing_permission")
        let keyed = try #require(APIError.decode(Data(#"{"errors":{"b":{"code":"not_found","message":"B"},"a":{"code":"bad_request_format","message":"A"}}}"#.utf8)))
        #expect(keyed.errors.map(\.code) == ["bad_request_format", "not_found"])
    }

    @Test func bodiesThatAreNotEnvelopesAreNotErrors() {
        #expect(APIError.decode(Data(#"{"id":1}"#.utf8)) == nil)
        #expect(APIError.decode(Data("not json".utf8)) == nil)
    }
}

@Suite struct ResponseWriterTests {
    @Test(arguments: ["documented-response.one-step.json", "documented-response.two-step.json", "documented-response.auto.json"])
    func documentedResponsesAreWrittenBackByteForByte(file: String) throws {
        let response = try JSONDecoder().decode(OrderResponse.self, from: Fixture.data(file))
        #expect(ResponseWriter.pretty(response) == (try Fixture.text(file)))
    }
}
