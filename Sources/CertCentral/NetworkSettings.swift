import AsyncHTTPClient
import Foundation
import NIOSSL

/// How requests reach an endpoint: through which proxy, if any, and trusting which certificate
/// authorities besides the system's. The one place that decides the transport: derived once
/// (``init(environment:caFiles:proxy:)``), then asked per endpoint (``proxy(for:)``).
///
/// Proxies are read as curl reads them: `https_proxy` (then `HTTPS_PROXY`) for `https://`
/// endpoints, `http_proxy` (then `HTTP_PROXY`) for `http://` ones, `all_proxy`/`ALL_PROXY` for
/// both when those are unset; a proxy URL without a scheme is `http://`, without a port 1080;
/// credentials come from the URL (`http://user:password@proxy:3128`, percent-decoded) and go in
/// `Proxy-Authorization: Basic` on the `CONNECT` only. `no_proxy`/`NO_PROXY` lists the hosts
/// reached directly (``NoProxyRule``).
///
/// Loopback endpoints (`127.0.0.0/8`, `::1`, `localhost`) are always reached directly, as Go's
/// standard library does: a proxy elsewhere cannot reach this machine's loopback, so sending a
/// local sandbox's requests there could only fail.
///
/// Trust: `SSL_CERT_FILE`, every certificate file of `SSL_CERT_DIR` and `--ca-file` add roots to
/// the system's (they never replace them). Certificate verification has no off switch.
public struct NetworkSettings: Sendable, Hashable {
    /// A proxy to reach endpoints through.
    public struct Proxy: Sendable, Hashable, CustomStringConvertible {
        public enum Kind: String, Sendable, Hashable { case http, socks5 }
        public var kind: Kind
        public var host: String
        public var port: Int
        public var username: String?
        public var password: String?
        /// Where it was read: `HTTPS_PROXY`, `--proxy`, a profile.
        public var source: String

        public init(kind: Kind = .http, host: String, port: Int, username: String? = nil, password: String? = nil, source: String) {
            self.kind = kind
            self.host = host
            self.port = port
            self.username = username
            self.password = password
            self.source = source
        }

        /// Reads a proxy URL as curl does: no scheme is `http://`, no port is 1080; `https://`
        /// proxies (TLS to the proxy itself) are not supported. Messages never hold the password.
        public init(url text: String, source: String) throws(NetworkSettingsError) {
            var spelled = text.trimmingCharacters(in: .whitespaces)
            if !spelled.contains("://") { spelled = "http://" + spelled }
            guard let parts = URLComponents(string: spelled), let scheme = parts.scheme?.lowercased(),
                  let host = parts.host, !host.isEmpty else {
                throw .invalidProxy(source: source, reason: "'\(Self.redacted(text))' is not a proxy URL such as http://proxy.example.com:3128")
            }
            switch scheme {
            case "http": kind = .http
            case "socks5", "socks5h": kind = .socks5
            default:
                throw .invalidProxy(source: source, reason: "\(scheme):// proxies are not supported; use http:// (CONNECT) or socks5://")
            }
            self.host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            port = parts.port ?? 1080
            username = parts.percentEncodedUser.flatMap { $0.removingPercentEncoding ?? $0 }.flatMap { $0.isEmpty ? nil : $0 }
            password = parts.percentEncodedPassword.flatMap { $0.removingPercentEncoding ?? $0 }
            self.source = source
            if kind == .socks5 && username != nil {
                throw .invalidProxy(source: source, reason: "a socks5:// proxy with credentials is not supported")
            }
        }

        /// `http://alice:‹hidden›@proxy.example.com:3128`: never the password.
        public var description: String {
            let h = host.contains(":") ? "[\(host)]" : host
            let user = username.map { "\($0)\(password == nil ? "" : ":‹hidden›")@" } ?? ""
            return "\(kind.rawValue)://\(user)\(h):\(port)"
        }

        /// `text` with the password of a `scheme://user:password@host` URL hidden.
        static func redacted(_ text: String) -> String {
            guard let at = text.lastIndex(of: "@") else { return text }
            let start = text.range(of: "://")?.upperBound ?? text.startIndex
            guard start < at, let colon = text[start..<at].firstIndex(of: ":") else { return text }
            return String(text[..<text.index(after: colon)]) + "‹hidden›" + String(text[at...])
        }

        /// AsyncHTTPClient's form: `CONNECT` with basic authorization, or SOCKS5.
        var client: HTTPClient.Configuration.Proxy {
            switch kind {
            case .socks5: return .socksServer(host: host, port: port)
            case .http:
                let authorization = username.map { HTTPClient.Authorization.basic(username: $0, password: password ?? "") }
                return .server(host: host, port: port, authorization: authorization)
            }
        }
    }

