import Foundation
import Testing
import TestSupport

/// Issue 12: "`export`, `load` and `send` of JSON payloads parse strictly (RFC 8259, located
/// errors) and validate like scripts (65 on errors, `--force` to override where sending allows
/// it)". A JSON payload stands where a script could — `send`, `check`, `compile`, `export` — as
/// one body, an array of bodies, or `compile --requests` output (which names each product); a
/// body that names no product needs `--product`, never a guess.
@Suite("JSON payloads where scripts could stand")
struct PayloadSourceTests {
    /// Three EV orders from the batch script, as `compile --requests` prints them.
    static func requests(_ cli: SafetyCLI, _ dir: SafetyDirectory) async throws -> (script: String, requests: String) {
        let csv = (["name,addr1,zip"] + (0..<3).map { "Developer \($0 + 1),\($0 + 1) Main Street,\(23000 + $0)" })
            .joined(separator: "\n") + "\n"
        try dir.write("batch/developers.csv", csv)
        let script = try dir.write("batch/batch.order", SafetyBatchTests.script)
        let compiled = try await cli.run(["compile", "--requests", script])
        #expect(compiled.status == 0, "\(compiled)")
        return (script, try dir.write("requests.json", compiled.stdout))
    }

    /// `compile --requests` output sent back is the same three orders, byte for byte: sent
    /// after the script, every one is skipped as already placed (the journal's digest of each
    /// canonical body matches), and the sandbox still holds three.
    @Test("send of compile --requests output sends the script's orders, byte for byte")
    func sendOfRequestsIsTheScriptsOrders() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let (script, requests) = try await Self.requests(cli, dir)
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit"])

        let first = try await cli.run(["send", script, "--endpoint", sandbox.baseURL, "--no-pacing"])
        #expect(first.status == 0, "\(first)")
        #expect(try await sandbox.state().orders == 3)

        let again = try await cli.run(["send", requests, "--endpoint", sandbox.baseURL, "--no-pacing"])
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.contains("3 orders: 3 skipped"), "\(again)")
        #expect(again.stderr.contains("3 orders were skipped: already placed"), "\(again)")
        #expect(try await sandbox.state().orders == 3)

        // On a fresh journal and sandbox the JSON alone places them.
        let fresh = try await SafetySandbox(cli, ["--no-rate-limit"])
        let alone = try await cli.run(["send", requests, "--endpoint", fresh.baseURL, "--no-pacing", "--allow-duplicate"])
        #expect(alone.status == 0, "\(alone)")
        #expect(alone.stdout.contains("3 orders: 3 placed"), "\(alone)")
        #expect(try await fresh.state().orders == 3)
    }

    /// A bare body names no product: refused with 65 before anything leaves, at the body's
    /// first character, saying what to add; with `--product` it is placed.
    @Test("a body without a product needs --product; then it is sent")
    func bodyWithoutProductNeedsTheFlag() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let (_, requests) = try await Self.requests(cli, dir)
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit"])
        // The first body of the requests, on its own.
        let envelopes = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: requests))) as! [[String: Any]]
        let body = try JSONSerialization.data(withJSONObject: envelopes[0]["body"]!, options: [.sortedKeys])
        let path = try dir.write("body.json", String(decoding: body, as: UTF8.self))

        let unnamed = try await cli.run(["send", path, "--endpoint", sandbox.baseURL, "--no-pacing"])
        #expect(unnamed.status == 65, "\(unnamed)")
        #expect(dir.relative(unnamed.stderr).hasPrefix("body.json:1:1: error: the payload does not name its product; give it with --product code_signing "
                                         + "or --product code_signing_ev (the output of 'certorder compile --requests' names it)\n"), "\(unnamed)")
        #expect(unnamed.stderr.hasSuffix("nothing sent: 1 error\n"), "\(unnamed)")
        #expect(try await sandbox.state().requestCount == 0)

        let named = try await cli.run(["send", path, "--product", "ev", "--endpoint", sandbox.baseURL, "--no-pacing"])
        #expect(named.status == 0, "\(named)")
        #expect(try await sandbox.state().orders == 1)
    }

    /// The validator judges a payload as it judges a script, and its diagnostics point into
    /// the JSON: a missing field at the object that should hold it, a bad value at the value.
    /// Refused with 65; `--force` lets CertCentral judge (the sandbox then refuses it).
    @Test("a payload is validated like a script, diagnostics at their place in the JSON")
    func payloadIsValidatedWithLocatedDiagnostics() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let path = try dir.write("empty.json", "{\n  \"validity_years\": 9,\n  \"certificate\": {}\n}\n")
        let checked = try await cli.run(["check", path, "--product", "code_signing_ev"])
        #expect(checked.status == 65, "\(checked)")
        let lines = dir.relative(checked.stderr).cliLines
        #expect(lines.contains("empty.json:3:3: error: signature_hash is required; add 'hash sha256'"), "\(checked)")
        #expect(lines.contains("empty.json:2:21: error: validity_years must be 1, 2 or 3; got 9"), "\(checked)")
        #expect(lines.contains { $0.hasPrefix("empty.json:1:1: error: an organization is required") }, "\(checked)")

        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit"])
        let sent = try await cli.run(["send", path, "--product", "ev", "--endpoint", sandbox.baseURL, "--no-pacing"])
        #expect(sent.status == 65, "\(sent)")
        #expect(sent.stdout.isEmpty, "\(sent)")
        #expect(try await sandbox.state().requestCount == 0)
    }

    /// Not JSON: the error at its line and column, in an array's element too; a value of the
    /// wrong type names its path in the document.
    @Test("a payload that is not JSON is refused at its line and column")
    func syntaxErrorsAreLocated() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let broken = try dir.write("broken.json", "[\n  {\"validity_years\": 1},\n  {\"validity_years\": 1,}\n]\n")
        let result = try await cli.run(["send", broken, "--product", "cs"])
        #expect(result.status == 65, "\(result)")
        #expect(dir.relative(result.stderr).hasPrefix("broken.json:3:24: error: the body is not valid JSON: expected a key in double quotes, found '}'"), "\(result)")

        let typed = try dir.write("typed.json", "[{\"validity_years\": 1}, {\"validity_years\": \"1\"}]")
        let wrong = try await cli.run(["check", typed, "--product", "cs"])
        #expect(wrong.status == 65, "\(wrong)")
        #expect(dir.relative(wrong.stderr).hasPrefix("typed.json:1:44: error: [1].validity_years: expected an integer; fix the value's type"), "\(wrong)")
        #expect(!FileManager.default.fileExists(atPath: dir.journal))
    }

    /// `compile` of a payload prints it as a script's order would be printed: the canonical
    /// body; `compile --requests` of `compile --requests` output is the same text.
    @Test("compile of compile --requests output gives the same text")
    func compileRoundTrips() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let (_, requests) = try await Self.requests(cli, dir)
        let again = try await cli.run(["compile", "--requests", requests])
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout == (try String(contentsOfFile: requests, encoding: .utf8)))
    }
}

extension SafetyDirectory {
    /// `text` with this directory's paths made relative (the tests name files by absolute path).
    func relative(_ text: String) -> String { text.replacingOccurrences(of: path + "/", with: "") }
}
