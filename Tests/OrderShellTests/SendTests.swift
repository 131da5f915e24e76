import CertCentral
import CertCentralSandbox
import CertOrder
import Foundation
import OrderJournal
import OrderShell
import Testing
import TestSupport

/// ``OrderSender`` against an in-process sandbox over 127.0.0.1, with a real SQLite journal:
/// what blocks a send, what a placed send records, the duplicate guard, and 429s.
@Suite("Sending an order")
struct SendTests {
    @Test func validatorErrorsBlockTheSendAndNothingIsJournaled() async throws {
        try await SendFixture.with { f in
            var request = try sendOrder()
            request.validityYears = nil
            request.certificate.signatureHash = nil
            let expected = Validator().validate(request, product: .codeSigningEV).errors.map(\.message)
            #expect(expected.count == 2)

            let outcome = await f.sender.send(product: .codeSigningEV, request: request)
            guard case .blocked(let diagnostics) = outcome else {
                Issue.record("expected blocked, got \(outcome)")
                return
            }
            #expect(diagnostics.map(\.message) == expected)
            #expect(outcome.exitStatus == .dataError)
            #expect(outcome.entry == nil)
            #expect(try await f.journal.entries().isEmpty)
            let snapshot = await f.sandbox.snapshot()
            #expect(snapshot.ordersPlaced == 0)
            #expect(snapshot.requestCount == 3, "only the account lookups: custom fields, the organisation's validations, the key's owner")
        }
    }

    @Test func aMissingRequiredCustomFieldBlocksTheSendWithItsMessage() async throws {
        try await SendFixture.with { f in
            var request = try sendOrder()
            request.customFields = nil
            #expect(Validator().validate(request, product: .codeSigningEV).errors.isEmpty)

            let outcome = await f.sender.send(product: .codeSigningEV, request: request)
            guard case .blocked(let diagnostics) = outcome else {
                Issue.record("expected blocked, got \(outcome)")
                return
            }
            #expect(diagnostics.map(\.message) == ["the account requires custom field 12 (Cost center); add 'custom_field 12 \"…\"'"])
            #expect(diagnostics.map(\.path) == ["custom_fields"])
            #expect(f.message(for: outcome) == "the account requires custom field 12 (Cost center); add 'custom_field 12 \"…\"'")
            #expect(try await f.journal.entries().isEmpty)
            #expect(await f.sandbox.snapshot().ordersPlaced == 0)

            // Forced, CertCentral judges: refused (400), recorded with its code; nothing placed.
            let forced = await f.sender.send(product: .codeSigningEV, request: request, options: .init(force: true))
            guard case .refused(let entry, let error) = forced else {
                Issue.record("expected refused, got \(forced)")
                return
            }
            #expect(error.status == 400)
            #expect(entry.state == .refused)
            #expect(entry.httpStatus == 400)
            #expect(entry.errorCode == "invalid_custom_field_value")
            #expect(entry.errorMessage == "custom field 12 (Cost center) is required by this account; add {\"metadata_id\": 12, \"value\": \"...\"} to custom_fields")
            #expect(forced.exitStatus == .dataError)
            #expect(await f.sandbox.snapshot().ordersPlaced == 0)
        }
    }

    @Test func aPlacedOrderIsJournaledWithItsOrderIDAndRequests() async throws {
        try await SendFixture.with { f in
            let request = try sendOrder()
            let outcome = await f.sender.send(product: .codeSigningEV, request: request, label: "one.order:1")
            guard case .placed(let entry, let response) = outcome else {
                Issue.record("expected placed, got \(outcome)")
                return
            }
            #expect(response.id == 112233)
            #expect(response.requests.map(\.id) == [113])
            #expect(response.certificateID == 113)
            #expect(entry.id == 1)
            #expect(entry.state == .placed)
            #expect(entry.httpStatus == 201)
            #expect(entry.orderID == 112233)
            #expect(entry.requests == [JournalRequest(id: 113, status: "approved")])
            #expect(entry.certificateID == 113)
            #expect(entry.endpoint == f.endpoint)
            #expect(entry.product == .codeSigningEV)
            #expect(entry.label == "one.order:1")
            #expect(entry.errorMessage == nil)
            #expect(entry.alternativeOrderID.hasPrefix("certorder-"))
            // The journal holds the exact bytes sent: the draft plus the generated alternative id.
            var sent = request
            sent.alternativeOrderID = entry.alternativeOrderID
            #expect(entry.payload == PayloadWriter.compact(sent))
            #expect(entry.payloadDigest == OrderJournal.digest(of: OrderSender.canonicalPayload(request)))
            #expect(outcome.exitStatus == .success)

            let snapshot = await f.sandbox.snapshot()
            #expect(snapshot.ordersByAlternativeID == [entry.alternativeOrderID: [112233]])
            #expect(f.message(for: outcome) == nil)

            // On disk: another connection to the file reads the same entry.
            let reopened = try await OrderJournal(path: f.journalPath)
            #expect(try await reopened.entries() == [entry])
            try await reopened.close()
        }
    }

