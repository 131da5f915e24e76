import Foundation
import Testing

/// A certificate's life after the order, as a user lives it with the built `certorder` and a
/// sandbox of its own, checked with tools nobody here wrote: openssl makes the key and the CSR
/// and judges the certificate; osslsigncode signs a PowerShell script with it and verifies the
/// signature against the sandbox's root.
@Suite("Certificate lifecycle")
struct LifecycleTests {
    /// A standard code signing order whose key is the user's own (`email` provisioning): the CSR
    /// goes with the order.
    static let emailOrder = """
        order code_signing <
          certificate <
            hash sha256
            csr @request.csr
          >
          provisioning email
          validity 1
          organization 123456
          custom_field 12 "SEC-RELEASE"
        >

        """

    /// The order id of `send`'s "placed order N (journal #…)".
    static func placedOrderID(_ result: CLIResult) throws -> Int {
        let line = try #require(result.stdout.cliLines.first { $0.hasPrefix("placed order ") }, "\(result)")
        return try #require(Int(line.dropFirst("placed order ".count).prefix { $0.isNumber }), "\(result)")
    }

    /// Runs openssl (or another tool) in the world and expects it to succeed.
    @discardableResult
    static func tool(_ world: CLIWorld, _ program: String, _ arguments: [String]) async throws -> CLIResult {
        let result = try await world.run(program, arguments)
        #expect(result.status == 0, "\(program) \(arguments.joined(separator: " ")): \(result)")
        return result
    }

