import Foundation
import Testing

/// The exports, run as printed: against a `certorder sandbox` process for the HTTP ones,
/// compiled for Swift, compiled back for the order language.
@Suite("Exported snippets run")
struct ExportSnippetTests {
    /// A key for the sandbox (it takes any non-empty key); it must never appear in a snippet.
    static let key = "sk-export-test-7f3a9c1e5b"

    /// Exports the documented example in `format`, with the key in the environment, and checks
    /// the key stays out of it.
    static func export(_ format: String, in world: CLIWorld, file: String = "documented-ev.order") async throws -> String {
        let result = try await world.certorder(["export", file, "--format", format], environment: ["DIGICERT_API_KEY": key])
        #expect(result.status == 0, "\(result)")
        #expect(!result.stdout.contains(key))
        if ["curl", "python", "go", "node"].contains(format) {
            #expect(result.stdout.contains("DIGICERT_API_KEY"))
        }
        return result.stdout
    }

    /// The environment a snippet runs with: the sandbox's URL and the key.
    static func snippetEnvironment(_ sandbox: CLISandbox) -> [String: String] {
        ["CERTCENTRAL_BASE_URL": sandbox.baseURL, "DIGICERT_API_KEY": key]
    }

    /// The documented response of a placed order, `{"id": N, ...}`, from a snippet's output.
    static func orderID(in text: String) -> Int? {
        guard let match = text.firstMatch(of: /"id": ([0-9]+)/) else { return nil }
        return Int(match.1)
    }

    @Test("the curl export places the documented example in a sandbox: 201")
    func curl() async throws {
        let world = try CLIWorld(copying: "Examples/documented-ev.order")
        let snippet = try await Self.export("curl", in: world)
        try world.write("order.sh", snippet)
        // curl reads $CURL_HOME/.curlrc: have it print the HTTP status after the body.
        try world.write("curlhome/.curlrc", "write-out = \"HTTP %{http_code}\\n\"\n")
        let sandbox = try await CLISandbox.start(world: world)
        var environment = Self.snippetEnvironment(sandbox)
        environment["CURL_HOME"] = world.path + "/curlhome"
        let result = try await world.run("sh", ["order.sh"], environment: environment)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasSuffix("}HTTP 201\n\n"), "\(result)")
        #expect(Self.orderID(in: result.stdout) == 112233, "\(result)")
        #expect(result.stderr == "")

        // A refused order (the sandbox's 400) fails the script, as the other exports fail.
        let invalid = snippet.replacingOccurrences(of: "\"validity_years\": 1,", with: "\"validity_years\": 4,")
        #expect(invalid != snippet)
        try world.write("invalid.sh", invalid)
        let refused = try await world.run("sh", ["invalid.sh"], environment: environment)
        #expect(refused.status == 22, "\(refused)")
        #expect(refused.stdout.hasSuffix("HTTP 400\n\n"), "\(refused)")

