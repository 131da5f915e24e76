import Foundation
import Testing

/// Before a code signing order is sent, the account must be able to place it usefully: the
/// organisation validated for code signing, and a verified contact (the key's owner stands in
/// only with a job title and a telephone). Refused before sending, with what to do.
@Suite("Account readiness before sending")
struct ReadinessTests {
    /// The documented email order with a verified contact of its own.
    static let orderWithContact = LifecycleTests.emailOrder.replacingOccurrences(of: "  organization 123456\n", with: """
          organization 123456
          contact <
            first_name Ada; last_name Lovelace; email ada@example.com
            job_title "Release Manager"; telephone "+1 801 555 0100"
          >

        """)

    /// The contact as the sandbox stored it, member for member.
    static let storedContact: [String: String] = [
        "contact_type": "verified_contact", "first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com",
        "job_title": "Release Manager", "telephone": "+1 801 555 0100",
    ]

    @Test("no verified contact and a key owner without a job title: refused before sending, saying what to add")
    func keyOwnerWithoutJobTitle() async throws {
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/request.csr")
        let order = try world.write("release.order", LifecycleTests.emailOrder)
        let sandbox = try await CLISandbox.start(world: world, arguments: ["--approval", "auto", "--key-owner-without-job-title"])
        let refused = try await world.certorder(["send", order, "--yes", "--endpoint", sandbox.baseURL])
        #expect(refused.status == 65, "\(refused)")
        #expect(refused.stdout == "", "\(refused)")
        #expect(refused.stderr == world.path + "/release.order:8:3: error: a code signing order needs a verified contact, and CertCentral adds "
                + "the API key's owner (Erin Guerra <erin.guerra@example.com>) only when that user has a job title and a telephone; "
                + "Erin Guerra <erin.guerra@example.com> has no job title. Add a job title to that user in CertCentral (Account › Users), "
                + "or send the order with a verified contact: organization.contacts "
                + "[{contact_type: verified_contact, first_name, last_name, email, job_title, telephone}]\n"
                + "  organization 123456\n  ^^^^^^^^^^^^\n\nnothing sent: 1 error\n", "\(refused)")
        let state = try await world.run("curl", ["-s", sandbox.rootURL + "/sandbox/state"])
        #expect(state.stdout.contains("\"orders\" : 0"), "\(state)")
        try await sandbox.stop()
    }

    @Test("an organisation without the cs validation: refused before sending, naming the validation and how to start it")
    func organisationNotValidated() async throws {
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/request.csr")
        let order = try world.write("labs.order", LifecycleTests.emailOrder.replacingOccurrences(of: "organization 123456", with: "organization 123457"))
        let sandbox = try await CLISandbox.start(world: world, arguments: ["--approval", "auto"])
        let refused = try await world.certorder(["send", order, "--yes", "--endpoint", sandbox.baseURL])
        #expect(refused.status == 65, "\(refused)")
        #expect(refused.stderr == world.path + "/labs.order:8:16: error: organization 123457 is not validated for code signing "
                + "(cs is not active; it has ov): start the cs validation in CertCentral "
                + "(POST /organization/123457/validation with {\"validations\": [{\"type\": \"cs\"}]}, or Organizations › 123457 › Validations; "
                + "a first code signing validation takes up to three business days), or order for an organization validated for cs\n"
                + "  organization 123457\n               ^^^^^^\n\nnothing sent: 1 error\n", "\(refused)")
        let state = try await world.run("curl", ["-s", sandbox.rootURL + "/sandbox/state"])
        #expect(state.stdout.contains("\"orders\" : 0"), "\(state)")
        try await sandbox.stop()
    }

    @Test("an order naming its verified contact passes with a key owner who could not stand in, and is placed with the contact")
    func verifiedContactPlaces() async throws {
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/request.csr")
        let order = try world.write("release.order", Self.orderWithContact)
        let sandbox = try await CLISandbox.start(world: world, arguments: ["--approval", "auto", "--key-owner-without-job-title"])
        let sent = try await world.certorder(["send", order, "--yes", "--endpoint", sandbox.baseURL])
        #expect(sent.status == 0, "\(sent)")
        #expect(sent.stdout.hasPrefix("placed order "), "\(sent)")
        let id = try LifecycleTests.placedOrderID(sent)
        // The custom fields and the organisation's validations, then the POST: the key's owner
        // is not asked about, as the order names its own contact.
        let state = try await world.run("curl", ["-s", sandbox.rootURL + "/sandbox/state"])
        #expect(state.stdout.contains("\"request_count\" : 3,"), "\(state)")
        let info = try await world.run("curl", ["-s", "-H", "X-DC-DEVKEY: k", "\(sandbox.baseURL)/order/certificate/\(id)"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any], "\(info)")
        let organization = try #require(object["organization"] as? [String: Any], "\(info)")
        #expect(organization["id"] as? Int == 123456)
        #expect(organization["contacts"] as? [[String: String]] == [Self.storedContact], "\(info)")
        try await sandbox.stop()
    }

    @Test("a batch: each order without a verified contact is located, the one with a contact is not; nothing is sent")
    func batchLocatesEachOrderWithoutAContact() async throws {
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/request.csr")
        let order = try world.write("batch.order", Self.orderWithContact + "\n" + LifecycleTests.emailOrder)
        let sandbox = try await CLISandbox.start(world: world, arguments: ["--approval", "auto", "--key-owner-without-job-title"])
        let refused = try await world.certorder(["send", order, "--yes", "--endpoint", sandbox.baseURL])
        #expect(refused.status == 65, "\(refused)")
        #expect(refused.stdout == "", "\(refused)")
        // The second order starts on line 16: its organization statement is on line 23.
        #expect(refused.stderr.hasPrefix(world.path + "/batch.order:23:3: error: a code signing order needs a verified contact"), "\(refused)")
        #expect(refused.stderr.hasSuffix("\nnothing sent: 1 error\n"), "\(refused)")
        let state = try await world.run("curl", ["-s", sandbox.rootURL + "/sandbox/state"])
        #expect(state.stdout.contains("\"orders\" : 0"), "\(state)")
        // The custom fields, the one organisation's validations, the key's owner: once each.
        #expect(state.stdout.contains("\"request_count\" : 3,"), "\(state)")
        try await sandbox.stop()
    }

    /// A session whose custom fields were looked up already: the readiness lookups fail (HTTP
    /// 500), and the send stops before its POST with "nothing sent", naming those lookups.
    @Test func aFailingReadinessLookupSendsNothing() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let order = try dir.write("order.order", safetyOrderScript())
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit"])
        let session = try cli.start(["--endpoint", sandbox.baseURL, "--keep-going"], label: "session", input: .pipe)
        // `fields` without a draft: the custom fields only.
        try session.send("fields\n")
        try await session.waitForOutput("13  Ticket number  int  optional\n")
        try await sandbox.setFaults(["failure_rate": 1])
        try session.send("load \(order)\nsend --yes\n")
        session.closeInput()
        let status = try await session.wait()
        #expect(status == 75, "\(session.stdout)\n\(session.stderr)")
        #expect(session.stderr.contains("nothing sent: the organization's validations and the API key's owner "
                                        + "(GET /organization/{id}/validation, GET /user/me) could not be looked up: CertCentral failed with HTTP 500"),
                "\(session.stderr)")
        #expect(try await cli.journal().isEmpty)
        #expect(try await sandbox.state().orders == 0)
    }
}
