import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 17, profiles: `config.toml`, `config show` and `config init`, and the precedence
/// flag > environment > profile > default, through the real binary.
@Suite("Profiles and config")
struct ConfigTests {
    /// A world whose config folder is its own, with nothing of the machine's proxies, roots or profiles.
    static func world() throws -> (CLIWorld, [String: String]) {
        let world = try CLIWorld()
        var environment = NetworkTests.clean
        environment["XDG_CONFIG_HOME"] = world.path + "/config"
        environment["CERTORDER_JOURNAL"] = ""
        environment["HOME"] = world.path
        return (world, environment)
    }

    static let config = """
    profile = "rehearsal"

    [profiles.rehearsal]
    endpoint = "http://127.0.0.1:9/services/v2"
    journal = "rehearsal.sqlite"
    concurrency = 4

    [profiles.work]
    endpoint = "us"
    api_key_file = "work.key"
    journal = "~/work.sqlite"
    proxy = "http://carol:pw-in-profile@proxy.corp:3128"
    organization = 123456
    container = 7

    """

    /// `config show`'s value column for `name`, with its source.
    static func row(_ output: String, _ name: String) -> String? {
        output.cliLines.first { $0.hasPrefix(name + " ") }.map {
            $0.dropFirst(name.count).trimmingCharacters(in: .whitespaces).replacingOccurrences(of: #" {2,}"#, with: " ", options: .regularExpression)
        }
    }

    @Test("config init writes a commented example, 0600, that config show reads; it never overwrites")
    func initAndShow() async throws {
        let (world, environment) = try Self.world()
        let path = world.path + "/config/certorder/config.toml"
        let made = try await world.certorder(["config", "init"], environment: environment)
        #expect(made.status == 0, "\(made)")
        #expect(made.stdout == "wrote \(path)\n")
        var status = stat()
        #expect(stat(path, &status) == 0 && status.st_mode & 0o777 == 0o600)
        let again = try await world.certorder(["config", "init"], environment: environment)
        #expect(again.status == 64)
        #expect(again.stderr == "error: \(path) exists; edit it, or remove it first\n")
        let shown = try await world.certorder(["config", "show"], environment: environment)
        #expect(shown.status == 0, "\(shown)")
        #expect(shown.stdout.cliLines.first == "config        \(path)", "\(shown)")
        #expect(Self.row(shown.stdout, "profile") == "sandbox (\(path))")
        #expect(Self.row(shown.stdout, "endpoint") == "sandbox (profile sandbox)")
        #expect(Self.row(shown.stdout, "api key") == "(none) (default)")
        #expect(Self.row(shown.stdout, "journal") == "\(world.path)/state/certorder/journal.sqlite (default)")
        #expect(Self.row(shown.stdout, "route") == "direct (the embedded sandbox)")
        #expect(Self.row(shown.stdout, "ca files") == "(system roots only) (default)")
        #expect(Self.row(shown.stdout, "concurrency") == "8 (default)")
        #expect(shown.stdout.cliLines.count == 11)
    }

    @Test("precedence: flag > environment > profile > default, each value's source shown; the key never")
    func precedence() async throws {
        let (world, environment) = try Self.world()
        try world.write("config/certorder/config.toml", Self.config)
        try world.write("config/certorder/work.key", "work-key-0123456789abcdef\n")
        chmod(world.path + "/config/certorder/work.key", 0o600)
        let configPath = world.path + "/config/certorder/config.toml"

        let byFile = try await world.certorder(["config", "show"], environment: environment)
        #expect(byFile.status == 0, "\(byFile)")
        #expect(Self.row(byFile.stdout, "profile") == "rehearsal (\(configPath))")
        #expect(Self.row(byFile.stdout, "endpoint") == "http://127.0.0.1:9/services/v2 (profile rehearsal)")
        #expect(Self.row(byFile.stdout, "journal") == "\(world.path)/config/certorder/rehearsal.sqlite (profile rehearsal)")
        #expect(Self.row(byFile.stdout, "concurrency") == "4 (profile rehearsal)")

        var env = environment
        env["CERTORDER_PROFILE"] = "work"
        let byVariable = try await world.certorder(["config", "show"], environment: env)
        #expect(Self.row(byVariable.stdout, "profile") == "work (CERTORDER_PROFILE)", "\(byVariable)")
        #expect(Self.row(byVariable.stdout, "endpoint") == "us (profile work)")
        #expect(Self.row(byVariable.stdout, "api key") == "read from \(world.path)/config/certorder/work.key (profile work)")
        #expect(Self.row(byVariable.stdout, "journal") == "\(world.path)/work.sqlite (profile work)")
        #expect(Self.row(byVariable.stdout, "proxy") == "http://carol:‹hidden›@proxy.corp:3128 (profile work)")
        #expect(Self.row(byVariable.stdout, "route") == "through http://carol:‹hidden›@proxy.corp:3128 (profile work)")
        #expect(Self.row(byVariable.stdout, "organization") == "123456 (profile work)")
        #expect(Self.row(byVariable.stdout, "container") == "7 (profile work)")
        #expect(!byVariable.stdout.contains("pw-in-profile") && !byVariable.stdout.contains("work-key"))

        env["CERTORDER_ENDPOINT"] = "eu"
        env["HTTPS_PROXY"] = "http://env-proxy:8080"
        env["DIGICERT_API_KEY"] = "env-key-0123456789abcdef"
        env["CERTORDER_JOURNAL"] = world.path + "/env.sqlite"
        let byEnvironment = try await world.certorder(["config", "show", "--profile", "rehearsal"], environment: env)
        #expect(Self.row(byEnvironment.stdout, "profile") == "rehearsal (--profile)", "\(byEnvironment)")
        #expect(Self.row(byEnvironment.stdout, "endpoint") == "eu (CERTORDER_ENDPOINT)")
        #expect(Self.row(byEnvironment.stdout, "api key") == "set (hidden) (DIGICERT_API_KEY)")
        #expect(Self.row(byEnvironment.stdout, "journal") == "\(world.path)/env.sqlite (CERTORDER_JOURNAL)")
        #expect(Self.row(byEnvironment.stdout, "proxy") == "http://env-proxy:8080 (HTTPS_PROXY)")
        #expect(!byEnvironment.stdout.contains("env-key"))

        let byFlags = try await world.certorder(["config", "show", "--profile", "work", "--endpoint", "sandbox", "--journal", "flag.sqlite",
                                                 "--api-key-file", "flag.key"], environment: env)
        #expect(Self.row(byFlags.stdout, "endpoint") == "sandbox (--endpoint)", "\(byFlags)")
        #expect(Self.row(byFlags.stdout, "journal") == "flag.sqlite (--journal)")
        #expect(Self.row(byFlags.stdout, "api key") == "read from flag.key (--api-key-file)")
    }

    @Test("the profile's endpoint and journal are what a command uses")
    func profileIsUsed() async throws {
        let (world, environment) = try Self.world()
        try world.write("config/certorder/config.toml", Self.config)
        let order = try world.copy(packageFile: "Examples/standard-csr.order")
        try world.copy(packageFile: "Examples/request.csr")
        // The rehearsal profile's endpoint is a closed port of this machine: unreachable, 69.
        var env = environment
        env["CERTORDER_TIMEOUT"] = "1"
        let sent = try await world.certorder(["send", order, "--yes"], environment: env, timeout: .seconds(90))
        #expect(sent.status == 69, "\(sent)")
        #expect(sent.stderr.contains("Could not connect to 127.0.0.1:9"), "\(sent)")
        // --endpoint outranks it; the journal is the profile's.
        let local = try await world.certorder(["send", order, "--yes", "--endpoint", "sandbox"], environment: env)
        #expect(local.status == 0, "\(local)")
        #expect(FileManager.default.fileExists(atPath: world.path + "/config/certorder/rehearsal.sqlite"))
    }

    @Test("refusals: unknown profile, unknown key, TOML errors with line:column, a world-readable config naming a world-readable key file")
    func refusals() async throws {
        let (world, environment) = try Self.world()
        let path = world.path + "/config/certorder/config.toml"
        try world.write("config/certorder/config.toml", Self.config)
        var env = environment
        env["CERTORDER_PROFILE"] = "nope"
        let unknown = try await world.certorder(["status", "1"], environment: env)
        #expect(unknown.status == 64)
        #expect(unknown.stderr == "error: no profile 'nope' (CERTORDER_PROFILE) in \(path); it has rehearsal, work\n", "\(unknown)")

        try world.write("config/certorder/config.toml", "[profiles.a]\nendpont = \"us\"\n")
        let typo = try await world.certorder(["config", "show"], environment: environment)
        #expect(typo.status == 64)
        #expect(typo.stderr == "error: \(path): profiles.a has an unknown key 'endpont'; a profile holds endpoint, api_key_file, journal, proxy, "
                + "ca_file, organization, container, concurrency. Did you mean 'endpoint'?\n", "\(typo)")

        try world.write("config/certorder/config.toml", "[profiles.a]\nendpoint = us\n")
        let syntax = try await world.certorder(["config", "show"], environment: environment)
        #expect(syntax.status == 64)
        #expect(syntax.stderr.hasPrefix("error: \(path):2:"), "\(syntax)")

        try world.write("config/certorder/config.toml", "[profiles.a]\napi_key_file = \"open.key\"\n")
        try world.write("config/certorder/open.key", "open-key-0123456789abcdef\n")
        chmod(path, 0o644)
        chmod(world.path + "/config/certorder/open.key", 0o644)
        let open = try await world.certorder(["config", "show"], environment: environment)
        #expect(open.status == 64)
        #expect(open.stderr == "error: \(path) is readable by others (mode 644) and names the key file \(world.path)/config/certorder/open.key "
                + "of profile 'a', which is too (mode 644); run 'chmod 600 \(path) \(world.path)/config/certorder/open.key'\n", "\(open)")
        chmod(world.path + "/config/certorder/open.key", 0o600)
        let fine = try await world.certorder(["config", "show"], environment: environment)
        #expect(fine.status == 0, "\(fine)")
    }
}