        // Without a key the snippet refuses to run, and says why.
        let keyless = try await world.run("sh", ["order.sh"], environment: ["CERTCENTRAL_BASE_URL": sandbox.baseURL, "CURL_HOME": world.path + "/curlhome"])
        #expect(keyless.status != 0)
        #expect(keyless.stderr.contains("set DIGICERT_API_KEY to your CertCentral API key"))
        #expect(try await sandbox.stop() == 0)
    }

    @Test("the curl export gives curl the key in a header file, never in its arguments (visible in ps)")
    func curlKeyStaysOutOfArguments() async throws {
        let world = try CLIWorld(copying: "Examples/documented-ev.order")
        try world.write("order.sh", try await Self.export("curl", in: world))
        // A stand-in curl first on PATH records its arguments and what it reads from fd 3.
        try world.write("bin/curl", """
            #!/bin/sh
            printf '%s\\n' "$@" > "$CURL_LOG.args"
            cat /dev/fd/3 > "$CURL_LOG.fd3"
            cat > "$CURL_LOG.body"

            """)
        chmod(world.path + "/bin/curl", 0o755)
        let path = world.path + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let result = try await world.run("sh", ["order.sh"], environment: [
            "PATH": path, "DIGICERT_API_KEY": Self.key, "CURL_LOG": world.path + "/curl",
            "CERTCENTRAL_BASE_URL": "http://127.0.0.1:9/services/v2"])
        #expect(result.status == 0, "\(result)")
        let arguments = try String(contentsOfFile: world.path + "/curl.args", encoding: .utf8)
        #expect(!arguments.contains(Self.key), "\(arguments)")
        #expect(arguments.contains("-H\n@/dev/fd/3\n"), "\(arguments)")
        #expect(try String(contentsOfFile: world.path + "/curl.fd3", encoding: .utf8) == "X-DC-DEVKEY: \(Self.key)\n")
        let body = try String(contentsOfFile: world.path + "/curl.body", encoding: .utf8)
        #expect(body.hasPrefix("{") && body.contains("\"code_signing_ev\"") == false && body.contains("\"certificate\""), "\(body)")
    }

    @Test("a base URL with shell characters is not run as a command by the curl export")
    func curlBaseURLIsAString() async throws {
        let world = try CLIWorld(copying: "Examples/documented-ev.order")
        let result = try await world.certorder(["export", "documented-ev.order", "--format", "curl",
                                                "--base-url", "http://127.0.0.1:9/$(touch pwned)`touch pwned2`"])
        #expect(result.status == 0, "\(result)")
        try world.write("order.sh", result.stdout)
        // curl refuses the URL as it was given (and the snippet exits with curl's status).
        let run = try await world.run("sh", ["order.sh"], environment: ["DIGICERT_API_KEY": Self.key])
        #expect(run.status == 3, "\(run)")
        #expect(run.stderr.contains("curl: (3) "), "\(run)")
        #expect(!FileManager.default.fileExists(atPath: world.path + "/pwned"))
        #expect(!FileManager.default.fileExists(atPath: world.path + "/pwned2"))
    }

    /// Exports the documented example as `format` into `file`, and runs it with `program`
    /// (`arguments`, then the file) against a sandbox of its own. `cache` names an environment
    /// variable pointed at a folder of the world.
    static func runExport(_ format: String, as file: String, with program: String, _ arguments: [String],
                          cache: String? = nil, timeout: Duration = .seconds(30)) async throws -> CLIResult {
        let world = try CLIWorld(copying: "Examples/documented-ev.order")
        try world.write(file, try await export(format, in: world))
        let sandbox = try await CLISandbox.start(world: world)
        var environment = snippetEnvironment(sandbox)
        if let cache { environment[cache] = world.path + "/cache" }
        return try await world.run(program, arguments + [file], environment: environment, timeout: timeout)
    }

    @Test("the python export places the documented example in a sandbox: 201",
          .enabled(if: CLIPackage.hasOrRequiresPythonRequests, "needs python3 with requests"))
    func python() async throws {
        let result = try await Self.runExport("python", as: "order.py", with: "python3", [])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("201 {\n"), "\(result)")
        #expect(Self.orderID(in: result.stdout) == 112233, "\(result)")
    }

    @Test("the node export places the documented example in a sandbox: 201",
          .enabled(if: CLIPackage.has("node"), "needs node"))
    func node() async throws {
        let result = try await Self.runExport("node", as: "order.js", with: "node", [])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("201 {\n"), "\(result)")
        #expect(Self.orderID(in: result.stdout) == 112233, "\(result)")
    }

    @Test("the go export places the documented example in a sandbox: 201", .enabled(if: CLIPackage.hasOrRequired("go"), "needs go"))
    func go() async throws {
        // Go builds into a cache of its own, inside the world.
        let result = try await Self.runExport("go", as: "order.go", with: "go", ["run"], cache: "GOCACHE", timeout: .seconds(120))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("201 {\n"), "\(result)")
    }

    @Test("every HTTP export sends the same body: the sandbox records the same order each time")
    func sameBodyEverywhere() async throws {
        let world = try CLIWorld(copying: "Examples/documented-ev.order")
        let sandbox = try await CLISandbox.start(world: world)
        try world.write("order.sh", try await Self.export("curl", in: world))
        try world.write("order.py", try await Self.export("python", in: world))
        try world.write("order.js", try await Self.export("node", in: world))
        var runs: [(String, [String])] = [("sh", ["order.sh"])]
        if CLIPackage.hasOrRequiresPythonRequests { runs.append(("python3", ["order.py"])) }
        if CLIPackage.has("node") { runs.append(("node", ["order.js"])) }
        var ids: [Int] = []
        for (program, arguments) in runs {
            let result = try await world.run(program, arguments, environment: Self.snippetEnvironment(sandbox))
            #expect(result.status == 0, "\(program): \(result)")
            ids.append(try #require(Self.orderID(in: result.stdout), "\(program): \(result)"))
        }
        #expect(ids == Array(112233..<(112233 + runs.count)))
        // certorder itself, pointed at the same sandbox, sees each order as the documented one.
        for id in ids {
            let status = try await world.certorder(["-c", "endpoint \(sandbox.baseURL); status \(id)"])
            #expect(status.status == 0, "\(status)")
            #expect(status.stdout.contains("order \(id): "), "\(status)")
            #expect(status.stdout.contains("code_signing_ev"), "\(status)")
        }
    }

    @Test("the order export compiles back to the same payload", arguments: ["documented-ev.order", "rich.order"])
    func orderRoundTrip(_ file: String) async throws {
        let (world, original) = try await Self.compiledExample(file)
        let back = try await world.certorder("compile", script: "exported.order", try await Self.export("order", in: world, file: file))
        #expect(back.status == 0, "\(back)")
        #expect(back.stdout == original.stdout)
        // And formatting it changes nothing: the export is in canonical form.
        #expect(try await world.certorder(["fmt", "exported.order"]).stdout == (try world.read("exported.order")))
    }

    /// A world holding the documented example and ``richOrder`` (with its CSR), and `file` of
    /// them compiled there (successfully).
    static func compiledExample(_ file: String) async throws -> (CLIWorld, CLIResult) {
        let world = try CLIWorld(copying: "Examples/documented-ev.order", "Examples/request.csr")
        try world.write("rich.order", richOrder)
        let compiled = try await world.certorder(["compile", file])
        #expect(compiled.status == 0, "\(compiled)")
        return (world, compiled)
    }

    /// An order using what the documented example does not: a CSR, days, emails, escapes, a
    /// non-ASCII comment, `platform other`, `skip_approval false`, two custom fields.
    static let richOrder = #"""
        order cs <
          certificate < hash sha256; platform other; unit "R&D", "Ops \"core\""; csr @request.csr >
          provisioning email
          validity 30 days
          organization 123456
          emails security@example.com, release@example.com
          alternative_order_id "release-signing-2026"
          comments "Line one\nLine two \\ backslash \$x ü 😀 '''"
          skip_approval false
          renewal_of 998877
          custom_field 7 "x"
          custom_field 8 "y"
          payment card
        >

        """#

    @Test("the swift export compiles against the built CertOrder module and prints the same payload",
          .enabled(if: CLIPackage.has("swiftc"), "needs swiftc"),
          arguments: ["documented-ev.order", "rich.order"])
    func swift(_ file: String) async throws {
        let (world, expected) = try await Self.compiledExample(file)

        // The snippet as exported, and one line that prints what it built.
        let snippet = try await Self.export("swift", in: world, file: file)
        try world.write("main.swift", snippet + "print(order.json)\n")
        let program = try await SwiftSnippetBuilder.build(world: world, source: "main.swift")
        let result = try await world.run(program, [])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == expected.stdout)
    }
}

/// Compiles a Swift file that imports `CertOrder` into an executable, against the modules and
/// object files `swift build` already made: no package resolution, no rebuild, about a second.
///
/// - compile: `swiftc -c` with `-I <bin>/Modules` (CertOrder's module and those it depends on);
/// - link: the object files of `certorder`'s link (`certorder.product/Objects.LinkFileList`)
///   that belong to CertOrder and the modules its compilation loaded (its `.d` file names
///   them: X509, Crypto, …), with the system libraries SwiftPM links. Should that set ever
///   miss something, every object of that link but certorder's own is used instead (slower).
enum SwiftSnippetBuilder {
    static func build(world: CLIWorld, source: String) async throws -> String {
        let bin = try BuiltProducts.directory().resolvingSymlinksInPath()
        let linkList = bin.appendingPathComponent("certorder.product/Objects.LinkFileList")
        let objects = try String(contentsOf: linkList, encoding: .utf8).cliLines
            .filter { !$0.isEmpty && !$0.contains("/certorder.build/") }
        var modules: Set<String> = ["CertOrder"]
        if let dependencies = try? String(contentsOf: bin.appendingPathComponent("CertOrder.build/CertOrder.emit-module.d"), encoding: .utf8) {
            for match in dependencies.matches(of: /Modules\/([A-Za-z0-9_]+)\.swiftmodule/) { modules.insert(String(match.1)) }
            for match in dependencies.matches(of: /Sources\/([A-Za-z0-9_]+)\/include\/module\.modulemap/) { modules.insert(String(match.1)) }
        }
        let closure = objects.filter { object in modules.contains { object.contains("/\($0).build/") } }
        #expect(closure.contains { $0.contains("/CertOrder.build/") })
        try world.write("closure.txt", closure.joined(separator: "\n") + "\n")
        try world.write("objects.txt", objects.joined(separator: "\n") + "\n")

        let swiftc = try #require(CLIPackage.which("swiftc"))
        let compiled = try await world.run(swiftc, [
            "-c", source, "-module-name", "Snippet", "-I", bin.path + "/Modules", "-o", "snippet.o",
        ], timeout: .seconds(120))
        try #require(compiled.status == 0, "swiftc -c: \(compiled)")
        let libraries = ["-ledit", "-lstdc++", "-lm", "-lz"]
        var linked = try await world.run(swiftc, ["snippet.o", "@closure.txt", "-o", "snippet"] + libraries, timeout: .seconds(120))
        if linked.status != 0 {
            linked = try await world.run(swiftc, ["snippet.o", "@objects.txt", "-o", "snippet"] + libraries, timeout: .seconds(120))
        }
        try #require(linked.status == 0, "link: \(linked)")
        return world.path + "/snippet"
    }
}
