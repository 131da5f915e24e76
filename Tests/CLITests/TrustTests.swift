import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 12's findings, run as a careless user would run them.
@Suite("Trust holes")
struct TrustTests {
    /// Runs `certorder` with no network at all (a fresh network namespace: no interface but a
    /// loopback that is down), so a test of a refusal can never reach the live API even if the
    /// refusal broke. Without `unshare` (not Linux), it runs as it is: the refusals under test
    /// come before any connection is made.
    func offline(_ world: CLIWorld, _ arguments: [String], environment: [String: String] = [:]) async throws -> CLIResult {
        if let unshare = CLIPackage.which("unshare") {
            return try await world.run(unshare, ["-rn", try CLIPackage.certorder()] + arguments, environment: environment)
        }
        return try await world.certorder(arguments, environment: environment)
    }

    static let liveURLs = ["https://www.digicert.com/services/v2", "https://certcentral.digicert.eu/services/v2",
                           "https://certcentral.example.test/services/v2"]

    /// Finding 1: a URL to the live API (or any host off this machine) is live: without a key it
    /// is refused before anything is attempted, and the error names the missing key.
    @Test("finding 1: a URL to the live API needs a key", arguments: liveURLs)
    func finding1_aLiveURLWithoutAKeyIsRefused(url: String) async throws {
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/documented-ev.order", as: "x.order")
        let result = try await offline(world, ["send", "x.order", "--endpoint", url])
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("is a live endpoint and needs an API key: set DIGICERT_API_KEY"), "\(result)")
        #expect(!result.stderr.contains("connect"), "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        // Nothing journaled: the journal was never even opened.
        #expect(!FileManager.default.fileExists(atPath: world.journal))
    }

    /// Finding 1 (and 7): with a key but no terminal and no --yes, a live URL is refused with 65
    /// (an order not sent), before any connection; nothing is journaled as sent.
    @Test("finding 1: a live URL with a key, no terminal and no --yes is refused with 65", arguments: ["us"] + liveURLs)
    func finding1_aLiveURLWithoutConfirmationIsRefused(endpoint: String) async throws {
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/documented-ev.order", as: "x.order")
        let result = try await offline(world, ["send", "x.order", "--endpoint", endpoint],
                                       environment: ["DIGICERT_API_KEY": "trust-test-key-0123456789"])
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.hasSuffix("without a terminal to confirm on; add --yes\n"), "\(result)")
        #expect(!result.stderr.contains("connect"), "\(result)")
        // Nothing journaled: the refusal comes before the journal is opened.
        #expect(!FileManager.default.fileExists(atPath: world.journal))
    }

    /// Finding 1, in the shell: a piped session's `send` to a URL off this machine is refused
    /// without --yes (there is no terminal to confirm on), as `certorder send` is; nothing is
    /// journaled. The same SendPolicy decides both.
    @Test("finding 1: a piped send to a live URL without --yes is refused")
    func finding1_aPipedSendToALiveURLIsRefused() async throws {
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/documented-ev.order", as: "x.order")
        let result = try await offline(world, ["--endpoint", "https://certcentral.example.test/services/v2", "-c", "load x.order; send"],
                                       environment: ["DIGICERT_API_KEY": "trust-test-key-0123456789"])
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains("refusing to send to the live endpoint https://certcentral.example.test/services/v2 "
                                       + "without a terminal to confirm on; add --yes"), "\(result)")
        // The shell opens the journal before it asks; nothing is recorded in it.
        let entries = try await world.run("sqlite3", [world.journal, "SELECT count(*) FROM journal_entry"])
        #expect(entries.stdout == "0\n", "\(entries)")
    }

    /// Finding 4: when the embedded sandbox creates the state folder first, the folder is 0700
    /// and `sandbox.json` 0600 (they were 0755 and 0644).
    @Test("finding 4: the embedded sandbox creates the state folder 0700 and sandbox.json 0600")
    func finding4_stateFilesAreOwnerOnly() async throws {
        let world = try CLIWorld(copying: "Examples/documented-ev.order")
        let sent = try await world.certorder(["send", "documented-ev.order", "--yes"])
        #expect(sent.status == 0, "\(sent)")
        #expect(try Self.mode(world.stateHome) == 0o700)
        #expect(try Self.mode(world.stateHome + "/certorder") == 0o700)
        #expect(try Self.mode(world.stateHome + "/certorder/sandbox.json") == 0o600)
        #expect(try String(contentsOfFile: world.stateHome + "/certorder/sandbox.json", encoding: .utf8).contains("112233"))
    }

    /// Finding 5: `export payload.json` parses strictly (RFC 8259: no comma before `}`), saying
    /// where, and validates like `export x.order` (a body with no hash and no organization is
    /// refused with 65); nothing is printed on stdout either way.
    @Test("finding 5: export of a JSON payload parses strictly and validates")
    func finding5_exportOfAPayloadIsStrictAndValidated() async throws {
        let world = try CLIWorld()
        try world.write("comma.json", #"{"validity_years": 1,}"#)
        let comma = try await world.certorder(["export", "comma.json", "--format", "curl"])
        #expect(comma.status == 65, "\(comma)")
        #expect(comma.stdout.isEmpty, "\(comma)")
        #expect(comma.stderr == """
            comma.json:1:22: error: the body is not valid JSON: expected a key in double quotes, found '}' (a comma before '}' is not allowed in JSON)
            {"validity_years": 1,}
                                 ^


            """, "\(comma)")

        try world.write("empty.json", #"{"validity_years": 1, "certificate": {}}"#)
        let invalid = try await world.certorder(["export", "empty.json", "--format", "curl", "--product", "ev"])
        #expect(invalid.status == 65, "\(invalid)")
        #expect(invalid.stdout.isEmpty, "\(invalid)")
        // At their place in the JSON: the missing hash at the certificate object, the missing
        // organization at the body.
        #expect(invalid.stderr.contains("empty.json:1:23: error: signature_hash is required; add 'hash sha256'"), "\(invalid)")
        #expect(invalid.stderr.contains("empty.json:1:1: error: an organization is required"), "\(invalid)")

        // The same body as a script is refused the same way.
        try world.write("empty.order", "order ev <\n  validity 1\n>\n")
        let script = try await world.certorder(["export", "empty.order", "--format", "curl"])
        #expect(script.status == 65, "\(script)")
        #expect(script.stdout.isEmpty, "\(script)")

        // A valid body still exports (the documented one, in every format).
        try world.write("body.json", CLIFixtures.documentedPayload)
        let valid = try await world.certorder(["export", "body.json", "--format", "curl", "--product", "ev"])
        #expect(valid.status == 0, "\(valid)")
        #expect(valid.stdout.contains("/order/certificate/code_signing_ev"), "\(valid)")
    }

    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return ((attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
    }
}