    /// The proxy for `https://` endpoints.
    public var httpsProxy: Proxy?
    /// The proxy for `http://` endpoints (only loopback ones are allowed, and they go directly:
    /// kept to show what the environment says).
    public var httpProxy: Proxy?
    /// The hosts reached directly (`NO_PROXY`).
    public var noProxy: [NoProxyRule]
    /// Where ``noProxy`` was read.
    public var noProxySource: String?
    /// Where the added trust roots were named, in order.
    public var trustRootSources: [TrustSource]
    /// The PEM files whose certificates are trusted besides the system's roots (a folder's files
    /// listed one by one).
    public var trustRootFiles: [String]

    /// Direct connections, the system's roots only.
    public static let direct = NetworkSettings(httpsProxy: nil, httpProxy: nil, noProxy: [], noProxySource: nil, trustRootSources: [], trustRootFiles: [])

    init(httpsProxy: Proxy?, httpProxy: Proxy?, noProxy: [NoProxyRule], noProxySource: String?, trustRootSources: [TrustSource], trustRootFiles: [String]) {
        self.httpsProxy = httpsProxy
        self.httpProxy = httpProxy
        self.noProxy = noProxy
        self.noProxySource = noProxySource
        self.trustRootSources = trustRootSources
        self.trustRootFiles = trustRootFiles
    }

    /// The settings `environment` gives, with `proxy` (a `--proxy` flag or a profile's, named by
    /// its `source`) before the environment's proxy variables and `caFiles` after
    /// `SSL_CERT_FILE` and `SSL_CERT_DIR`.
    /// - Throws: a proxy URL that cannot be read, a CA file that cannot be read or holds no PEM certificate.
    public init(environment: [String: String], caFiles: [String] = [], proxy: (url: String, source: String)? = nil) throws(NetworkSettingsError) {
        try self.init(environment: environment, caFiles: caFiles.map { ($0, "--ca-file") }, proxy: proxy)
    }