    @Test func aDraftsOwnAlternativeOrderIDIsSentAsItIs() async throws {
        try await SendFixture.with { f in
            var request = try sendOrder()
            request.alternativeOrderID = "release-signing-2026"
            let outcome = await f.sender.send(product: .codeSigningEV, request: request)
            #expect(outcome.placedOrderID == 112233)
            #expect(outcome.entry?.alternativeOrderID == "release-signing-2026")
            #expect(await f.sandbox.snapshot().ordersByAlternativeID == ["release-signing-2026": [112233]])
        }
    }

    @Test func theDuplicateGuardRefusesTheSameOrderOnTheSameEndpoint() async throws {
        try await SendFixture.with { f in
            let request = try sendOrder()
            let first = await f.sender.send(product: .codeSigningEV, request: request)
            #expect(first.placedOrderID == 112233)

            let second = await f.sender.send(product: .codeSigningEV, request: request)
            guard case .duplicate(let earlier) = second else {
                Issue.record("expected duplicate, got \(second)")
                return
            }
            #expect(earlier == first.entry)
            #expect(earlier.orderID == 112233)
            #expect(second.label == "skipped")
            let message = try #require(f.message(for: second))
            #expect(message.hasPrefix("The same order was sent to \(f.endpoint) at "))
            #expect(message.hasSuffix(" as order 112233 (journal #1).\nNot sent. Add --allow-duplicate to place it again."))
            #expect(await f.sandbox.snapshot().orderCount == 1)
            #expect(try await f.journal.entries().count == 1)

            // Another order is not a duplicate; --allow-duplicate places the same one again.
            #expect(await f.sender.send(product: .codeSigningEV, request: try await sendOrder(name: "Mai Ng")).placedOrderID == 112234)
            let again = await f.sender.send(product: .codeSigningEV, request: request, options: .init(allowDuplicate: true))
            #expect(again.placedOrderID == 112235)
            #expect(await f.sandbox.snapshot().orderCount == 3)
            #expect(try await f.journal.entries(state: .placed).count == 3)
        }
    }

    @Test func aSendOfUnknownOutcomeBlocksTheSameOrder() async throws {
        try await SendFixture.with({ $0.dropNextOrders = 1 }) { f in
            let request = try sendOrder()
            let first = await f.sender.send(product: .codeSigningEV, request: request)
            guard case .unknown(let entry, .connectionLost) = first else {
                Issue.record("expected unknown after a lost connection, got \(first)")
                return
            }
            let second = await f.sender.send(product: .codeSigningEV, request: request)
            guard case .duplicate(let earlier) = second else {
                Issue.record("expected duplicate, got \(second)")
                return
            }
            #expect(earlier.id == entry.id)
            #expect(earlier.state == .unknown)
            let message = try #require(f.message(for: second))
            #expect(message.contains("with an unknown outcome (run 'reconcile') (journal #1)."))
            #expect(await f.sandbox.snapshot().orderCount == 1)
        }
    }