    @Test("openssl's key and CSR → send (email) → wait 0 → download pem_all → openssl and osslsigncode accept the certificate")
    func endToEnd() async throws {
        let world = try CLIWorld()
        // The user's key and CSR, made by openssl: RSA 3072, as DigiCert requires for code signing.
        try await Self.tool(world, "openssl", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072", "-out", "signing.key"])
        try await Self.tool(world, "openssl", ["req", "-new", "-key", "signing.key", "-subj", "/CN=Example Org", "-out", "request.csr"])
        let order = try world.write("release.order", Self.emailOrder)

        let sandbox = try await CLISandbox.start(world: world, arguments: [
            "--approval", "auto", "--ca-cert", world.path + "/sandbox-root.pem", "--state", world.path + "/sandbox.json",
        ])
        let endpoint = ["--endpoint", sandbox.baseURL]

        let sent = try await world.certorder(["send", order, "--yes"] + endpoint)
        #expect(sent.status == 0, "\(sent)")
        let id = try Self.placedOrderID(sent)

        let waited = try await world.certorder(["wait", String(id), "--timeout", "60"] + endpoint)
        #expect(waited.status == 0, "\(waited)")
        #expect(waited.stdout.hasPrefix("order \(id): issued · certificate "), "\(waited)")

        let downloaded = try await world.certorder(["download", String(id), "-o", "chain.pem"] + endpoint)
        #expect(downloaded.status == 0, "\(downloaded)")
        #expect(downloaded.stdout == "", "\(downloaded)")
        let chain = try world.read("chain.pem")
        #expect(chain.components(separatedBy: "-----BEGIN CERTIFICATE-----").count == 4, "leaf, intermediate, root: \(chain)")
        let attributes = try FileManager.default.attributesOfItem(atPath: world.path + "/chain.pem")
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o644)

        // The leaf's public key is the CSR's.
        let leafKey = try await Self.tool(world, "openssl", ["x509", "-in", "chain.pem", "-noout", "-pubkey"])
        let csrKey = try await Self.tool(world, "openssl", ["req", "-in", "request.csr", "-noout", "-pubkey"])
        #expect(leafKey.stdout == csrKey.stdout)
        #expect(leafKey.stdout.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        // Code signing, for the organisation.
        let text = try await Self.tool(world, "openssl", ["x509", "-in", "chain.pem", "-noout", "-subject", "-issuer", "-ext", "extendedKeyUsage"])
        #expect(text.stdout.contains("O = Example Org"), "\(text)")
        #expect(text.stdout.contains("issuer=C = US, O = CertOrder Sandbox, CN = CertOrder Sandbox Code Signing CA"), "\(text)")
        #expect(text.stdout.contains("Code Signing"), "\(text)")
        // The chain verifies against the root `--ca-cert` wrote, and only against it.
        let verified = try await Self.tool(world, "openssl", ["verify", "-CAfile", "sandbox-root.pem", "-untrusted", "chain.pem", "chain.pem"])
        #expect(verified.stdout == "chain.pem: OK\n", "\(verified)")
        try await Self.tool(world, "openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                                               "-keyout", "other.key", "-subj", "/CN=Another Root", "-out", "other-root.pem"])
        let stranger = try await world.run("openssl", ["verify", "-CAfile", "other-root.pem", "-untrusted", "chain.pem", "chain.pem"])
        #expect(stranger.status != 0, "\(stranger)")

        // osslsigncode (Debian's 2.9, the first that signs scripts) signs a PowerShell script
        // with the certificate and the key; its verify accepts the signature with the sandbox's root.
        if CLIPackage.hasOrRequired("osslsigncode") {
            try world.write("hello.ps1", "Write-Output \"Hello from a signed script\"\r\n")
            try await Self.tool(world, "osslsigncode", ["sign", "-certs", "chain.pem", "-key", "signing.key", "-h", "sha256",
                                                        "-in", "hello.ps1", "-out", "hello-signed.ps1"])
            #expect(try world.read("hello-signed.ps1").contains("# SIG # Begin signature block"))
            let check = try await Self.tool(world, "osslsigncode", ["verify", "-CAfile", "sandbox-root.pem", "-in", "hello-signed.ps1"])
            #expect(check.stdout.contains("Signature verification: ok"), "\(check)")
            #expect(check.stdout.contains("Subject: /C=US/ST=VA/L=Richmond/O=Example Org/CN=Example Org"), "\(check)")
            let strangerCheck = try await world.run("osslsigncode", ["verify", "-CAfile", "other-root.pem", "-in", "hello-signed.ps1"])
            #expect(strangerCheck.status != 0, "\(strangerCheck)")
        }
        try await sandbox.stop()
    }

    @Test("wait: 75 when the time runs out, 0 once approved and issued, 65 when rejected; several orders in one wait")
    func waitStatuses() async throws {
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/request.csr")
        let order = try world.write("release.order", Self.emailOrder)
        let other = try world.write("other.order", Self.emailOrder.replacingOccurrences(of: "SEC-RELEASE", with: "SEC-OTHER"))
        let sandbox = try await CLISandbox.start(world: world, arguments: ["--approval", "one-step"])
        let endpoint = ["--endpoint", sandbox.baseURL]

        let first = try Self.placedOrderID(try await world.certorder(["send", order, "--yes"] + endpoint))
        let second = try Self.placedOrderID(try await world.certorder(["send", other, "--yes"] + endpoint))

        let early = try await world.certorder(["wait", String(first), String(second), "--timeout", "0.2", "--interval", "0.05"] + endpoint)
        #expect(early.status == 75, "\(early)")
        #expect(early.stdout == "order \(first): needs_approval\norder \(second): needs_approval\n", "\(early)")
        #expect(early.stderr.contains("error: still open after 0.2 s: \(first) (needs_approval), \(second) (needs_approval)"), "\(early)")

        // Nothing to download before issuance; the file is not made.
        let notYet = try await world.certorder(["download", String(first), "-o", "early.pem"] + endpoint)
        #expect(notYet.status == 65, "\(notYet)")
        #expect(notYet.stderr == "error: order \(first) is needs_approval: it has no certificate to download yet; 'wait \(first)' follows it until it is issued\n")
        #expect(!FileManager.default.fileExists(atPath: world.path + "/early.pem"))

        // The requests are the order ids' neighbours: 113 for the first order, 114 for the second.
        #expect(try await world.certorder(["approve", "113"] + endpoint).status == 0)
        #expect(try await world.certorder(["reject", "114", "not this one"] + endpoint).status == 0)
        let settled = try await world.certorder(["wait", String(first), String(second), "--interval", "0.05"] + endpoint)
        #expect(settled.status == 65, "\(settled)")
        #expect(settled.stdout.cliLines.first?.hasPrefix("order \(first): issued · certificate 113 · valid till ") == true, "\(settled)")
        #expect(settled.stdout.cliLines.last == "order \(second): rejected", "\(settled)")
        #expect(settled.stderr == "error: an order ended without a certificate: \(second) (rejected)\n", "\(settled)")

        // In a script (the language's command): the issued order alone succeeds.
        let script = try world.write("wait.order", "wait \(first) --timeout 30\n")
        let run = try await world.certorder(["run", script] + endpoint)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("order \(first): issued"), "\(run)")
        try await sandbox.stop()
    }

