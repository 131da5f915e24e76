import CertCentral
import CertCentralSandbox
import CertOrder
import Foundation
import Testing
import TestSupport

/// Every error kind, over HTTP, with the exact message the user sees.
@Suite("Errors and their messages")
struct ErrorTests {
    @Test("a payload the validator refuses: 400 with the validator's codes and messages")
    func validationErrors() async throws {
        try await withSandbox { _, client in
            var order = try documentedOrder()
            order.validityYears = 5
            order.shipInfo?.method = "overnight"
            let error = await expectFailure { try await client.placeOrder(order, product: .codeSigningEV) }
            guard case .api(let status, let envelope) = error else {
                Issue.record("expected an API error, got \(String(describing: error))")
                return
            }
            #expect(status == 400)
            #expect(envelope.errors.map(\.code) == ["invalid_value:validity_years", "invalid_value:ship_info.method"])
            #expect(error?.field == "validity_years")
            #expect(envelope.errors.first?.kind == "invalid_value")
            #expect(error?.message == """
                CertCentral refused the request (HTTP 400):
                  invalid_value:validity_years: validity_years must be 1, 2 or 3; got 5
                  invalid_value:ship_info.method: ship_info.method must be STANDARD or EXPEDITED; got 'overnight'.
                Correct what it names and send again.
                """)
            #expect(await Self.orderCount(client) == 0)
        }
    }

    @Test("the sandbox answers with the codes of the shared validator")
    func sameRulesAsValidator() async throws {
        try await withSandbox { _, client in
            var order = OrderRequest()
            order.validityYears = 4
            let expected = Validator().validate(order, product: .codeSigning).errors
            let error = await expectFailure { try await client.placeOrder(order, product: .codeSigning) }
            let errors = error?.envelope?.errors ?? []
            // The validator's errors first, in its order; then the account's (the required custom field).
            #expect(errors.prefix(expected.count).map(\.code) == expected.map(\.apiCode))
            #expect(errors.prefix(expected.count).map(\.message) == expected.map(\.message))
            #expect(errors.dropFirst(expected.count).map(\.code) == ["invalid_custom_field_value"])
        }
    }

    @Test("bad JSON: 400 bad_request_format")
    func badJSON() async throws {
        try await withSandbox { _, client in
            let error = await expectFailure { try await client.placeOrder(product: .codeSigning, payload: Data("{\"certificate\": ".utf8)) }
            #expect(error?.status == 400)
            #expect(error?.code == "bad_request_format")
            #expect(error?.message.hasPrefix("CertCentral refused the request (HTTP 400):\n  bad_request_format: The request body could not be read as JSON: ") == true)

            let wrongType = await expectFailure { try await client.placeOrder(product: .codeSigning, payload: Data("[1, 2]".utf8)) }
            #expect(wrongType?.code == "bad_request_format")

            let field = await expectFailure {
                try await client.placeOrder(product: .codeSigning, payload: Data(#"{"certificate": {}, "validity_years": "one"}"#.utf8))
            }
            #expect(field?.code == "invalid_value:validity_years")
            #expect(field?.message == """
                CertCentral refused the request (HTTP 400):
                  invalid_value:validity_years: validity_years: expected an integer; fix the value's type
                Correct what it names and send again.
                """)
        }
    }

    @Test("no key: 401 unauthorized")
    func unauthorized() async throws {
        try await withSandbox(apiKey: nil) { _, client in
            let error = await expectFailure { try await client.organizations() }
            #expect(error == .unauthorized)
            #expect(error?.message == "CertCentral refused the API key (HTTP 401). Check DIGICERT_API_KEY or the key file: the key may be mistyped, revoked, or made for the other region (us or eu).")
        }
        try await withSandbox({ $0.acceptedKeys = ["the-right-key"] }) { _, client in
            #expect(await expectFailure { try await client.placeOrder(try documentedOrder(), product: .codeSigningEV) } == .unauthorized)
        }
    }

    @Test("a view-only key: 403 forbidden")
    func forbidden() async throws {
        try await withSandbox({ $0.viewOnlyKeys = [testKey] }) { sandbox, client in
            let organizations = try await client.organizations()
            #expect(organizations.count == 2)
            let error = await expectFailure { try await client.placeOrder(try documentedOrder(), product: .codeSigningEV) }
            #expect(error?.status == 403)
            #expect(error?.code == "access_denied|missing_permission")
            #expect(error?.message == "The API key may not do this (HTTP 403). access_denied|missing_permission: The API key's user does not have permission to perform this action. Ask a CertCentral administrator for a key whose user has a role allowed to do it.")
            #expect(await sandbox.snapshot().orderCount == 0)
        }
    }

    @Test("unknown product, order, request: 404 not found")
    func notFound() async throws {
        try await withSandbox { sandbox, client in
            let product = await expectFailure { try await client.productInfo(nameID: "ssl_basic") }
            #expect(product?.code == "not_found|product")
            #expect(product?.message == "CertCentral has no such product (HTTP 404 not_found|product). Check the id, and that the endpoint (us or eu) is the account's.")

            let order = await expectFailure { try await client.orderInfo(id: 999) }
            #expect(order?.code == "not_found|order")
            #expect(order?.message == "CertCentral has no such order (HTTP 404 not_found|order). Check the id, and that the endpoint (us or eu) is the account's.")

            #expect(await expectFailure { try await client.requestInfo(id: 999) }?.code == "not_found|request")
            #expect(await expectFailure { try await client.container(id: 1) }?.code == "not_found|container")
            #expect(await expectFailure { try await client.organizationValidations(id: 1) }?.code == "not_found|organization")

            // The order route itself answers 404 not_found|product for an unknown product.
            let port = try #require(sandbox.port)
            let (_, body) = try await curl(["-X", "POST", "\(sandboxURL(port).absoluteString)/order/certificate/ssl_basic",
                                      "-H", "X-DC-DEVKEY: \(testKey)", "--data-binary", "{}", "--write-out", "\n%{http_code}"])
            #expect(String(decoding: body, as: UTF8.self) == """
                {
                  "errors": [
                    {
                      "code": "not_found|product",
                      "message": "The requested product was not found."
                    }
                  ]
                }
                404
                """)
            let (_, route) = try await curl(["\(sandboxURL(port).absoluteString)/nowhere", "-H", "X-DC-DEVKEY: \(testKey)"])
            #expect(APIError.decode(route)?.errors.first?.code == "not_found|route")
        }
    }

    @Test("past the rate limit: 429 request_limit_exceeded with the documented message")
    func rateLimited() async throws {
        // The sandbox's clock stands still, so the 101st request is in the window however
        // slowly this machine sends the first 100.
        let instant = Date(timeIntervalSince1970: 1_796_000_000)
        try await withSandbox({ $0.now = { instant } }) { sandbox, client in
            for _ in 0..<100 { _ = try await client.containers() }
            let error = await expectFailure { try await client.containers() }
            #expect(error == .rateLimited)
            #expect(error?.message == "CertCentral's rate limit was exceeded (HTTP 429; at most 100 requests per 5 seconds and 1000 per 3 minutes per API key). Wait a minute and try again; check whether another program uses the same key.")
            let port = try #require(sandbox.port)
            let (_, body) = try await curl(["\(sandboxURL(port).absoluteString)/container", "-H", "X-DC-DEVKEY: \(testKey)", "--write-out", "\n%{http_code}"])
            #expect(String(decoding: body, as: UTF8.self) == """
                {
                  "errors": [
                    {
                      "code": "request_limit_exceeded",
                      "message": "Service unavailable, please limit request volume"
                    }
                  ]
                }
                429
                """)
            // Limits are per key: another key is still served.
            let (_, other) = try await curl(["\(sandboxURL(port).absoluteString)/container", "-H", "X-DC-DEVKEY: another-key", "--write-out", "%{http_code}"])
            #expect(String(decoding: other, as: UTF8.self).hasSuffix("200"))
            #expect(await sandbox.snapshot().rateLimited == 2)
        }
        // --no-rate-limit lifts them.
        try await withSandbox({ $0.rateLimit = false }) { _, client in
            for _ in 0..<120 { _ = try await client.containers() }
        }
    }

    @Test("a server error: 500 with what to do")
    func serverError() async throws {
        try await withSandbox({ $0.failureRate = 1 }) { _, client in
            let error = await expectFailure { try await client.containers() }
            #expect(error == .server(status: 500))
            #expect(error?.message == "CertCentral failed with HTTP 500, an error on its side. Try again in a few minutes. An order may have been placed all the same: run 'certorder reconcile', which looks it up by its alternative order id, before sending it again.")
        }
    }

    @Test("no answer in time: timeout")
    func timeout() async throws {
        try await withSandbox({ $0.latency = .milliseconds(600) }, client: testConfiguration(timeout: .milliseconds(150))) { _, client in
            let error = await expectFailure { try await client.containers() }
            #expect(error == .timeout)
            #expect(error?.message == "CertCentral did not answer in time; the request may have reached it. An order may have been placed: run 'certorder reconcile', which looks it up by its alternative order id, before sending it again. Otherwise try again, or allow a longer timeout.")
        }
    }

    @Test("nobody listening: unreachable, nothing sent")
    func unreachable() async throws {
        // A socket bound but not listening: connections to its port are refused, and no other
        // test running in parallel can take the port meanwhile.
        let reserved = try ReservedPort()
        defer { reserved.release() }
        let port = reserved.port
        let client = try CertCentralClient(endpoint: .url(sandboxURL(port)), apiKey: testKey, configuration: testConfiguration(), pacing: .off)
        let error = await expectFailure { try await client.placeOrder(try documentedOrder(), product: .codeSigningEV) }
        #expect(error == .unreachable(host: "127.0.0.1:\(port)", reason: "connection refused"))
        #expect(error?.message == "Could not connect to 127.0.0.1:\(port) (connection refused); nothing was sent. Check the network, proxy or VPN, and the endpoint, then try again.")
        #expect(error?.orderMayHaveBeenPlaced == false)
    }

    @Test("plain http to another host: refused before anything is sent")
    func insecureEndpoint() throws {
        #expect(throws: CertCentralError.insecureEndpoint("http://example.com/services/v2")) {
            try CertCentralClient(endpoint: .url(URL(string: "http://example.com/services/v2")!), apiKey: testKey)
        }
        do {
            _ = try CertCentralClient(endpoint: .url(URL(string: "http://user:\(testKey)@10.0.0.8:8080/services/v2?key=\(testKey)")!), apiKey: testKey)
            Issue.record("an http endpoint off this machine was accepted")
        } catch {
            #expect(error.message == "Refusing to send the API key to http://10.0.0.8:8080/services/v2: use an https:// URL, or http:// only for a sandbox on this machine (127.0.0.1, ::1, localhost).")
            #expect(!error.message.contains(testKey))
        }
        #expect(throws: CertCentralError.self) { try CertCentralClient(endpoint: .url(URL(string: "ftp://127.0.0.1/x")!), apiKey: testKey) }
        for ok in ["http://127.0.0.1:1/services/v2", "http://localhost:8080", "http://[::1]:9/services/v2", "http://127.9.0.1/", "https://proxy.example.com/services/v2"] {
            #expect(throws: Never.self) { try CertCentralClient(endpoint: .url(URL(string: ok)!), apiKey: testKey) }
        }
    }

    @Test("no message, description or endpoint ever shows the key")
    func keyNeverShown() throws {
        let key = testKey
        let client = try CertCentralClient(endpoint: .us, apiKey: key)
        #expect(!"\(client)".contains(key))
        #expect(!String(reflecting: client).contains(key))
        var dumped = ""
        dump(client, to: &dumped)
        #expect(!dumped.contains(key))
        let envelope = APIError(errors: [.init(code: "invalid_value:x", message: "bad")])
        let all: [CertCentralError] = [
            .api(status: 400, envelope), .unauthorized, .forbidden(nil), .forbidden(envelope), .notFound(nil), .notFound(envelope),
            .rateLimited, .server(status: 503), .timeout, .unreachable(host: "www.digicert.com", reason: "host not found"),
            .connectionLost, .insecureEndpoint("http://example.com"), .invalidResponse(status: 200, detail: "the body is not JSON"), .cancelled,
        ]
        for error in all {
            #expect(!error.message.isEmpty)
            #expect(!error.message.contains(key))
            #expect(error.localizedDescription == error.message)
        }
        let url = Endpoint.url(URL(string: "https://me:\(key)@proxy.example.com/services/v2?devkey=\(key)#\(key)")!)
        #expect(url.description == "https://proxy.example.com/services/v2")
        #expect(Endpoint.us.description == "us (https://www.digicert.com/services/v2)")
        #expect(Endpoint.eu.baseURL.absoluteString == "https://certcentral.digicert.eu/services/v2")
    }

    @Test("an error message echoing the key is redacted")
    func echoedKeyRedacted() async throws {
        try await withSandbox { _, client in
            var order = try documentedOrder()
            order.paymentMethod = testKey  // the validator quotes the bad value back
            let error = await expectFailure { try await client.placeOrder(order, product: .codeSigningEV) }
            #expect(error?.code == "invalid_value:payment_method")
            #expect(error?.message.contains(testKey) == false)
            #expect(error?.message.contains("[redacted]") == true)
        }
    }

    static func orderCount(_ client: CertCentralClient) async -> Int {
        (try? await client.listOrders().page.total) ?? -1
    }
}
