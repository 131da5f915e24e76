import CertOrder
import Foundation
import TOMLKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `$XDG_CONFIG_HOME/certorder/config.toml`: named profiles of settings.
///
/// ```toml
/// profile = "work"            # used when neither --profile nor CERTORDER_PROFILE names one
///
/// [profiles.work]
/// endpoint = "us"
/// api_key_file = "~/.config/certorder/work.key"
/// ```
///
/// Read with TOMLKit (toml++): real TOML, with the line and column of a syntax error. Paths may
/// start with `~/`; a relative path is taken from the config file's folder (a journal URL such as
/// `postgres://…` is kept as written).
package struct ConfigFile: Sendable {
    /// One `[profiles.NAME]` table.
    package struct Profile: Sendable, Equatable {
        package var name: String
        package var endpoint: String?
        package var apiKeyFile: String?
        package var journal: String?
        package var proxy: String?
        package var caFile: String?
        package var organization: Int?
        package var container: Int?
        package var concurrency: Int?
    }

    /// The file read.
    package var path: String
    /// The top-level `profile`: the one used when none is named.
    package var defaultProfile: String?
    package var profiles: [String: Profile]

    /// The keys a profile may hold, in the order `config show` lists them.
    package static let profileKeys = ["endpoint", "api_key_file", "journal", "proxy", "ca_file", "organization", "container", "concurrency"]

    /// `$XDG_CONFIG_HOME/certorder/config.toml` (``StatePaths/configFile(environment:)``).
    package static func path(environment: [String: String]) -> String {
        StatePaths.configFile(environment: environment)
    }

    /// The config file of `environment`, `nil` when there is none.
    /// - Throws: a file that cannot be read, is not TOML, holds an unknown key or a value of the
    ///   wrong type, or is readable by others while naming a key file that is too (status 64).
    package static func load(environment: [String: String]) throws(ShellError) -> ConfigFile? {
        let path = path(environment: environment)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ShellError("cannot read \(path): \(error.localizedDescription)", status: .usage)
        }
        let config = try parse(text, path: path, home: environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory())
        try config.checkPrivacy()
        return config
    }

    /// Reads `text` (the contents of `path`).
    package static func parse(_ text: String, path: String, home: String) throws(ShellError) -> ConfigFile {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ShellError("\(path):\(error.source.begin.line):\(error.source.begin.column): \(error.description)", status: .usage)
        } catch {
            throw ShellError("\(path): \(error)", status: .usage)
        }
        let folder = (path as NSString).deletingLastPathComponent
        var config = ConfigFile(path: path, defaultProfile: nil, profiles: [:])
        for key in table.keys {
            switch key {
            case "profile":
                guard let name = table[key]?.string else { throw ShellError("\(path): 'profile' must be a string, the name of a profile", status: .usage) }
                config.defaultProfile = name
            case "profiles":
                guard let profiles = table[key]?.table else { throw ShellError("\(path): 'profiles' must hold tables such as [profiles.work]", status: .usage) }
                for name in profiles.keys {
                    guard let values = profiles[name]?.table else {
                        throw ShellError("\(path): profiles.\(name) must be a table ([profiles.\(name)])", status: .usage)
                    }
                    config.profiles[name] = try profile(name, values, path: path, folder: folder, home: home)
                }
            default:
                let suggestion = Suggestion.didYouMean(key, in: ["profile", "profiles"])
                throw ShellError("\(path): unknown key '\(key)'; the file holds 'profile' and [profiles.NAME] tables"
                                 + (suggestion.isEmpty ? "" : "." + suggestion), status: .usage)
            }
        }
        if let name = config.defaultProfile, config.profiles[name] == nil {
            throw ShellError("\(path): profile = \"\(name)\" names no [profiles.\(name)] table", status: .usage)
        }
        return config
    }

    private static func profile(_ name: String, _ table: TOMLTable, path: String, folder: String, home: String) throws(ShellError) -> Profile {
        var profile = Profile(name: name)
        func string(_ key: String) throws(ShellError) -> String {
            guard let value = table[key]?.string else { throw ShellError("\(path): profiles.\(name).\(key) must be a string", status: .usage) }
            return value
        }
        func integer(_ key: String, _ range: ClosedRange<Int>) throws(ShellError) -> Int {
            guard let value = table[key]?.int, range.contains(value) else {
                throw ShellError("\(path): profiles.\(name).\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)", status: .usage)
            }
            return value
        }
        for key in table.keys {
            switch key {
            case "endpoint": profile.endpoint = try string(key)
            case "api_key_file": profile.apiKeyFile = resolve(try string(key), in: folder, home: home)
            case "journal":
                let value = try string(key)
                profile.journal = value.contains("://") ? value : resolve(value, in: folder, home: home)
            case "proxy": profile.proxy = try string(key)
            case "ca_file": profile.caFile = resolve(try string(key), in: folder, home: home)
            case "organization": profile.organization = try integer(key, 1...Int(Int32.max))
            case "container": profile.container = try integer(key, 1...Int(Int32.max))
            case "concurrency": profile.concurrency = try integer(key, 1...64)
            default:
                let suggestion = Suggestion.didYouMean(key, in: profileKeys)
                throw ShellError("\(path): profiles.\(name) has an unknown key '\(key)'; a profile holds \(profileKeys.joined(separator: ", "))"
                                 + (suggestion.isEmpty ? "" : "." + suggestion), status: .usage)
            }
        }
        return profile
    }

    /// `~/x` from the home folder, `x` from the config file's folder, `/x` as is.
    static func resolve(_ path: String, in folder: String, home: String) -> String {
        if path.hasPrefix("~/") { return (home as NSString).appendingPathComponent(String(path.dropFirst(2))) }
        if path.hasPrefix("/") { return path }
        return (folder as NSString).appendingPathComponent(path)
    }

    /// A config file others can read tells them where the key is: refused when the key file it
    /// names can be read by others too (that key is anyone's).
    func checkPrivacy() throws(ShellError) {
        guard let mode = Self.mode(path), mode & 0o077 != 0 else { return }
        for profile in profiles.values.sorted(by: { $0.name < $1.name }) {
            guard let keyFile = profile.apiKeyFile, let keyMode = Self.mode(keyFile), keyMode & 0o077 != 0 else { continue }
            throw ShellError("\(path) is readable by others (mode \(String(mode, radix: 8))) and names the key file \(keyFile) of profile "
                             + "'\(profile.name)', which is too (mode \(String(keyMode, radix: 8))); run 'chmod 600 \(path) \(keyFile)'",
                             status: .usage)
        }
    }

    static func mode(_ path: String) -> mode_t? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return status.st_mode & 0o777
    }

    /// What `certorder config init` writes: every key, commented.
    package static let example = """
    # CertOrder's settings: named profiles (certorder --profile NAME, or CERTORDER_PROFILE=NAME).
    # Precedence: a command's flag, then the environment, then the profile, then the default.
    # 'certorder config show' prints each setting in force and where it came from.

    # The profile used when neither --profile nor CERTORDER_PROFILE names one.
    profile = "sandbox"

    [profiles.sandbox]
    # The local sandbox: nothing leaves this machine.
    endpoint = "sandbox"

    [profiles.work]
    # us, eu, sandbox or a URL (CERTORDER_ENDPOINT, --endpoint).
    endpoint = "us"
    # A file only you can read (chmod 600) holding the API key (DIGICERT_API_KEY, --api-key-file).
    # A relative path is taken from this file's folder; ~/ is your home.
    api_key_file = "~/.config/certorder/work.key"
    # The journal of sends (CERTORDER_JOURNAL, --journal).
    # journal = "~/.local/state/certorder/work.sqlite"
    # The proxy for https:// endpoints when HTTPS_PROXY is unset: http://[user:password@]host:port
    # proxy = "http://proxy.example.com:3128"
    # A PEM file of CA certificates trusted besides the system's (SSL_CERT_FILE, --ca-file).
    # ca_file = "/etc/ssl/certs/company-root.pem"
    # The organization and container shown for this account.
    # organization = 123456
    # container = 7
    # How many orders 'send' keeps in flight (--concurrency).
    # concurrency = 4

    """
}
