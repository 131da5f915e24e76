import CertCentral
import CertCentralSandbox
import CertOrder
import Foundation
import Testing
import TestSupport

/// The sandbox's certificate life over HTTP through the client: issued certificates and their
/// downloads, status changes, waiting, and the movable clock. (openssl and osslsigncode check the
/// certificates themselves in the CLI's LifecycleTests.)
@Suite("Sandbox lifecycle")
struct SandboxLifecycleTests {
    /// A standard code signing order with `email` provisioning and the fixture's RSA 3072 CSR.
    static func emailOrder(validityYears: Int = 1) throws -> OrderRequest {
        var order = OrderRequest()
        order.certificate.csr = String(decoding: try fixture("csr/rsa3072.csr"), as: UTF8.self)
        order.certificate.signatureHash = "sha256"
        order.provisioningMethod = ProvisioningMethod.email.rawValue
        order.validityYears = validityYears
        order.organization = .init(id: 123456)
        order.customFields = [.init(metadataID: 12, value: "SEC-1")]
        return order
    }

    /// The PEM blocks of a text, in order.
    static func pemBlocks(_ text: String) -> [String] {
        text.components(separatedBy: "-----BEGIN ").dropFirst().map { "-----BEGIN " + $0 }
    }

    @Test("an issued order has a certificate to download in every format; the chain ends at the sandbox's root")
    func downloads() async throws {
        try await withSandbox({ $0.approval = .auto }) { sandbox, client in
            let placed = try await client.placeOrder(try Self.emailOrder(), product: .codeSigning)
            let info = try await client.orderInfo(id: placed.id)
            #expect(info.status == "issued")
            let certificateID = try #require(info.certificateID)
            #expect(info.certificate?.validFrom != nil && info.certificate?.validTill != nil)

            let all = String(decoding: try await client.downloadCertificate(id: certificateID, format: .pemAll), as: UTF8.self)
            let blocks = Self.pemBlocks(all)
            #expect(blocks.count == 3)
            #expect(blocks.allSatisfy { $0.hasPrefix("-----BEGIN CERTIFICATE-----") })
            #expect(blocks.last == (try await sandbox.rootCertificatePEM()))

            let noRoot = String(decoding: try await client.downloadCertificate(id: certificateID, format: .pemNoRoot), as: UTF8.self)
            #expect(Self.pemBlocks(noRoot) == Array(blocks.prefix(2)))
            let der = try await client.downloadCertificate(id: certificateID, format: .der)
            #expect(der.first == 0x30)
            let leafBase64 = blocks[0].split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
            #expect(der == Data(base64Encoded: leafBase64))
            let p7b = String(decoding: try await client.downloadCertificate(id: certificateID, format: .p7b), as: UTF8.self)
            #expect(p7b.hasPrefix("-----BEGIN PKCS7-----\n") && p7b.hasSuffix("-----END PKCS7-----\n"))
        }
    }

    @Test("a certificate not yet issued, or unknown, cannot be downloaded")
    func downloadRefused() async throws {
        try await withSandbox({ $0.approval = .auto; $0.issueAfter = 3600 }) { _, client in
            let placed = try await client.placeOrder(try Self.emailOrder(), product: .codeSigning)
            let certificateID = try #require(placed.certificateID)
            let early = await expectFailure { try await client.downloadCertificate(id: certificateID) }
            #expect(early?.code == "certificate_not_issued")
            let unknown = await expectFailure { try await client.downloadCertificate(id: 999_999) }
            #expect(unknown == .notFound(APIError(errors: [.init(code: "not_found|certificate", message: "The requested certificate was not found.")])))
        }
    }

    @Test("the CA is kept in the state file: a restarted sandbox has the same root")
    func caPersists() async throws {
        let directory = try TemporaryDirectory()
        var configuration = SandboxConfiguration(stateFile: directory.url.appendingPathComponent("state.json"))
        configuration.approval = .auto
        let first = try SandboxServer(configuration: configuration)
        let root = try await first.rootCertificatePEM()
        #expect(root.hasPrefix("-----BEGIN CERTIFICATE-----\n") && root.hasSuffix("-----END CERTIFICATE-----\n"))
        let second = try SandboxServer(configuration: configuration)
        #expect(try await second.rootCertificatePEM() == root)
    }

