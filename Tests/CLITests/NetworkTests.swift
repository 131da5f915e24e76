import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 17, networks: the real binary behind a forward proxy (a small CONNECT proxy in
/// Python, written here) talking to the sandbox served over TLS by a test CA (made here with
/// openssl). The proxy sends every CONNECT to 127.0.0.1 at the port asked for, whatever the
/// host name: `sandbox.certorder.test` exists only through it, as a company's proxy is the
/// only way to DigiCert.
@Suite("Networks: proxies and trust roots")
struct NetworkTests {
    static let host = "sandbox.certorder.test"
    static let key = "network-test-key-0123456789"
    static let proxyPassword = "proxy-pass-2718"

    /// The test CA, the sandbox's certificate for `sandbox.certorder.test`, `localhost` and
    /// 127.0.0.1, and its key, in `world`.
    static func makePKI(in world: CLIWorld) async throws -> (ca: String, certificate: String, key: String) {
        try world.write("pki/ext.cnf", "subjectAltName=DNS:\(host),DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
        let steps: [[String]] = [
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "pki/ca.key", "-out", "pki/ca.pem", "-days", "2",
             "-subj", "/CN=CertOrder Test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
            ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "pki/server.key", "-out", "pki/server.csr", "-subj", "/CN=\(host)"],
            ["x509", "-req", "-in", "pki/server.csr", "-CA", "pki/ca.pem", "-CAkey", "pki/ca.key", "-CAcreateserial",
             "-out", "pki/server.pem", "-days", "2", "-extfile", "pki/ext.cnf"],
        ]
        for step in steps {
            let made = try await world.run("openssl", step)
            guard made.status == 0 else { throw CLIFailure("openssl \(step.joined(separator: " ")): \(made)") }
        }
        return (world.path + "/pki/ca.pem", world.path + "/pki/server.pem", world.path + "/pki/server.key")
    }

    /// The world's environment for these tests: no proxy or trust root of the machine's.
    static func world() throws -> CLIWorld {
        try CLIWorld()
    }

    static let clean: [String: String] = [
        "SSL_CERT_FILE": "", "SSL_CERT_DIR": "", "https_proxy": "", "HTTPS_PROXY": "", "http_proxy": "", "HTTP_PROXY": "",
        "all_proxy": "", "ALL_PROXY": "", "no_proxy": "", "NO_PROXY": "", "CERTORDER_PROFILE": "", "CERTORDER_ENDPOINT": "",
    ]

    /// A sandbox on TLS and a proxy in front of it.
    struct Setup {
        let world: CLIWorld
        let sandbox: CLISandbox
        let proxy: TestProxy
        let ca: String
        let order: String
        var port: String { String(sandbox.baseURL.split(separator: ":").last!.split(separator: "/").first!) }
        /// The endpoint only the proxy reaches.
        var endpoint: String { "https://\(NetworkTests.host):\(port)" }
        /// HTTPS_PROXY with credentials, the key, nothing of the machine's.
        var environment: [String: String] {
            var environment = NetworkTests.clean
            environment["HTTPS_PROXY"] = "http://alice:\(NetworkTests.proxyPassword)@127.0.0.1:\(proxy.port)"
            environment["DIGICERT_API_KEY"] = NetworkTests.key
            return environment
        }

        static func start() async throws -> Setup {
            let world = try NetworkTests.world()
            let pki = try await NetworkTests.makePKI(in: world)
            let sandbox = try await CLISandbox.start(world: world, arguments: ["--tls-cert", pki.certificate, "--tls-key", pki.key])
            let proxy = try await TestProxy.start(world: world)
            let order = try world.copy(packageFile: "Examples/standard-csr.order")
            try world.copy(packageFile: "Examples/request.csr")
            return Setup(world: world, sandbox: sandbox, proxy: proxy, ca: pki.ca, order: order)
        }
    }

    @Test("with HTTPS_PROXY and --ca-file a send goes through the proxy, with its credentials, and succeeds; the follow-ups need no --endpoint")
    func sendThroughTheProxy() async throws {
        guard CLIPackage.hasOrRequired("openssl"), CLIPackage.hasOrRequired("python3") else { return }
        let setup = try await Setup.start()
        let sent = try await setup.world.certorder(["send", setup.order, "--endpoint", setup.endpoint, "--ca-file", setup.ca, "--yes"],
                                                   environment: setup.environment)
        #expect(sent.status == 0, "\(sent)")
        let flag = "--ca-file \(setup.ca)"
        #expect(sent.stdout == """
            placed order 112233 (journal #1, alternative id release-signing-2026)
              request 113: pending
            next: certorder approve 113 \(flag)  # one-step approval; then: certorder status 112233 \(flag)

            """, "\(sent)")
        let connects = try setup.proxy.log()
        #expect(!connects.isEmpty)
        #expect(connects.allSatisfy { $0 == "CONNECT \(Self.host):\(setup.port) auth=Basic alice:\(Self.proxyPassword)" }, "\(connects)")
        #expect(!sent.stdout.contains(Self.proxyPassword) && !sent.stderr.contains(Self.proxyPassword))

        // Every command the hint names runs as printed (no --endpoint: the journal knows it).
        let hint = try #require(sent.stdout.cliLines.first { $0.hasPrefix("next: ") })
        let text = String(hint.dropFirst("next: ".count))
        let commands = [text.components(separatedBy: "  # ")[0], text.components(separatedBy: "then: ")[1]]
        #expect(commands == ["certorder approve 113 \(flag)", "certorder status 112233 \(flag)"])
        var outputs: [String] = []
        for command in commands {
            let arguments = Array(command.split(separator: " ").dropFirst().map(String.init))
            let ran = try await setup.world.certorder(arguments, environment: setup.environment)
            #expect(ran.status == 0, "\(command): \(ran)")
            outputs.append(ran.stdout)
        }
        #expect(outputs == [
            "request 113 approved\n",
            "order 112233: issued · code_signing · certificate 113\n  request 113: approved\n  alternative id release-signing-2026\n",
        ])
        // They went to the order's endpoint, through the proxy (the embedded sandbox knows no order 112233).
        #expect(try setup.proxy.log().count > connects.count)
        try await setup.sandbox.stop()
    }

    @Test("without the test CA the send fails before anything is sent, naming the untrusted certificate (subject and issuer), and is not retried")
    func untrustedCertificate() async throws {
        guard CLIPackage.hasOrRequired("openssl"), CLIPackage.hasOrRequired("python3") else { return }
        let setup = try await Setup.start()
        let sent = try await setup.world.certorder(["send", setup.order, "--endpoint", setup.endpoint, "--yes"], environment: setup.environment)
        #expect(sent.status == 69, "\(sent)")
        #expect(sent.stdout.isEmpty, "\(sent)")
        #expect(sent.stderr == """
            error: nothing sent: the account's custom fields (GET /account/metadata) could not be looked up: Could not connect to \
            \(Self.host):\(setup.port) (the TLS certificate that \(Self.host):\(setup.port) presented \
            (CN=\(Self.host), issued by CN=CertOrder Test CA) is not trusted: no trusted CA issued it; \
            add its CA with --ca-file FILE or SSL_CERT_FILE); nothing was sent. Check the network, proxy or VPN, and the endpoint, then try again.

            """, "\(sent)")
        // One CONNECT for each of the three account lookups made together (custom fields, the
        // organisation's validations, the key's owner), none retried, and the probe's that read
        // the certificate (through the same proxy).
        let connects = try setup.proxy.log()
        #expect(connects == Array(repeating: "CONNECT \(Self.host):\(setup.port) auth=Basic alice:\(Self.proxyPassword)", count: 4), "\(connects)")
        // SSL_CERT_FILE adds the same root.
        var environment = setup.environment
        environment["SSL_CERT_FILE"] = setup.ca
        let trusted = try await setup.world.certorder(["send", setup.order, "--endpoint", setup.endpoint, "--yes"], environment: environment)
        #expect(trusted.status == 0, "\(trusted)")
        try await setup.sandbox.stop()
    }

    @Test("NO_PROXY skips the proxy: the host is looked up directly (and is not found)")
    func noProxySkipsTheProxy() async throws {
        guard CLIPackage.hasOrRequired("openssl"), CLIPackage.hasOrRequired("python3") else { return }
        let setup = try await Setup.start()
        for list in ["certorder.test", ".certorder.test", "*", "example.com, \(Self.host):\(setup.port)"] {
            var environment = setup.environment
            environment["NO_PROXY"] = list
            let shown = try await setup.world.certorder(["config", "show", "--endpoint", setup.endpoint], environment: environment)
            #expect(shown.stdout.cliLines.contains("route         direct (NO_PROXY)"), "\(list): \(shown)")
        }
        var environment = setup.environment
        environment["no_proxy"] = "certorder.test"
        environment["CERTORDER_TIMEOUT"] = "2"
        let sent = try await setup.world.certorder(["status", "112233", "--endpoint", setup.endpoint, "--ca-file", setup.ca],
                                                   environment: environment, timeout: .seconds(90))
        #expect(sent.status == 69, "\(sent)")
        #expect(sent.stderr.hasSuffix("error: Could not connect to \(Self.host):\(setup.port) (host not found); nothing was sent. "
                                      + "Check the network, proxy or VPN, and the endpoint, then try again.\n"), "\(sent)")
        #expect(try setup.proxy.log().isEmpty)
        // A port that is not the endpoint's does not match.
        environment["no_proxy"] = "\(Self.host):1"
        let shown = try await setup.world.certorder(["config", "show", "--endpoint", setup.endpoint], environment: environment)
        #expect(shown.stdout.cliLines.contains { $0.hasPrefix("route         through http://alice:‹hidden›@127.0.0.1:\(setup.proxy.port) (HTTPS_PROXY)") },
                "\(shown)")
        #expect(!shown.stdout.contains(Self.proxyPassword))
        try await setup.sandbox.stop()
    }

    @Test("a loopback endpoint is reached directly, whatever HTTPS_PROXY says")
    func loopbackIsDirect() async throws {
        guard CLIPackage.hasOrRequired("openssl"), CLIPackage.hasOrRequired("python3") else { return }
        let setup = try await Setup.start()
        var environment = setup.environment
        environment["DIGICERT_API_KEY"] = nil
        let sent = try await setup.world.certorder(["send", setup.order, "--endpoint", "https://127.0.0.1:\(setup.port)", "--ca-file", setup.ca],
                                                   environment: environment)
        #expect(sent.status == 0, "\(sent)")
        #expect(sent.stdout.hasPrefix("placed order 112233"), "\(sent)")
        #expect(try setup.proxy.log().isEmpty)
        try await setup.sandbox.stop()
    }

    @Test("a --ca-file that is missing or holds no certificate is a usage error before anything runs")
    func badCAFile() async throws {
        let world = try Self.world()
        try world.write("empty.pem", "not a certificate\n")
        for (file, reason) in [("missing.pem", "it cannot be read"), ("empty.pem", "it holds no PEM certificate")] {
            let result = try await world.certorder(["status", "1", "--ca-file", world.path + "/" + file], environment: Self.clean)
            #expect(result.status == 64, "\(result)")
            #expect(result.stderr == "error: --ca-file \(world.path)/\(file): \(reason)\n", "\(result)")
        }
        let proxy = try await world.certorder(["status", "1", "--endpoint", "us"], environment: Self.clean.merging(["HTTPS_PROXY": "https://u:hunter22@proxy:3128"]) { $1 })
        #expect(proxy.status == 64, "\(proxy)")
        #expect(proxy.stderr == "error: HTTPS_PROXY: https:// proxies are not supported; use http:// (CONNECT) or socks5://\n", "\(proxy)")
    }
}

/// A CONNECT proxy in Python for the tests, threaded: it logs each request line and its
/// Proxy-Authorization (decoded), then joins the client to 127.0.0.1 at the port asked for.
final class TestProxy {
    let pid: pid_t
    let port: Int
    let logPath: String

    static let script = #"""
    import base64, socket, sys, threading
    log_path = sys.argv[1]
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    print(server.getsockname()[1], flush=True)
    lock = threading.Lock()

    def pipe(a, b):
        try:
            while True:
                data = a.recv(65536)
                if not data:
                    break
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def handle(client):
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = client.recv(4096)
            if not chunk:
                client.close()
                return
            head += chunk
        lines = head.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
        method, target = lines[0].split(" ")[:2]
        auth = next((l.split(":", 1)[1].strip() for l in lines[1:] if l.lower().startswith("proxy-authorization:")), "")
        if auth.startswith("Basic "):
            auth = "Basic " + base64.b64decode(auth[6:]).decode()
        with lock, open(log_path, "a") as log:
            log.write(f"{method} {target} auth={auth or '-'}\n")
        if method != "CONNECT":
            client.sendall(b"HTTP/1.1 405 Method Not Allowed\r\n\r\n")
            client.close()
            return
        try:
            upstream = socket.create_connection(("127.0.0.1", int(target.rsplit(":", 1)[1])))
        except OSError:
            client.sendall(b"HTTP/1.1 502 Bad Gateway\r\n\r\n")
            client.close()
            return
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        threading.Thread(target=pipe, args=(client, upstream), daemon=True).start()
        pipe(upstream, client)

    while True:
        connection, _ = server.accept()
        threading.Thread(target=handle, args=(connection,), daemon=True).start()
    """#

    private init(pid: pid_t, port: Int, logPath: String) {
        self.pid = pid
        self.port = port
        self.logPath = logPath
    }

    static func start(world: CLIWorld) async throws -> TestProxy {
        let script = try world.write("proxy.py", Self.script)
        let logPath = world.path + "/proxy.log"
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let (readEnd, writeEnd) = try Spawn.makePipe()
        _ = fcntl(readEnd, F_SETFL, O_NONBLOCK)
        defer { close(readEnd) }
        let pid: pid_t
        do {
            defer { close(writeEnd) }
            guard let python = CLIPackage.which("python3") else { throw CLIFailure("python3 is not on PATH") }
            pid = try Spawn.start(python, [script, logPath], environment: world.environment, directory: world.path,
                                  stdout: .descriptor(writeEnd), stderr: .file(world.path + "/proxy.stderr"))
        }
        var line: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64)
        let deadline = ContinuousClock.now + .seconds(20)
        while !line.contains(UInt8(ascii: "\n")) {
            let count = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count > 0 {
                line += chunk[..<count]
            } else if count == 0 || ContinuousClock.now > deadline {
                break
            } else {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
            throw CLIFailure("the proxy printed no port: \(String(decoding: line, as: UTF8.self).debugDescription)")
        }
        return TestProxy(pid: pid, port: port, logPath: logPath)
    }

    /// The lines logged so far: `CONNECT host:port auth=Basic user:password` (or `auth=-`).
    func log() throws -> [String] {
        try String(contentsOfFile: logPath, encoding: .utf8).cliLines
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }
}
