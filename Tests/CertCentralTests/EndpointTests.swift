import CertCentral
import Foundation
import Testing

/// One canonical endpoint value, whichever way it is spelled, and "live" as a property of the host.
@Suite("Endpoints")
struct EndpointTests {
    @Test(arguments: [
        ("us", "us"), ("US", "us"), (" us ", "us"),
        ("https://www.digicert.com/services/v2", "us"),
        ("https://WWW.DigiCert.com:443/services/v2/", "us"),
        ("https://www.digicert.com", "us"),
        ("https://user:pw@www.digicert.com/services/v2?k=1#f", "us"),
        ("eu", "eu"), ("https://certcentral.digicert.eu/services/v2", "eu"),
        ("http://127.0.0.1:8443", "http://127.0.0.1:8443/services/v2"),
        ("HTTP://LOCALHOST:80/services/v2/", "http://localhost/services/v2"),
        ("https://cc.example.test/api/v2/", "https://cc.example.test/api/v2"),
    ])
    func oneCanonicalName(spelling: String, name: String) throws {
        let endpoint = try #require(Endpoint(name: spelling))
        #expect(endpoint.name == name)
        // Canonical: reading the name back gives the same endpoint.
        #expect(Endpoint(name: endpoint.name) == endpoint)
    }

    @Test func liveIsEveryHostButThisMachine() throws {
        for live in ["us", "eu", "https://www.digicert.com/services/v2", "https://certcentral.digicert.eu/services/v2",
                     "https://cc.example.test/services/v2", "https://10.0.0.5:8443", "https://127.example.com"] {
            #expect(try #require(Endpoint(name: live)).isLive, "\(live)")
        }
        for rehearsal in ["http://127.0.0.1:8443", "https://localhost:9000", "http://[::1]:8080", "http://127.1.2.3"] {
            #expect(try #require(Endpoint(name: rehearsal)).isLive == false, "\(rehearsal)")
        }
    }
}
