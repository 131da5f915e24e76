import CertCentral
import Foundation
import OrderJournal

/// The settings a command runs with, each with where it came from: a flag, then the
/// environment, then the profile of the config file (``ConfigFile``), then the default. Derived
/// once per command (``resolve(_:environment:)``); `certorder config show` prints it.
package struct EffectiveSettings: Sendable {
    /// A value and where it came from (`--endpoint`, `CERTORDER_ENDPOINT`, `profile work`, `default`).
    package struct Sourced<Value: Sendable>: Sendable {
        package var value: Value
        package var source: String
    }

    /// What the command's flags say (`nil`: not given).
    package struct Flags: Sendable {
        package var endpoint: Connection.Target?
        package var journal: String?
        package var apiKeyFile: String?
        package var caFiles: [String]
        package var profile: String?

        package init(endpoint: Connection.Target? = nil, journal: String? = nil, apiKeyFile: String? = nil, caFiles: [String] = [], profile: String? = nil) {
            self.endpoint = endpoint
            self.journal = journal
            self.apiKeyFile = apiKeyFile
            self.caFiles = caFiles
            self.profile = profile
        }
    }

    /// The variable naming the profile.
    package static let profileVariable = "CERTORDER_PROFILE"
    /// The variable naming the endpoint.
    package static let endpointVariable = "CERTORDER_ENDPOINT"

    /// The config file's path, and whether it exists.
    package var configPath: String
    package var configExists: Bool
    package var profile: Sourced<String?>
    package var endpoint: Sourced<Connection.Target>
    /// The key file to read, `nil` when none (then `DIGICERT_API_KEY`, if set, is the key).
    package var apiKeyFile: Sourced<String?>
    package var journal: Sourced<String>
    /// Files of added trust roots, each with its source (`SSL_CERT_FILE` and `SSL_CERT_DIR` are
    /// read by ``network`` itself).
    package var caFiles: [Sourced<String>]
    package var proxy: Sourced<String?>
    package var organization: Sourced<Int?>
    package var container: Sourced<Int?>
    package var concurrency: Sourced<Int?>
    /// The transport (proxy, trust roots), made once from the above.
    package var network: NetworkSettings

    /// Resolves `flags` against `environment` and the config file.
    /// - Throws: a config file that cannot be read, an unknown profile, an endpoint, proxy or CA
    ///   file that cannot be read (status 64).
    package static func resolve(_ flags: Flags, environment: [String: String]) throws(ShellError) -> EffectiveSettings {
        func env(_ name: String) -> String? {
            environment[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        let config = try ConfigFile.load(environment: environment)
        let configPath = ConfigFile.path(environment: environment)

        // The profile: --profile, CERTORDER_PROFILE, the file's `profile`, none.
        let profileName: Sourced<String?>
        if let name = flags.profile {
            profileName = Sourced(value: name, source: "--profile")
        } else if let name = env(profileVariable) {
            profileName = Sourced(value: name, source: profileVariable)
        } else if let name = config?.defaultProfile {
            profileName = Sourced(value: name, source: configPath)
        } else {
            profileName = Sourced(value: nil, source: "default")
        }
        var profile: ConfigFile.Profile?
        if let name = profileName.value {
            guard let found = config?.profiles[name] else {
                let known = (config?.profiles.keys.sorted() ?? [])
                throw ShellError("no profile '\(name)' (\(profileName.source)) in \(configPath)"
                                 + (known.isEmpty ? "; 'certorder config init' writes an example" : "; it has \(known.joined(separator: ", "))"),
                                 status: .usage)
            }
            profile = found
        }
        let fromProfile = "profile \(profileName.value ?? "")"

        let endpoint: Sourced<Connection.Target>
        if let target = flags.endpoint {
            endpoint = Sourced(value: target, source: "--endpoint")
        } else if let name = env(endpointVariable) {
            guard let target = Connection.Target(name: name) else {
                throw ShellError("\(endpointVariable)='\(name)' is not an endpoint; use sandbox, us, eu or a URL", status: .usage)
            }
            endpoint = Sourced(value: target, source: endpointVariable)
        } else if let name = profile?.endpoint {
            guard let target = Connection.Target(name: name) else {
                throw ShellError("\(configPath): profiles.\(profileName.value ?? "").endpoint '\(name)' is not an endpoint; use sandbox, us, eu or a URL",
                                 status: .usage)
            }
            endpoint = Sourced(value: target, source: fromProfile)
        } else {
            endpoint = Sourced(value: .sandbox, source: "default")
        }

        let apiKeyFile: Sourced<String?>
        if let file = flags.apiKeyFile {
            apiKeyFile = Sourced(value: file, source: "--api-key-file")
        } else if env("DIGICERT_API_KEY") != nil {
            apiKeyFile = Sourced(value: nil, source: "DIGICERT_API_KEY")
        } else if let file = profile?.apiKeyFile {
            apiKeyFile = Sourced(value: file, source: fromProfile)
        } else {
            apiKeyFile = Sourced(value: nil, source: "default")
        }

        let journal: Sourced<String>
        if let path = flags.journal {
            journal = Sourced(value: path, source: "--journal")
        } else if let path = env("CERTORDER_JOURNAL") {
            journal = Sourced(value: path, source: "CERTORDER_JOURNAL")
        } else if let path = profile?.journal {
            journal = Sourced(value: path, source: fromProfile)
        } else {
            journal = Sourced(value: OrderJournal.defaultPath(environment: environment), source: "default")
        }

        // Trust roots add up: every source's files are trusted.
        var caFiles = flags.caFiles.map { Sourced(value: $0, source: "--ca-file") }
        if let file = profile?.caFile { caFiles.append(Sourced(value: file, source: fromProfile)) }

        let proxyVariables = ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]
        let proxy: Sourced<String?>
        if let name = proxyVariables.first(where: { env($0) != nil }) {
            proxy = Sourced(value: env(name), source: name)
        } else if let url = profile?.proxy {
            proxy = Sourced(value: url, source: fromProfile)
        } else {
            proxy = Sourced(value: nil, source: "default")
        }

        let network: NetworkSettings
        do {
            network = try NetworkSettings(environment: environment, caFiles: caFiles.map { ($0.value, $0.source) },
                                          proxy: proxy.source == fromProfile ? proxy.value.map { ($0, fromProfile) } : nil)
        } catch {
            throw ShellError(error.description, status: .usage)
        }

        func sourced(_ value: Int?) -> Sourced<Int?> { Sourced(value: value, source: value == nil ? "default" : fromProfile) }
        return EffectiveSettings(configPath: configPath, configExists: config != nil, profile: profileName, endpoint: endpoint,
                                 apiKeyFile: apiKeyFile, journal: journal, caFiles: caFiles, proxy: proxy,
                                 organization: sourced(profile?.organization), container: sourced(profile?.container),
                                 concurrency: sourced(profile?.concurrency), network: network)
    }

    /// `certorder config show`: each setting, its value and where it came from; never the key,
    /// never a proxy's password.
    package func render(keyLoaded: Bool) -> String {
        var rows: [(String, String, String)] = []
        rows.append(("config", configPath + (configExists ? "" : " (none)"), ""))
        rows.append(("profile", profile.value ?? "(none)", profile.source))
        rows.append(("endpoint", endpoint.value.name, endpoint.source))
        let key: String
        switch (apiKeyFile.value, apiKeyFile.source) {
        case (let file?, _): key = "read from \(file)"
        case (nil, "DIGICERT_API_KEY"): key = keyLoaded ? "set (hidden)" : "set, but not usable"
        default: key = "(none)"
        }
        rows.append(("api key", key, apiKeyFile.source))
        // A PostgreSQL journal's password is never shown, like the key.
        rows.append(("journal", JournalLocation.redacted(journal.value), journal.source))
        if let proxy = network.httpsProxy {
            rows.append(("proxy", proxy.description, proxy.source))
        } else {
            rows.append(("proxy", "(none)", "default"))
        }
        if let source = network.noProxySource {
            rows.append(("no proxy", network.noProxy.map(\.description).joined(separator: ","), source))
        }
        if case .remote(let remote) = endpoint.value {
            rows.append(("route", network.route(to: remote), ""))
        } else {
            rows.append(("route", "direct (the embedded sandbox)", ""))
        }
        if network.trustRootSources.isEmpty {
            rows.append(("ca files", "(system roots only)", "default"))
        }
        for trust in network.trustRootSources {
            rows.append((trust.source == "SSL_CERT_DIR" ? "ca folder" : "ca file", trust.path, trust.source))
        }
        rows.append(("organization", organization.value.map(String.init) ?? "(none)", organization.source))
        rows.append(("container", container.value.map(String.init) ?? "(none)", container.source))
        rows.append(("concurrency", concurrency.value.map(String.init) ?? "8", concurrency.source))
        let width = rows.map(\.0.count).max() ?? 0
        let valueWidth = rows.map(\.1.count).max() ?? 0
        return rows.map { name, value, source in
            let line = name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + (source.isEmpty ? value : value.padding(toLength: valueWidth, withPad: " ", startingAt: 0) + "  (\(source))")
            return line.trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
