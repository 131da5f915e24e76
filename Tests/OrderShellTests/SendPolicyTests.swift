import CertCentral
import OrderShell
import Testing

/// The one owner of the live-endpoint rules (issue 12, finding 1: a URL to the live API was not
/// treated as live): what each target demands of a send.
@Suite("Send policy")
struct SendPolicyTests {
    func policy(_ name: String) throws -> SendPolicy {
        SendPolicy(try #require(Connection.Target(name: name)))
    }

    static let live = ["us", "eu", "https://www.digicert.com/services/v2", "https://certcentral.digicert.eu/services/v2",
                       "https://cc.example.test/services/v2"]
    static let rehearsals = ["sandbox", "http://127.0.0.1:8443", "http://localhost:9000/services/v2"]

    @Test(arguments: live)
    func liveTargetsNeedAKeyConfirmationAndPacing(name: String) throws {
        let policy = try policy(name)
        #expect(policy.isLive)
        #expect(policy.requiresKey)
        guard case .perKey = policy.pacing(paced: false) else { Issue.record("\(name) is not paced"); return }
        #expect(policy.refusesUnpaced)
        #expect(policy.unpacedRefusal.status == .usage)
        let noKey = APIKeyStore(redactor: SecretRedactor(), environment: [:])
        #expect(throws: ShellError.self) { try policy.apiKey(from: noKey) }
        #expect(policy.missingKey.message.hasPrefix("\(policy.target.name) is a live endpoint and needs an API key"))
        let keys = APIKeyStore(redactor: SecretRedactor(), environment: ["DIGICERT_API_KEY": "user-key-123"])
        #expect(try policy.apiKey(from: keys) == "user-key-123")
        #expect(policy.confirmation(assumeYes: true, canAsk: false) == .send)
        #expect(policy.confirmation(assumeYes: false, canAsk: true) == .ask)
        guard case .refuse(let refusal) = policy.confirmation(assumeYes: false, canAsk: false) else {
            Issue.record("\(name): no terminal and no --yes must be refused"); return
        }
        #expect(refusal.status == .dataError)
        #expect(refusal.message == "refusing to send to the live endpoint \(policy.target.name) without a terminal to confirm on; add --yes")
    }

    @Test(arguments: rehearsals)
    func rehearsalsUseThePlaceholderAndNeedNoConfirmation(name: String) throws {
        let policy = try policy(name)
        #expect(!policy.isLive)
        #expect(!policy.requiresKey)
        // Paced by default, like the live run it rehearses; --no-pacing is allowed here.
        guard case .perKey = policy.pacing() else { Issue.record("\(name) is not paced by default"); return }
        guard case .off = policy.pacing(paced: false) else { Issue.record("\(name) cannot be unpaced"); return }
        #expect(!policy.refusesUnpaced)
        #expect(try policy.apiKey(from: APIKeyStore(redactor: SecretRedactor(), environment: [:])) == "certorder-sandbox")
        #expect(policy.confirmation(assumeYes: false, canAsk: false) == .send)
        #expect(policy.confirmation(assumeYes: false, canAsk: true) == .ask)
    }

    @Test func aURLOfTheLiveAPIIsTheLiveEndpoint() throws {
        #expect(try policy("https://www.digicert.com/services/v2").target == .remote(.us))
        #expect(try policy("https://www.digicert.com/services/v2").target.name == "us")
    }
}