    /// ``init(environment:caFiles:proxy:)`` with each CA file's source (`--ca-file`, a profile).
    public init(environment: [String: String], caFiles: [(path: String, source: String)], proxy: (url: String, source: String)?) throws(NetworkSettingsError) {
        func variable(_ names: String...) -> (name: String, value: String)? {
            for name in names {
                if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return (name, value) }
            }
            return nil
        }
        if let proxy {
            let parsed = try Proxy(url: proxy.url, source: proxy.source)
            httpsProxy = parsed
            httpProxy = parsed
        } else {
            httpsProxy = try variable("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY").map { v throws(NetworkSettingsError) in try Proxy(url: v.value, source: v.name) }
            httpProxy = try variable("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY").map { v throws(NetworkSettingsError) in try Proxy(url: v.value, source: v.name) }
        }
        if let list = variable("no_proxy", "NO_PROXY") {
            noProxy = NoProxyRule.parse(list: list.value)
            noProxySource = list.name
        } else {
            noProxy = []
            noProxySource = nil
        }
        var sources: [TrustSource] = []
        var files: [String] = []
        if let file = variable("SSL_CERT_FILE") {
            sources.append(TrustSource(path: file.value, source: "SSL_CERT_FILE"))
            files.append(file.value)
        }
        if let directory = variable("SSL_CERT_DIR") {
            // OpenSSL's SSL_CERT_DIR is a list (':'-separated) of folders of certificate files;
            // its hashed names (5ad8a5d6.0) are links to the same certificates, so only
            // *.pem, *.crt and *.cer are read.
            for folder in directory.value.split(separator: ":").map(String.init) where !folder.isEmpty {
                sources.append(TrustSource(path: folder, source: "SSL_CERT_DIR"))
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
                for name in names where Self.isCertificateName(name) {
                    files.append((folder as NSString).appendingPathComponent(name))
                }
            }
        }
        for (path, source) in caFiles {
            // A file named on purpose must be right: checked now, so the command stops before it
            // does anything (the variables' files are read when a TLS connection needs them).
            let certificates = try? NIOSSLCertificate.fromPEMFile(path)
            if certificates?.isEmpty ?? true {
                let reason = FileManager.default.isReadableFile(atPath: path) ? "it holds no PEM certificate" : "it cannot be read"
                throw .invalidCAFile(path: path, source: source, reason: reason)
            }
            sources.append(TrustSource(path: path, source: source))
            files.append(path)
        }
        trustRootSources = sources
        trustRootFiles = files
    }

    /// Names OpenSSL's folders hold certificates under: `*.pem`, `*.crt`, `*.cer` and the hashed
    /// links (`5ad8a5d6.0`).
    static func isCertificateName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".pem") || lower.hasSuffix(".crt") || lower.hasSuffix(".cer")
    }

    /// Where added trust roots were named, for `config show`: a file, or a folder of them.
    public struct TrustSource: Sendable, Hashable {
        public var path: String
        /// `SSL_CERT_FILE`, `SSL_CERT_DIR`, `--ca-file` or a profile.
        public var source: String

        public init(path: String, source: String) {
            self.path = path
            self.source = source
        }
    }

    /// The certificates of `files`, read once per process; a file of a folder that holds no
    /// certificate is skipped.
    static func certificates(of files: [String]) -> [NIOSSLCertificate] {
        rootsLock.withLock {
            if let known = rootsCache[files] { return known }
            var seen = Set<NIOSSLCertificate>()
            var roots: [NIOSSLCertificate] = []
            for file in files {
                for certificate in (try? NIOSSLCertificate.fromPEMFile(file)) ?? [] where seen.insert(certificate).inserted {
                    roots.append(certificate)
                }
            }
            rootsCache[files] = roots
            return roots
        }
    }

    private static let rootsLock = NSLock()
    nonisolated(unsafe) private static var rootsCache: [[String]: [NIOSSLCertificate]] = [:]

    /// The proxy requests to `endpoint` go through: `nil` for loopback, for hosts `NO_PROXY`
    /// lists, and when no proxy is set for the endpoint's scheme.
    public func proxy(for endpoint: Endpoint) -> Proxy? {
        if endpoint.isLoopback { return nil }
        let scheme = endpoint.baseURL.scheme?.lowercased() ?? "https"
        guard let proxy = scheme == "http" ? httpProxy : httpsProxy else { return nil }
        let port = endpoint.baseURL.port ?? (scheme == "http" ? 80 : 443)
        if noProxy.contains(where: { $0.matches(host: endpoint.host, port: port) }) { return nil }
        return proxy
    }

    /// How `endpoint` is reached, for `config show` and messages: `direct`, `direct (loopback)`,
    /// `direct (NO_PROXY)` or `through http://proxy:3128 (HTTPS_PROXY)`.
    public func route(to endpoint: Endpoint) -> String {
        if let proxy = proxy(for: endpoint) { return "through \(proxy) (\(proxy.source))" }
        if endpoint.isLoopback { return "direct (loopback)" }
        let hasProxy = (endpoint.baseURL.scheme?.lowercased() == "http" ? httpProxy : httpsProxy) != nil
        return hasProxy ? "direct (\(noProxySource ?? "NO_PROXY"))" : "direct"
    }

    /// Whether requests to `endpoint` need a client of their own: a proxy, or added roots for
    /// an `https://` endpoint (plain `http://` to loopback has no certificate to verify).
    func needsOwnClient(for endpoint: Endpoint) -> Bool {
        proxy(for: endpoint) != nil || (!trustRootFiles.isEmpty && endpoint.baseURL.scheme?.lowercased() == "https")
    }

    /// The client configuration for `endpoint`: `base` with its proxy and trust roots.
    func clientConfiguration(for endpoint: Endpoint, base: HTTPClient.Configuration) -> HTTPClient.Configuration {
        var configuration = base
        configuration.proxy = proxy(for: endpoint)?.client
        let roots = Self.certificates(of: trustRootFiles)
        if !roots.isEmpty {
            var tls = TLSConfiguration.makeClientConfiguration()
            // Added to the system's roots; certificateVerification stays .fullVerification.
            tls.additionalTrustRoots = [.certificates(roots)]
            configuration.tlsConfiguration = tls
        }
        return configuration
    }

    public static func == (lhs: NetworkSettings, rhs: NetworkSettings) -> Bool {
        lhs.httpsProxy == rhs.httpsProxy && lhs.httpProxy == rhs.httpProxy && lhs.noProxy == rhs.noProxy
            && lhs.trustRootFiles == rhs.trustRootFiles
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(httpsProxy)
        hasher.combine(httpProxy)
        hasher.combine(noProxy)
        hasher.combine(trustRootFiles)
    }
}

/// Why network settings could not be made.
public enum NetworkSettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidProxy(source: String, reason: String)
    case invalidCAFile(path: String, source: String, reason: String)

    public var description: String {
        switch self {
        case .invalidProxy(let source, let reason): return "\(source): \(reason)"
        case .invalidCAFile(let path, let source, let reason): return "\(source) \(path): \(reason)"
        }
    }
}