    @Test("status changes: one call lists every order changed in the window; past 7 days is time_frame_too_long")
    func statusChanges() async throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        try await withSandbox({ $0.approval = .oneStep; $0.now = { start } }) { sandbox, client in
            let a = try await client.placeOrder(try orderNeedingApproval(alternativeID: "a"), product: .codeSigningEV)
            let b = try await client.placeOrder(try orderNeedingApproval(alternativeID: "b"), product: .codeSigningEV)
            try await client.updateRequestStatus(id: a.requests[0].id, .approved)
            try await client.updateRequestStatus(id: b.requests[0].id, .rejected)
            let changes = try await client.statusChanges(seconds: 60)
            #expect(changes == [StatusChange(orderID: a.id, certificateID: 113, status: .issued),
                                StatusChange(orderID: b.id, certificateID: nil, status: .rejected)])

            // A day later, the last hour holds no change; the last two days hold both.
            await sandbox.advanceClock(days: 1)
            #expect(try await client.statusChanges(seconds: 3600).isEmpty)
            #expect(try await client.statusChanges(seconds: 2 * 86_400).count == 2)

            let (status, body) = try await curl(["-H", "X-DC-DEVKEY: \(testKey)",
                                                 "\(sandboxURL(sandbox.port!))/order/certificate/status-changes?minutes=20000"])
            #expect(status == 0)
            #expect(String(decoding: body, as: UTF8.self).contains("\"code\": \"time_frame_too_long\""))
        }
    }

    @Test("waiting: settles on issued, on rejected, or times out")
    func waiting() async throws {
        try await withSandbox({ $0.approval = .oneStep }) { _, client in
            let issued = try await client.placeOrder(try orderNeedingApproval(alternativeID: "w1"), product: .codeSigningEV)
            let rejected = try await client.placeOrder(try orderNeedingApproval(alternativeID: "w2"), product: .codeSigningEV)
            let open = try await client.placeOrder(try orderNeedingApproval(alternativeID: "w3"), product: .codeSigningEV)

            // Nothing moves: the time runs out with every order still open.
            let early = try await client.waitForOrders([issued.id, rejected.id], timeout: .milliseconds(20), interval: .milliseconds(5))
            #expect(early.timedOut)
            #expect(early.open == [issued.id, rejected.id])

            // The orders move while the wait follows them.
            let waiting = Task {
                try await client.waitForOrders([issued.id, rejected.id], timeout: .seconds(60), interval: .milliseconds(10))
            }
            try await client.updateRequestStatus(id: issued.requests[0].id, .approved)
            try await client.updateRequestStatus(id: rejected.requests[0].id, .rejected)
            let settled = try await waiting.value
            #expect(!settled.timedOut)
            #expect(settled.issued == [issued.id])
            #expect(settled.failed == [rejected.id])
            #expect(settled.open.isEmpty)

            let still = try await client.waitForOrders([open.id], timeout: .zero)
            #expect(still == OrderWaitResult(statuses: [open.id: .needsApproval], timedOut: true))
        }
    }

    @Test("the clock: GET /sandbox/clock says now; POST moves it forward only")
    func clock() async throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z
        try await withSandbox({ $0.now = { start } }) { sandbox, _ in
            let base = "http://127.0.0.1:\(sandbox.port!)/sandbox/clock"
            var (_, body) = try await curl([base])
            #expect(String(decoding: body, as: UTF8.self) == "{\n  \"now\": \"2027-01-15T08:00:00+00:00\",\n  \"offset_days\": 0\n}")
            (_, body) = try await curl(["-X", "POST", "-d", #"{"advance_days": 365}"#, base])
            #expect(String(decoding: body, as: UTF8.self) == "{\n  \"now\": \"2028-01-15T08:00:00+00:00\",\n  \"offset_days\": 365\n}")
            #expect(await sandbox.now() == start.addingTimeInterval(365 * 86_400))
            (_, body) = try await curl(["-X", "POST", "-d", #"{"advance_days": -1}"#, base])
            #expect(String(decoding: body, as: UTF8.self).contains("\"code\": \"invalid_value:advance_days\""))
            #expect(await sandbox.now() == start.addingTimeInterval(365 * 86_400))
        }
    }
}