    /// 429 means nothing was placed: the sender says so, waits, and sends the same body again
    /// (same alternative id); the order is placed once.
    @Test func aRateLimitedOrderIsRetriedSafely() async throws {
        // The sandbox's rate window follows the test's clock, not the machine's: the window
        // passes when the test says so (after the first 429), however slow the machine is.
        let clock = ManualClock()
        let origin = Date()
        try await SendFixture.with({
            $0.rateLimit = true
            $0.rateLimits = [SandboxRateLimit(requests: 3, per: .seconds(4))]
            $0.now = { clock.date(from: origin) }
        }, rateLimitBackoff: .milliseconds(250)) { f in
            // The send's three account lookups (custom fields, the organisation's validations, the
            // key's owner) take the window's three requests: the order meets 429s (retries after
            // 0.25, 0.5, 1, 2, 4 s) until the window has passed.
            let sending = Task { await f.sender.send(product: .codeSigningEV, request: try await sendOrder()) }
            #expect(try await eventually(timeout: .seconds(60)) { await f.sandbox.snapshot().rateLimited >= 1 })
            clock.advance(by: .seconds(5))
            let outcome = try await sending.value
            guard case .placed(let entry, let response) = outcome else {
                Issue.record("expected placed, got \(outcome)")
                return
            }
            let snapshot = await f.sandbox.snapshot()
            #expect(snapshot.rateLimited >= 1)
            #expect(f.notices.count == snapshot.rateLimited, "each 429 of the order is told")
            #expect(f.notices.first == "CertCentral's rate limit was reached (HTTP 429), so nothing was placed; sending journal #1 again in 250 ms (retry 1 of 6)")
            #expect(snapshot.orderCount == 1)
            #expect(snapshot.ordersByAlternativeID == [entry.alternativeOrderID: [response.id]])
            #expect(try await f.journal.entries() == [entry])
            #expect(entry.state == .placed)
        }
    }

    /// When 429s outlast the retries: `refused` with HTTP 429, exit 75, and the message.
    @Test func aRateLimitThatOutlastsTheRetriesIsRefused() async throws {
        try await SendFixture.with({
            $0.rateLimit = true
            // The window's three requests go to the account lookups; the order meets only 429s.
            $0.rateLimits = [SandboxRateLimit(requests: 3, per: .seconds(60))]
        }, rateLimitBackoff: .milliseconds(10), rateLimitRetries: 2) { f in
            let outcome = await f.sender.send(product: .codeSigningEV, request: try await sendOrder())
            guard case .refused(let entry, .rateLimited) = outcome else {
                Issue.record("expected refused by the rate limit, got \(outcome)")
                return
            }
            #expect(entry.state == .refused)
            #expect(entry.httpStatus == 429)
            #expect(outcome.exitStatus == .temporaryFailure)
            #expect(f.notices.count == 2)
            #expect(f.message(for: outcome) == CertCentralError.rateLimited.message
                    + "\n(journal #1: refused; nothing was placed; the draft is unchanged)")
            let snapshot = await f.sandbox.snapshot()
            #expect(snapshot.rateLimited == 3)
            #expect(snapshot.ordersPlaced == 0)
            // Refused created nothing: the duplicate guard lets it be sent again.
            #expect(try await f.journal.findDuplicate(endpoint: f.endpoint, payloadDigest: entry.payloadDigest) == nil)
        }
    }

    /// A connection that cannot be made: nothing was sent, `failed`.
    @Test func anUnreachableEndpointIsFailed() async throws {
        try await SendFixture.with { f in
            // A port that refuses connections, and a sender for it.
            let closed = try ReservedPort()
            let endpoint = "http://127.0.0.1:\(closed.port)/services/v2"
            let client = try CertCentralClient(endpoint: .url(URL(string: endpoint)!), apiKey: "k", configuration: .init(retry: .none), pacing: .off)
            let sender = OrderSender(journal: f.journal, endpointName: endpoint, client: client)
            let outcome = await sender.send(product: .codeSigningEV, request: try await sendOrder(), options: .init(force: true))
            guard case .failed(let entry, .unreachable) = outcome else {
                Issue.record("expected failed, got \(outcome)")
                return
            }
            #expect(entry.state == .failed)
            #expect(entry.httpStatus == nil)
            #expect(outcome.exitStatus == .unavailable)
            let message = try #require(f.message(for: outcome))
            #expect(message.hasSuffix("nothing was sent. Check the network, proxy or VPN, and the endpoint, then try again.\n"
                                      + "(journal #1: failed; nothing was placed; the draft is unchanged)"))
            #expect(entry.endpoint == endpoint)
            #expect(try await f.journal.findDuplicate(endpoint: endpoint, payloadDigest: entry.payloadDigest) == nil)
            withExtendedLifetime(closed) {}
        }
    }
}
