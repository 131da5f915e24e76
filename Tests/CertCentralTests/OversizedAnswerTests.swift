import CertCentral
import CertOrder
import Foundation
import Testing

/// Issue 13, finding 14: an answer larger than the client accepts is reported with the status
/// the server really sent (a 201 said "HTTP 200" before).
@Suite("Oversized answers")
struct OversizedAnswerTests {
    @Test("finding 14: an oversized 201 is reported as HTTP 201, and the order may have been placed")
    func finding14OversizedCreatedKeepsItsStatus() async throws {
        var configuration = testConfiguration()
        configuration.maxResponseBytes = 16
        try await withSandbox(client: configuration) { _, client in
            let error = await expectFailure { try await client.sendOrder(product: .codeSigningEV, payload: try documentedPayload()) }
            guard case .invalidResponse(let status, let detail) = error else {
                Issue.record("expected invalidResponse, got \(String(describing: error))")
                return
            }
            #expect(status == 201)
            #expect(detail == "the answer is larger than 16 bytes")
            #expect(error?.orderMayHaveBeenPlaced == true)
        }
    }
}