    @Test("download: pem_all to stdout by default; a file is never replaced without --force; der, p7b and pem_noroot as openssl reads them")
    func downloadFiles() async throws {
        let placed = try await PlacedEmailOrder.start(approval: "auto")
        let (world, _, sandbox, endpoint, id) = (placed.world, placed.order, placed.sandbox, placed.endpoint, placed.id)

        let stdout = try await world.certorder(["download", String(id)] + endpoint)
        #expect(stdout.status == 0, "\(stdout)")
        #expect(stdout.stdout.components(separatedBy: "-----BEGIN CERTIFICATE-----").count == 4, "\(stdout)")

        try world.write("kept.pem", "mine\n")
        let refused = try await world.certorder(["download", String(id), "--output", "kept.pem"] + endpoint)
        #expect(refused.status == 64, "\(refused)")
        #expect(refused.stderr == "error: kept.pem exists; add --force to replace it\n")
        #expect(try world.read("kept.pem") == "mine\n")

        let replaced = try await world.certorder(["download", String(id), "--output", "kept.pem", "--force", "--format", "pem_noroot"] + endpoint)
        #expect(replaced.status == 0, "\(replaced)")
        #expect(try world.read("kept.pem").components(separatedBy: "-----BEGIN CERTIFICATE-----").count == 3)

        let der = try await world.certorder(["download", String(id), "--format", "der", "-o", "leaf.der"] + endpoint)
        #expect(der.status == 0, "\(der)")
        let parsed = try await Self.tool(world, "openssl", ["x509", "-inform", "der", "-in", "leaf.der", "-noout", "-subject"])
        #expect(parsed.stdout.contains("CN = Example Org"), "\(parsed)")
        let p7b = try await world.certorder(["download", String(id), "--format", "p7b", "-o", "bundle.p7b"] + endpoint)
        #expect(p7b.status == 0, "\(p7b)")
        let certs = try await Self.tool(world, "openssl", ["pkcs7", "-in", "bundle.p7b", "-print_certs", "-noout"])
        #expect(certs.stdout.contains("subject=C = US, O = CertOrder Sandbox, CN = CertOrder Sandbox Code Signing CA"), "\(certs)")

        // In the language: a format that is not one is named, with the formats.
        let bad = try await world.certorder(["-c", "download \(id) --format pem"] + endpoint)
        #expect(bad.status == 65, "\(bad)")
        #expect(bad.stderr.contains("'pem' is not a download format; use pem_all, pem_noroot, p7b, der"), "\(bad)")
        try await sandbox.stop()
    }
}

/// Renewal: a new order with `renewal_of_order_id`, from the order's details.
@Suite("Renewal")
struct RenewalTests {
    @Test("renew: from the order's details plus a script; order info links both; a second renewal is refused by the journal, then by the sandbox")
    func renew() async throws {
        let placed = try await PlacedEmailOrder.start(approval: "auto")
        let (world, order, sandbox, endpoint, id) = (placed.world, placed.order, placed.sandbox, placed.endpoint, placed.id)

        // Email provisioning: the key is the user's, so the renewal needs a CSR again.
        let bare = try await world.certorder(["renew", String(id), "--yes"] + endpoint)
        #expect(bare.status == 65, "\(bare)")
        #expect(bare.stderr.hasPrefix("<renewal>:1:1: error: a CSR is required when cs_provisioning_method is email"), "\(bare)")

        let script = try world.write("renewal.order", "certificate < csr @request.csr >\n")
        let renewed = try await world.certorder(["renew", String(id), script, "--yes"] + endpoint)
        #expect(renewed.status == 0, "\(renewed)")
        let renewal = try LifecycleTests.placedOrderID(renewed)
        #expect(renewal == id + 1)

        let old = try await world.run("curl", ["-s", "-H", "X-DC-DEVKEY: k", "\(sandbox.baseURL)/order/certificate/\(id)"])
        #expect(old.stdout.contains("\"is_renewed\": true"), "\(old)")
        let new = try await world.run("curl", ["-s", "-H", "X-DC-DEVKEY: k", "\(sandbox.baseURL)/order/certificate/\(renewal)"])
        #expect(new.stdout.contains("\"is_renewal\": true"), "\(new)")
        #expect(new.stdout.contains("\"renewed_order_id\": \(id)"), "\(new)")
        #expect(new.stdout.contains("\"renewal_of_order_id\": \(id)"), "\(new)")
        #expect(new.stdout.contains("\"cs_provisioning_method\": \"email\""), "\(new)")
        #expect(new.stdout.contains("\"value\": \"SEC-RELEASE\""), "the custom field comes from the order: \(new)")

        // The same renewal again: the journal refuses it as a duplicate, nothing sent.
        let again = try await world.certorder(["renew", String(id), script, "--yes"] + endpoint)
        #expect(again.status == 65, "\(again)")
        #expect(again.stderr.contains("as order \(renewal) (journal #2).\nNot sent. Add --allow-duplicate to place it again."), "\(again)")

        // Sent anyway: CertCentral's (the sandbox's) order_renewed_already, with what to do.
        let forced = try await world.certorder(["renew", String(id), script, "--yes", "--allow-duplicate"] + endpoint)
        #expect(forced.status == 65, "\(forced)")
        #expect(forced.stderr.contains("order_renewed_already: Order \(id) has already been renewed by order \(renewal)."), "\(forced)")
        #expect(forced.stderr.contains("Order \(id) has already been renewed: follow the renewal"), "\(forced)")

        // A renewal of an order not yet issued: order_not_eligible_for_renewal.
        try await sandbox.stop()
        let pending = try await CLISandbox.start(world: world, arguments: ["--approval", "one-step"])
        let waiting = try LifecycleTests.placedOrderID(try await world.certorder(["send", order, "--yes", "--allow-duplicate", "--endpoint", pending.baseURL]))
        let early = try await world.certorder(["renew", String(waiting), script, "--yes", "--endpoint", pending.baseURL])
        #expect(early.status == 65, "\(early)")
        #expect(early.stderr.contains("order_not_eligible_for_renewal: Order \(waiting) is needs_approval; only an issued or expired order can be renewed."), "\(early)")
        #expect(early.stderr.contains("cannot be renewed now"), "\(early)")
        try await pending.stop()
    }
}

