import Foundation
import Testing

/// New certificates on an issued order (reissue, duplicate), the account's certificates that end
/// soon (expiring, before and after the sandbox's clock moves), and the token's init code: the
/// built `certorder` against a sandbox of its own, keys and CSRs made and judged by openssl.
@Suite("Reissue, duplicate and expiring")
struct ReissueExpiringTests {
    /// `order` (a script as ``LifecycleTests/emailOrder``) sent, waited for, its id answered.
    static func issuedOrder(_ world: CLIWorld, _ order: String, _ endpoint: [String]) async throws -> Int {
        let sent = try await world.certorder(["send", order, "--yes"] + endpoint)
        #expect(sent.status == 0, "\(sent)")
        let id = try LifecycleTests.placedOrderID(sent)
        let waited = try await world.certorder(["wait", String(id), "--timeout", "60", "--interval", "0.05"] + endpoint)
        #expect(waited.status == 0, "\(waited)")
        return id
    }

    /// The public key (PEM) of a certificate or CSR file, as openssl prints it.
    static func publicKey(_ world: CLIWorld, certificate file: String) async throws -> String {
        try await LifecycleTests.tool(world, "openssl", ["x509", "-in", file, "-noout", "-pubkey"]).stdout
    }

    static func publicKey(_ world: CLIWorld, csr file: String) async throws -> String {
        try await LifecycleTests.tool(world, "openssl", ["req", "-in", file, "-noout", "-pubkey"]).stdout
    }

