import CertCentral
import Foundation
import Testing

/// Issue 17: proxies and NO_PROXY as curl reads them, decided in one place.
@Suite("NetworkSettings")
struct NetworkSettingsTests {
    static let us = Endpoint.us
    static func endpoint(_ url: String) -> Endpoint { Endpoint(name: url)! }

    @Test("https_proxy before HTTPS_PROXY before all_proxy; no scheme is http://, no port 1080; credentials percent-decoded, never shown")
    func proxyVariables() throws {
        let both = try NetworkSettings(environment: ["https_proxy": "http://lower:3128", "HTTPS_PROXY": "http://upper:3128"])
        #expect(both.proxy(for: Self.us)?.host == "lower")
        #expect(both.proxy(for: Self.us)?.source == "https_proxy")
        let all = try NetworkSettings(environment: ["ALL_PROXY": "proxy.example.com"])
        let proxy = try #require(all.proxy(for: Self.us))
        #expect(proxy.host == "proxy.example.com" && proxy.port == 1080 && proxy.kind == .http)
        let secret = try NetworkSettings(environment: ["HTTPS_PROXY": "http://al%40corp:p%3Ass@proxy:8080"])
        let withCredentials = try #require(secret.httpsProxy)
        #expect(withCredentials.username == "al@corp" && withCredentials.password == "p:ss")
        #expect(withCredentials.description == "http://al@corp:‹hidden›@proxy:8080")
        #expect(try NetworkSettings(environment: [:]).proxy(for: Self.us) == nil)
        #expect(throws: NetworkSettingsError.invalidProxy(source: "HTTPS_PROXY", reason: "https:// proxies are not supported; use http:// (CONNECT) or socks5://")) {
            try NetworkSettings(environment: ["HTTPS_PROXY": "https://u:secret@proxy:443"])
        }
    }

    @Test("NO_PROXY: hosts, domain suffixes, *, ports, IPv4 ranges; never a mere suffix of a name")
    func noProxy() throws {
        let cases: [(list: String, endpoint: String, direct: Bool)] = [
            ("www.digicert.com", "https://www.digicert.com/services/v2", true),
            ("digicert.com", "https://www.digicert.com/services/v2", true),
            (".digicert.com", "https://www.digicert.com/services/v2", true),
            ("*.digicert.com", "https://www.digicert.com/services/v2", true),
            ("gicert.com", "https://www.digicert.com/services/v2", false),
            ("*", "https://www.digicert.com/services/v2", true),
            ("example.com, www.digicert.com:443", "https://www.digicert.com/services/v2", true),
            ("www.digicert.com:8443", "https://www.digicert.com/services/v2", false),
            ("DIGICERT.COM", "https://www.digicert.com/services/v2", true),
            ("10.0.0.0/8", "https://10.1.2.3:8443", true),
            ("10.0.0.0/8", "https://11.1.2.3:8443", false),
            ("10.1.2.3", "https://10.1.2.3:8443", true),
            ("", "https://www.digicert.com/services/v2", false),
        ]
        for (list, url, direct) in cases {
            let settings = try NetworkSettings(environment: ["HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": list])
            #expect((settings.proxy(for: Self.endpoint(url)) == nil) == direct, "NO_PROXY=\(list) \(url)")
        }
    }

    @Test("loopback endpoints are always direct: a proxy elsewhere cannot reach this machine's loopback")
    func loopback() throws {
        let settings = try NetworkSettings(environment: ["HTTPS_PROXY": "http://proxy:3128", "HTTP_PROXY": "http://proxy:3128"])
        for url in ["http://127.0.0.1:8443", "https://localhost:8443", "http://[::1]:8443", "https://127.9.9.9"] {
            #expect(settings.proxy(for: Self.endpoint(url)) == nil, "\(url)")
            #expect(settings.route(to: Self.endpoint(url)) == "direct (loopback)")
        }
        #expect(settings.route(to: Self.us) == "through http://proxy:3128 (HTTPS_PROXY)")
        let excepted = try NetworkSettings(environment: ["HTTPS_PROXY": "http://proxy:3128", "no_proxy": "digicert.com"])
        #expect(excepted.route(to: Self.us) == "direct (no_proxy)")
    }

    @Test("a --ca-file that cannot be read or holds no PEM certificate is refused")
    func caFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ns-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let junk = folder.appendingPathComponent("junk.pem").path
        try Data("junk\n".utf8).write(to: URL(fileURLWithPath: junk))
        #expect(throws: NetworkSettingsError.invalidCAFile(path: junk, source: "--ca-file", reason: "it holds no PEM certificate")) {
            try NetworkSettings(environment: [:], caFiles: [junk])
        }
        // A folder's stray file is skipped (it is read only when a TLS connection needs it).
        let settings = try NetworkSettings(environment: ["SSL_CERT_DIR": folder.path])
        #expect(settings.trustRootFiles == [junk])
        #expect(settings.trustRootSources == [NetworkSettings.TrustSource(path: folder.path, source: "SSL_CERT_DIR")])
    }
}
