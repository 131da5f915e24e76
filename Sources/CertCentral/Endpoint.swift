import Foundation

/// Where the Services API is: DigiCert's US or EU CertCentral, or any base URL (a local sandbox,
/// a proxy).
///
/// An endpoint has one canonical form, whichever way it was spelled: `us`, `US` and
/// `https://WWW.DigiCert.com:443/services/v2/` are all ``us``; a URL keeps only its scheme and
/// host (lowercased), a port other than the scheme's default, and its path without a trailing
/// slash (``canonical(_:)``). The journal stores ``name``, so every spelling of one endpoint
/// shares one duplicate guard.
public enum Endpoint: Sendable, Hashable, CustomStringConvertible {
    /// `https://www.digicert.com/services/v2`
    case us
    /// `https://certcentral.digicert.eu/services/v2`
    case eu
    /// Any base URL, e.g. `http://127.0.0.1:8443/services/v2`. A URL without a path gets `/services/v2`.
    case url(URL)

    public static let usBaseURL = URL(string: "https://www.digicert.com/services/v2")!
    public static let euBaseURL = URL(string: "https://certcentral.digicert.eu/services/v2")!

    /// Reads `us`, `eu` (case-insensitively) or a URL, into its canonical form: a URL of the US or
    /// EU API is ``us`` or ``eu``.
    public init?(name: String) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        switch trimmed.lowercased() {
        case "us": self = .us
        case "eu": self = .eu
        default:
            guard let url = URL(string: trimmed), url.scheme != nil, url.host != nil else { return nil }
            self = Self.canonical(url)
        }
    }

    /// The canonical endpoint of a base URL (see the type's description).
    public static func canonical(_ url: URL) -> Endpoint {
        let base = Endpoint.url(url).baseURL
        if base == usBaseURL { return .us }
        if base == euBaseURL { return .eu }
        return .url(base)
    }

    /// The name the journal stores and messages show: `us`, `eu` or the canonical base URL
    /// (never with credentials, query or fragment).
    public var name: String {
        switch self {
        case .us: return "us"
        case .eu: return "eu"
        case .url: return baseURL.absoluteString
        }
    }

    /// The base every route is appended to.
    public var baseURL: URL {
        switch self {
        case .us: return Self.usBaseURL
        case .eu: return Self.euBaseURL
        case .url(let url):
            if url.path.isEmpty || url.path == "/" {
                return Self.sanitized(url).appendingPathComponent("services/v2")
            }
            return Self.sanitized(url)
        }
    }

    /// Whether orders sent here are real: every endpoint whose host is not this machine. `us`,
    /// `eu`, `https://www.digicert.com/services/v2`, `https://certcentral.digicert.eu/…` and a proxy
    /// on another host all are; only loopback URLs (a sandbox on 127.0.0.1) are rehearsals. A
    /// host name cannot prove it is a test server, so none is trusted to be one.
    public var isLive: Bool { !isLoopback }

    /// The host, lowercased, without brackets.
    public var host: String {
        (baseURL.host ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
    }

    /// `host` or `host:port`, for messages.
    public var hostAndPort: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return baseURL.port.map { "\(h):\($0)" } ?? h
    }

    /// Whether the host is this machine: `127.0.0.0/8`, `::1` or `localhost`.
    public var isLoopback: Bool {
        let h = host
        if h == "localhost" || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
        let parts = h.split(separator: ".")
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Checks the endpoint can carry an API key: `https://`, or `http://` to loopback only.
    public func checkSecure() throws(CertCentralError) {
        let url = baseURL
        switch url.scheme?.lowercased() {
        case "https":
            guard !host.isEmpty else { throw .insecureEndpoint(description) }
        case "http":
            guard isLoopback else { throw .insecureEndpoint(description) }
        default:
            throw .insecureEndpoint(description)
        }
    }

    /// `us (https://www.digicert.com/services/v2)`, `eu (…)` or the URL, without credentials, query
    /// or fragment: never the API key.
    public var description: String {
        // A region's name says less than its URL; a URL's name is the URL.
        if case .url = self { return name }
        return "\(name) (\(baseURL.absoluteString))"
    }

    /// The URL without user, password, query and fragment, and without a trailing slash; scheme
    /// and host lowercased and the scheme's default port dropped, so one endpoint has one URL.
    static func sanitized(_ url: URL) -> URL {
        guard var parts = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url }
        parts.user = nil
        parts.password = nil
        parts.query = nil
        parts.fragment = nil
        parts.scheme = parts.scheme?.lowercased()
        parts.host = parts.host?.lowercased()
        if (parts.scheme == "https" && parts.port == 443) || (parts.scheme == "http" && parts.port == 80) { parts.port = nil }
        while parts.path.count > 1 && parts.path.hasSuffix("/") { parts.path.removeLast() }
        return parts.url ?? url
    }
}