/// Revocation: a request that waits for an administrator's approval.
@Suite("Revocation")
struct RevocationTests {
    @Test("revoke → approve → revoked: asked for with --yes only, a pending request whatever the workflow, then wait ends with 65")
    func revoke() async throws {
        let placed = try await PlacedEmailOrder.start(approval: "auto")
        let (world, _, sandbox, endpoint, id) = (placed.world, placed.order, placed.sandbox, placed.endpoint, placed.id)

        // Without a terminal to ask on, nothing is revoked without --yes; the warning says why.
        let unasked = try await world.certorder(["revoke", String(id), "--reason", "key compromised"] + endpoint)
        #expect(unasked.status == 64, "\(unasked)")
        #expect(unasked.stderr.contains("past signatures and timestamps stop being trusted"), "\(unasked)")
        let noReason = try await world.certorder(["-c", "revoke \(id) --yes"] + endpoint)
        #expect(noReason.status == 64, "\(noReason)")
        #expect(noReason.stderr.contains("give the reason with --reason"), "\(noReason)")

        let asked = try await world.certorder(["revoke", String(id), "--reason", "key compromised", "--yes"] + endpoint)
        #expect(asked.status == 0, "\(asked)")
        // Request 113 placed the order (auto-approved); the revoke request is the next one.
        #expect(asked.stdout == "revoke request 114 pending for the certificate of order \(id)\n"
                + "next: certorder approve 114 --endpoint \(sandbox.baseURL)  # an administrator's approval; "
                + "then: certorder status \(id) --endpoint \(sandbox.baseURL) shows it revoked\n", "\(asked)")
        let twice = try await world.certorder(["revoke", String(id), "--reason", "again", "--yes"] + endpoint)
        #expect(twice.status == 65, "\(twice)")
        #expect(twice.stderr.contains("already has a pending revoke request (114)"), "\(twice)")

        // The request waits among the account's pending requests; the order's own was approved.
        let pending = try await world.certorder(["requests", "--status", "pending"] + endpoint)
        #expect(pending.status == 0, "\(pending)")
        #expect(pending.stdout.cliLines.count == 1, "\(pending)")
        #expect(pending.stdout.hasPrefix("114  pending  revoke  order \(id)  "), "\(pending)")
        #expect(pending.stdout.hasSuffix("  key compromised\n"), "\(pending)")
        let all = try await world.certorder(["-c", "requests --json"] + endpoint)
        #expect(all.status == 0, "\(all)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]], "\(all)")
        #expect(items.map { $0["id"] as? Int } == [114, 113])
        #expect(items.map { $0["type"] as? String } == ["revoke", "new_request"])
        #expect(items.map { $0["status"] as? String } == ["pending", "approved"])

        // Still issued until approved, even in the auto workflow.
        let before = try await world.certorder(["status", String(id)] + endpoint)
        #expect(before.stdout.hasPrefix("order \(id): issued"), "\(before)")
        #expect(try await world.certorder(["approve", "114"] + endpoint).status == 0)
        let after = try await world.certorder(["status", String(id)] + endpoint)
        #expect(after.stdout.hasPrefix("order \(id): revoked"), "\(after)")
        #expect(after.stdout.contains("request 114: approved"), "\(after)")
        let none = try await world.certorder(["requests", "--status", "pending"] + endpoint)
        #expect(none.stdout == "no pending requests\n", "\(none)")

        let waited = try await world.certorder(["wait", String(id)] + endpoint)
        #expect(waited.status == 65, "\(waited)")
        #expect(waited.stderr == "error: an order ended without a certificate: \(id) (revoked)\n", "\(waited)")
        try await sandbox.stop()
    }
}
