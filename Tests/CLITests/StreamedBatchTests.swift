import Foundation
import Testing
import TestSupport

/// `certorder send` of a batch streamed in constant memory (issue 19): the first pass still
/// blocks the whole batch on an error in any row before anything is sent, the sending pass
/// sends exactly the bodies `certorder compile --requests` prints, and the batch prints what
/// its output mode says (default, `--verbose`, `--quiet`).
@Suite("A streamed batch")
struct StreamedBatchTests {
    /// One EV order per developer of `devs.csv`, its validity from the row.
    static let script = """
        recipe token(name, addr1, zip, years) <
          order code_signing_ev <
            certificate < hash sha256 >
            provisioning ship_token
            validity $years
            organization 123456
            container 654321
            custom_field 12 "CC-42"
            ship < name $name; addr1 $addr1; city Richmond; state va; zip $zip; country us; method standard >
          >
        >

        for dev in csv "devs.csv" <
          use token($dev.name, $dev.addr1, $dev.zip, $dev.years)
        >

        """

    /// `rows` developers with quoted fields, embedded commas and quotes and non-ASCII names; the
    /// row numbered `bad` (from 1) asks for a validity of 9 years (the others 1), which the validator refuses.
    static func csv(rows: Int, bad: Int? = nil) -> String {
        var lines = ["name,addr1,zip,years"]
        lines.reserveCapacity(rows + 1)
        for row in 1...rows {
            let name = row % 3 == 0 ? "\"Zoë \"\"Z\"\" Müller \(row)\"" : "Developer \(row)"
            lines.append("\(name),\"\(row) Main Street, Apt \(row % 7)\",\(23000 + row % 1000),\(row == bad ? 9 : 1)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A recording proxy in front of the sandbox: every request's method, path and body, exactly
    /// as received, as a JSON line in `log`, then relayed to the sandbox and its answer back.
    static let proxy = #"""
        import http.client, http.server, json, sys, threading
        upstream, log = int(sys.argv[1]), open(sys.argv[2], "a")
        lock = threading.Lock()
        class Relay(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def log_message(self, *args): pass
            def relay(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with lock:
                    log.write(json.dumps({"method": self.command, "path": self.path, "body": body.decode("utf-8")}) + "\n")
                    log.flush()
                upstream_connection = http.client.HTTPConnection("127.0.0.1", upstream)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                upstream_connection.request(self.command, self.path, body=body or None, headers=headers)
                answer = upstream_connection.getresponse()
                data = answer.read()
                self.send_response(answer.status)
                for k, v in answer.getheaders():
                    if k.lower() not in ("content-length", "connection", "transfer-encoding", "date", "server"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                upstream_connection.close()
            do_GET = do_POST = do_PUT = do_DELETE = relay
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Relay)
        print("listening", server.server_address[1], flush=True)
        server.serve_forever()
        """#

    /// The proxy, started in front of `sandbox`.
    final class RecordingProxy: @unchecked Sendable {
        let process: SafetyProcess
        let port: Int
        let log: String
        var baseURL: String { "http://127.0.0.1:\(port)/services/v2" }

        init(_ cli: SafetyCLI, sandbox: SafetySandbox) async throws {
            guard let python = CLIPackage.which("python3") else { throw SafetyFailure("python3 is not installed") }
            let program = try cli.directory.write("proxy.py", StreamedBatchTests.proxy)
            log = cli.directory.path + "/received.jsonl"
            FileManager.default.createFile(atPath: log, contents: Data())
            let process = try SafetyProcess(python, [program, String(sandbox.port), log], environment: cli.directory.environment(),
                                            directory: cli.directory, label: "proxy")
            self.process = process
            var bound: Int?
            _ = await eventually(timeout: .seconds(30)) {
                if process.poll() != nil { return true }
                guard let range = process.stdout.range(of: "listening ") else { return false }
                bound = Int(process.stdout[range.upperBound...].prefix { $0.isNumber })
                return bound != nil
            }
            guard let bound else { throw SafetyFailure("the proxy did not start: \(process.stderr)") }
            port = bound
        }

        /// What it received, in arrival order.
        func received() throws -> [(method: String, path: String, body: String)] {
            let text = try String(contentsOfFile: log, encoding: .utf8)
            return try text.split(separator: "\n").map { line in
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
                return (object["method"] ?? "", object["path"] ?? "", object["body"] ?? "")
            }
        }
    }

    /// JSON text without the whitespace outside its strings: `compile --requests`'s pretty
    /// output in the compact form bodies are sent in (the writer is the same; only the layout differs).
    static func minified(_ json: String) -> String {
        var out = ""
        var inString = false, escaped = false
        for character in json {
            if inString {
                out.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
                out.append(character)
            } else if !character.isWhitespace {
                out.append(character)
            }
        }
        return out
    }

    @Test func anErrorInRow19999Of20000BlocksTheBatchBeforeAnythingIsSent() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        try dir.write("batch/devs.csv", Self.csv(rows: 20_000, bad: 19_999))
        let script = try dir.write("batch/batch.order", Self.script)
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit"])
        let proxy = try await RecordingProxy(cli, sandbox: sandbox)

        let sent = try await cli.run(["send", script, "--endpoint", proxy.baseURL, "--yes", "--no-pacing"], timeout: .seconds(300))
        #expect(sent.status == 65, "\(sent)")
        #expect(sent.stdout == "")
        // The error is placed at the statement and the row: the last-but-one row of the file.
        #expect(sent.stderr.contains("batch.order:5:14: error: validity_years must be 1, 2 or 3; got 9"), "\(sent.stderr)")
        #expect(sent.stderr.contains("devs.csv:20000:1: note: in row 19999 of "), "\(sent.stderr)")
        #expect(sent.stderr.hasSuffix("nothing sent: 1 error\n"), "\(sent.stderr)")
        // Not one request reached the sandbox: not even the account's metadata was asked for.
        #expect(try proxy.received().isEmpty)
        #expect(try await sandbox.state().requestCount == 0)
        #expect(try await cli.journal().isEmpty)
    }

    @Test func theSandboxReceivesExactlyTheBytesCompileRequestsPrints() async throws {
        let rows = 300
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        try dir.write("batch/devs.csv", Self.csv(rows: rows))
        let script = try dir.write("batch/batch.order", Self.script)
        let compiled = try await cli.run(["compile", "--requests", script])
        #expect(compiled.status == 0, "\(compiled)")

        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit"])
        let proxy = try await RecordingProxy(cli, sandbox: sandbox)
        let sent = try await cli.run(["send", script, "--endpoint", proxy.baseURL, "--yes", "--no-pacing", "--concurrency", "16"],
                                     timeout: .seconds(120))
        #expect(sent.status == 0, "\(sent)")
        #expect(sent.stdout == "\n\(rows) orders: \(rows) placed\n", "\(sent.stdout)")

        // Each POST body is the compiled body with the batch's alternative id appended as the
        // last key; the id's last number is the order's place in the batch.
        var posts: [Int: String] = [:]
        var others: [String] = []
        let generated = /,"alternative_order_id":"certorder-[0-9a-f]{24}-r1-([0-9]+)"}$/
        for request in try proxy.received() {
            guard request.method == "POST" else {
                others.append("\(request.method) \(request.path)")
                continue
            }
            let match = try #require(request.body.firstMatch(of: generated), "\(request.body)")
            let index = try #require(Int(match.1))
            #expect(posts[index] == nil, "order \(index) sent twice")
            let path = request.path.replacingOccurrences(of: "/services/v2", with: "")
            posts[index] = #"{"method":"POST","path":"\#(path)","body":"# + request.body[..<match.range.lowerBound] + "}}"
        }
        // The account lookups, made together (so in any order), once for the whole batch.
        #expect(others.sorted() == ["GET /services/v2/account/metadata", "GET /services/v2/organization/123456/validation",
                                    "GET /services/v2/user/me"])
        #expect(posts.keys.sorted() == Array(1...rows))
        let sentRequests = "[" + (1...rows).compactMap { posts[$0] }.joined(separator: ",") + "]"
        #expect(sentRequests == Self.minified(compiled.stdout))
    }

    /// Three orders, one at a time, all placed: what each output mode prints, exactly.
    @Test func eachOutputModePrintsExactlyWhatItSays() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        try dir.write("batch/devs.csv", Self.csv(rows: 3))
        let script = try dir.write("batch/batch.order", Self.script)
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit"])
        let common = ["--endpoint", sandbox.baseURL, "--yes", "--no-pacing", "--concurrency", "1", "--allow-duplicate"]
        func label(_ row: Int) -> String { "\(script):2 (in row \(row) of \(dir.path)/batch/devs.csv (line \(row + 1)))" }

        // Default: the counts only (no failure), nothing on stderr.
        let standard = try await cli.run(["send", script] + common)
        #expect(standard.status == 0, "\(standard)")
        #expect(standard.stdout == "\n3 orders: 3 placed\n")
        #expect(standard.stderr == "")

        // --verbose: a line per order as it finishes, and every order in the summary.
        let verbose = try await cli.run(["send", script, "--verbose"] + common)
        #expect(verbose.status == 0, "\(verbose)")
        let ids = try await sandbox.state().orderIDs.suffix(3).map(String.init)
        let entries = try await cli.journal().compactMap { $0["id"] as? Int }.sorted().suffix(3).map(String.init)
        #expect(ids.count == 3 && entries.count == 3)
        let lines = (0..<3).map { "placed   \($0 + 1)/3  \(label($0 + 1))  order \(ids[$0]) (journal #\(entries[$0]))" }
        #expect(verbose.stderr == lines.joined(separator: "\n") + "\n", "\(verbose.stderr)")
        let rows = (0..<3).map {
            "\($0 + 1)".padding(toLength: 6, withPad: " ", startingAt: 0) + "placed    " + ids[$0].padding(toLength: 11, withPad: " ", startingAt: 0) + label($0 + 1)
        }
        #expect(verbose.stdout == (["", "#     outcome   order      label"] + rows + ["", "3 orders: 3 placed", ""]).joined(separator: "\n"),
                "\(verbose.stdout)")

        // --quiet: nothing at all when nothing fails.
        let quiet = try await cli.run(["send", script, "--quiet"] + common)
        #expect(quiet.status == 0, "\(quiet)")
        #expect(quiet.stdout == "")
        #expect(quiet.stderr == "")
        #expect(try await sandbox.state().orders == 9)

        // Both: refused.
        let both = try await cli.run(["send", script, "--quiet", "--verbose"] + common)
        #expect(both.status == 64, "\(both)")
        #expect(both.stderr.contains("--verbose and --quiet cannot be used together"), "\(both.stderr)")
    }
}