    static func makeKeyAndCSR(_ world: CLIWorld, _ name: String) async throws {
        try await LifecycleTests.tool(world, "openssl", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072", "-out", "\(name).key"])
        try await LifecycleTests.tool(world, "openssl", ["req", "-new", "-key", "\(name).key", "-subj", "/CN=Example Org", "-out", "\(name).csr"])
    }

    @Test("reissue with a new CSR: the order's certificate has the new key, the old one stays downloadable; duplicate: a third key beside it")
    func reissueAndDuplicate() async throws {
        let world = try CLIWorld()
        try await Self.makeKeyAndCSR(world, "request")
        try await Self.makeKeyAndCSR(world, "new")
        try await Self.makeKeyAndCSR(world, "build")
        let order = try world.write("release.order", LifecycleTests.emailOrder)
        let sandbox = try await CLISandbox.start(world: world, arguments: ["--approval", "auto", "--ca-cert", world.path + "/root.pem"])
        let endpoint = ["--endpoint", sandbox.baseURL]
        let id = try await Self.issuedOrder(world, order, endpoint)

        // Without a terminal and without --yes nothing is asked for.
        let unconfirmed = try await world.certorder(["reissue", String(id), "--csr", "new.csr"] + endpoint)
        #expect(unconfirmed.status == 64, "\(unconfirmed)")
        #expect(unconfirmed.stderr == "error: About to replace the certificate of order \(id) (\(sandbox.baseURL)) with a new certificate for the key of new.csr. "
                + "This needs confirmation: add --yes to reissue without a terminal.\n", "\(unconfirmed)")

        let reissued = try await world.certorder(["reissue", String(id), "--csr", "new.csr", "--comments", "lost token", "--yes"] + endpoint)
        #expect(reissued.status == 0, "\(reissued)")
        // Order 112233's request was 113 and its certificate 113; the reissue's are 114 and 114.
        #expect(reissued.stdout == "reissue of order \(id): request 114 approved · certificate 114 · next: download \(id)\n", "\(reissued)")

        #expect(try await world.certorder(["download", String(id), "-o", "reissued.pem"] + endpoint).status == 0)
        #expect(try await Self.publicKey(world, certificate: "reissued.pem") == (try await Self.publicKey(world, csr: "new.csr")))
        let verified = try await LifecycleTests.tool(world, "openssl", ["verify", "-CAfile", "root.pem", "-untrusted", "reissued.pem", "reissued.pem"])
        #expect(verified.stdout == "reissued.pem: OK\n")
        // The certificate the reissue replaced, by its id: the first key's.
        #expect(try await world.certorder(["download", String(id), "--certificate", "113", "-o", "first.pem"] + endpoint).status == 0)
        #expect(try await Self.publicKey(world, certificate: "first.pem") == (try await Self.publicKey(world, csr: "request.csr")))

        // A duplicate: a further certificate for another key; the order's own stays the reissued one.
        let duplicated = try await world.certorder(["duplicate", String(id), "--csr", "build.csr", "--yes"] + endpoint)
        #expect(duplicated.status == 0, "\(duplicated)")
        #expect(duplicated.stdout == "duplicate of order \(id): request 115 approved · certificate 115 · next: download \(id) --certificate 115\n", "\(duplicated)")
        #expect(try await world.certorder(["download", String(id), "--certificate", "115", "-o", "duplicate.pem"] + endpoint).status == 0)
        #expect(try await Self.publicKey(world, certificate: "duplicate.pem") == (try await Self.publicKey(world, csr: "build.csr")))
        #expect(try await world.certorder(["download", String(id), "-o", "current.pem"] + endpoint).status == 0)
        #expect(try world.read("current.pem") == (try world.read("reissued.pem")))

        // A duplicate needs a CSR; a file without one is refused before anything is sent.
        let bare = try await world.certorder(["duplicate", String(id), "--csr", "release.order", "--yes"] + endpoint)
        #expect(bare.status == 64, "\(bare)")
        #expect(bare.stderr == "error: release.order holds no PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----)\n", "\(bare)")

        // In a script: the language's commands.
        let script = try world.write("again.order", "reissue \(id) --csr new.csr --yes\n")
        let run = try await world.certorder(["run", script] + endpoint)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "reissue of order \(id): request 116 approved · certificate 116 · next: download \(id)\n", "\(run)")
        try await sandbox.stop()
    }

    @Test("reissue refused by the sandbox: an order not issued is invalid_order_status, exit 65")
    func reissueNotIssued() async throws {
        let placed = try await PlacedEmailOrder.start(approval: "one-step")
        let (world, _, sandbox, endpoint, id) = (placed.world, placed.order, placed.sandbox, placed.endpoint, placed.id)
        let refused = try await world.certorder(["reissue", String(id), "--yes"] + endpoint)
        #expect(refused.status == 65, "\(refused)")
        #expect(refused.stderr.contains("invalid_order_status: Order \(id) is needs_approval; only an issued order can be reissued."), "\(refused)")
        try await sandbox.stop()
    }

    @Test("expiring: nothing within 90 days at first; after POST /sandbox/clock +400 days the two-year order has 59 days left; renewed, it says by which order")
    func expiringAcrossTheClock() async throws {
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/request.csr")
        // Two years: the certificate is issued for the 459-day maximum.
        let order = try world.write("release.order", LifecycleTests.emailOrder.replacingOccurrences(of: "validity 1", with: "validity 2"))
        let sandbox = try await CLISandbox.start(world: world, arguments: ["--approval", "auto"])
        let endpoint = ["--endpoint", sandbox.baseURL]
        let id = try await Self.issuedOrder(world, order, endpoint)

        let before = try await world.certorder(["expiring"] + endpoint)
        #expect(before.status == 0, "\(before)")
        #expect(before.stdout == "no code signing certificate expires within 90 days\n", "\(before)")
        let json = try await world.certorder(["expiring", "--json"] + endpoint)
        #expect(json.stdout == "[\n\n]\n" || json.stdout == "[]\n", "\(json)")

        let moved = try await world.run("curl", ["-s", "-X", "POST", "-d", #"{"advance_days": 400}"#, sandbox.rootURL + "/sandbox/clock"])
        #expect(moved.stdout.contains("\"offset_days\": 400"), "\(moved)")

        let after = try await world.certorder(["expiring"] + endpoint)
        #expect(after.status == 0, "\(after)")
        let prefix = "order \(id) · code_signing · certificate 113 · valid till "
        #expect(after.stdout.hasPrefix(prefix), "\(after)")
        #expect(after.stdout.hasSuffix(" (59 days left) · not renewed: renew \(id)\n"), "\(after)")
        // Not within 30 days.
        let narrow = try await world.certorder(["expiring", "--within", "30"] + endpoint)
        #expect(narrow.stdout == "no code signing certificate expires within 30 days\n", "\(narrow)")

        let script = try world.write("renewal.order", "certificate < csr @request.csr >\n")
        let renewed = try await world.certorder(["renew", String(id), script, "--yes"] + endpoint)
        #expect(renewed.status == 0, "\(renewed)")
        let renewal = try LifecycleTests.placedOrderID(renewed)
        let covered = try await world.certorder(["expiring", "--json"] + endpoint)
        #expect(covered.status == 0, "\(covered)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(covered.stdout.utf8)) as? [[String: Any]], "\(covered)")
        #expect(items.count == 1)
        #expect(items.first?["order_id"] as? Int == id)
        #expect(items.first?["days_remaining"] as? Int == 59)
        #expect(items.first?["renewal_order_id"] as? Int == renewal)
        #expect(items.first?["renewal_status"] as? String == "issued")
        #expect(items.first?["renewal"] as? String == "issued")
        let lines = try await world.certorder(["expiring"] + endpoint)
        #expect(lines.stdout.hasSuffix(" (59 days left) · renewed by order \(renewal) (issued)\n"), "\(lines)")
        try await sandbox.stop()
    }

    @Test("a token order: wait and status show its hardware_init_code")
    func hardwareInitCode() async throws {
        let world = try CLIWorld()
        let order = try world.write("token.order", """
            order code_signing_ev <
              certificate < hash sha256; platform 54 >
              provisioning client_app
              validity 1
              organization 123456
              custom_field 12 "SEC-TOKEN"
            >

            """)
        let sandbox = try await CLISandbox.start(world: world, arguments: ["--approval", "auto"])
        let endpoint = ["--endpoint", sandbox.baseURL]
        let sent = try await world.certorder(["send", order, "--yes"] + endpoint)
        #expect(sent.status == 0, "\(sent)")
        let id = try LifecycleTests.placedOrderID(sent)
        let waited = try await world.certorder(["wait", String(id), "--timeout", "60", "--interval", "0.05"] + endpoint)
        #expect(waited.status == 0, "\(waited)")
        let code = try #require(waited.stdout.components(separatedBy: " · hardware init code ").dropFirst().first?.prefix(16), "\(waited)")
        #expect(code.count == 16 && code.allSatisfy(\.isHexDigit), "\(waited)")
        let status = try await world.certorder(["status", String(id)] + endpoint)
        #expect(status.stdout.contains("  hardware init code \(code) (DigiCert's hardware certificate installer asks for it)\n"), "\(status)")
        try await sandbox.stop()
    }
}

extension CLISandbox {
    /// `http://127.0.0.1:<port>`: where the control routes (`/sandbox/clock`) are.
    var rootURL: String { baseURL.replacingOccurrences(of: "/services/v2", with: "") }
}
