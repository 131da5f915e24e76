import CertCentral
import CertCentralSandbox
import CertOrder
import Foundation
import Testing

/// The documented example order gets the reference page's `201` answers, byte for byte, with the
/// documented ids (order 112233, request 113, certificate 113).
@Suite("Documented 201 answers")
struct DocumentedResponseTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var approval: SandboxConfiguration.ApprovalMode
        var honorSkipApproval: Bool
        var expected: String
        var testDescription: String { "\(approval.rawValue), skip_approval \(honorSkipApproval ? "honoured" : "ignored") → \(expected)" }
    }

    /// The example sends `skip_approval: true`. Where the key's user may skip approval (the
    /// default), it is approved at once; where not, the account's workflow applies, which is how
    /// the reference page's one-step and two-step answers come about.
    static let cases: [Case] = [
        Case(approval: .auto, honorSkipApproval: true, expected: "documented-response.auto.json"),
        Case(approval: .oneStep, honorSkipApproval: true, expected: "documented-response.auto.json"),
        Case(approval: .oneStep, honorSkipApproval: false, expected: "documented-response.one-step.json"),
        Case(approval: .twoStep, honorSkipApproval: false, expected: "documented-response.two-step.json"),
        Case(approval: .auto, honorSkipApproval: false, expected: "documented-response.auto.json"),
    ]

    @Test("the documented example as it stands gets the documented answer", arguments: cases)
    func documentedExample(_ c: Case) async throws {
        try await withSandbox({ $0.approval = c.approval; $0.honorSkipApproval = c.honorSkipApproval }) { _, client in
            let placed = try await client.sendOrder(product: .codeSigningEV, payload: try documentedPayload())
            #expect(placed.status == 201)
            #expect(String(decoding: placed.body, as: UTF8.self) == String(decoding: try fixture(c.expected), as: UTF8.self))
            #expect(placed.body == (try fixture(c.expected)))
        }
    }

    @Test("without skip_approval each approval mode gives its documented answer", arguments: [
        (SandboxConfiguration.ApprovalMode.oneStep, "documented-response.one-step.json"),
        (.twoStep, "documented-response.two-step.json"),
        (.auto, "documented-response.auto.json"),
    ])
    func eachMode(_ mode: SandboxConfiguration.ApprovalMode, _ expected: String) async throws {
        try await withSandbox({ $0.approval = mode }) { _, client in
            let placed = try await client.sendOrder(product: .codeSigningEV, payload: PayloadWriter.compact(try orderNeedingApproval()))
            #expect(placed.body == (try fixture(expected)))
        }
    }

    @Test("curl gets the documented 201 shape from the running sandbox")
    func curlGetsDocumentedShape() async throws {
        try await withSandbox({ $0.approval = .auto }) { sandbox, _ in
            let port = try #require(sandbox.port)
            let body = try documentedPayload()
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("certorder-curl-\(UUID().uuidString).json")
            try body.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let (status, output) = try await curl([
                "-X", "POST", "\(sandboxURL(port).absoluteString)/order/certificate/code_signing_ev",
                "-H", "Content-Type: application/json", "-H", "X-DC-DEVKEY: \(testKey)",
                "--data-binary", "@\(file.path)", "--write-out", "\n%{http_code}",
            ])
            #expect(status == 0)
            let text = String(decoding: output, as: UTF8.self)
            let expected = String(decoding: try fixture("documented-response.auto.json"), as: UTF8.self)
            #expect(text == expected + "\n201")
            #expect(await sandbox.snapshot().orderCount == 1)
        }
    }

    @Test("ids follow on from the documented ones")
    func idsFollowOn() async throws {
        try await withSandbox({ $0.approval = .auto }) { _, client in
            let first = try await client.placeOrder(try documentedOrder(), product: .codeSigningEV)
            let second = try await client.placeOrder(try documentedOrder(), product: .codeSigning)
            #expect(first == OrderResponse(id: 112233, requests: [.init(id: 113, status: "approved")], certificateID: 113))
            #expect(second == OrderResponse(id: 112234, requests: [.init(id: 114, status: "approved")], certificateID: 114))
        }
    }
}
