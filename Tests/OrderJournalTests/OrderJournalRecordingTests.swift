import Foundation
import GRDB
import Testing
@testable import OrderJournal
import TestSupport

/// What is recorded and how it is stored: no file is the point here, so the journal is in memory
/// (files, sharing and durability have suites of their own).
@Suite("Recording sends")
struct OrderJournalRecordingTests {
    let journal: OrderJournal

    init() throws {
        journal = try OrderJournal(writer: DatabaseQueue())
    }

    /// `entry`, as the journal returned it and as it reads it back, is `expected` (given the
    /// update time the journal set).
    func expectRecorded(_ entry: JournalEntry, _ expected: inout JournalEntry,
                        sourceLocation: SourceLocation = #_sourceLocation) async throws {
        expected.updatedAt = entry.updatedAt
        #expect(entry == expected, sourceLocation: sourceLocation)
        #expect(try await journal.entry(id: entry.id) == expected, sourceLocation: sourceLocation)
    }

    /// Records the intent every test starts from and checks all its columns.
    func recordSampleIntent() async throws -> JournalEntry {
        let before = Date()
        let entry = try await journal.recordIntent(
            endpoint: "sandbox", product: .codeSigningEV,
            payload: samplePayload(altID: "certorder-0001"),
            canonicalPayload: samplePayload(),
            alternativeOrderID: "certorder-0001", batch: "run-7", label: "team.order:12")
        let after = Date()

        #expect(entry.id == 1)
        #expect(entry.endpoint == "sandbox")
        #expect(entry.product == .codeSigningEV)
        #expect(entry.payload == samplePayload(altID: "certorder-0001"))
        #expect(entry.payloadDigest == OrderJournal.digest(of: samplePayload()))
        #expect(entry.alternativeOrderID == "certorder-0001")
        #expect(entry.state == .sending)
        #expect(entry.httpStatus == nil)
        #expect(entry.orderID == nil)
        #expect(entry.orderStatus == nil)
        #expect(entry.requests == [])
        #expect(entry.certificateID == nil)
        #expect(entry.errorCode == nil)
        #expect(entry.errorMessage == nil)
        #expect(entry.batch == "run-7")
        #expect(entry.label == "team.order:12")
        #expect(entry.ownerPID == getpid())
        #expect(entry.updatedAt == entry.createdAt)
        #expect(entry.createdAt >= JournalTimestamp.rounded(before))
        #expect(entry.createdAt <= JournalTimestamp.rounded(after))
        #expect(try await journal.entry(id: entry.id) == entry)
        return entry
    }

    @Test("an intent is committed as sending with every column")
    func intentRoundTrip() async throws {
        let entry = try await recordSampleIntent()
        let millis = String(JournalTimestamp.milliseconds(entry.createdAt))
        let row = try journal.textRows("SELECT * FROM journal_entry")
        #expect(row == [[
            "1", millis, millis, "sandbox", "code_signing_ev",
            samplePayload(altID: "certorder-0001").map { String(format: "%02x", $0) }.joined(),
            OrderJournal.digest(of: samplePayload()), "certorder-0001", "sending",
            nil, nil, nil, "[]", nil, nil, nil, "run-7", "team.order:12", String(getpid()),
        ]])
    }

    @Test("without a canonical payload the payload itself is digested")
    func digestOfPayloadWhenCanonical() async throws {
        let entry = try await journal.recordIntent(
            endpoint: "us", product: .codeSigning, payload: samplePayload(altID: "mine"),
            alternativeOrderID: "mine")
        #expect(entry.payloadDigest == OrderJournal.digest(of: samplePayload(altID: "mine")))
        #expect(entry.batch == nil)
        #expect(entry.label == nil)
    }

    @Test("sending → placed keeps the intent and stores the order")
    func placedRoundTrip() async throws {
        let intent = try await recordSampleIntent()
        let placed = try await journal.recordPlaced(
            id: intent.id, httpStatus: 201, orderID: 1_234_567,
            requests: [JournalRequest(id: 89, status: "pending"), JournalRequest(id: 90, status: "approved")],
            certificateID: 4_321)

        var expected = intent
        expected.state = .placed
        expected.httpStatus = 201
        expected.orderID = 1_234_567
        expected.requests = [JournalRequest(id: 89, status: "pending"), JournalRequest(id: 90, status: "approved")]
        expected.certificateID = 4_321
        expected.updatedAt = placed.updatedAt
        #expect(placed == expected)
        #expect(placed.updatedAt >= intent.createdAt)
        #expect(try await journal.entry(id: intent.id) == expected)
        #expect(try journal.textRows("SELECT state, http_status, order_id, requests, certificate_id FROM journal_entry")
            == [["placed", "201", "1234567", #"[{"id":89,"status":"pending"},{"id":90,"status":"approved"}]"#, "4321"]])
    }

    @Test("sending → refused stores the API's error")
    func refusedRoundTrip() async throws {
        let intent = try await recordSampleIntent()
        let refused = try await journal.recordRefused(
            id: intent.id, httpStatus: 400, errorCode: "invalid_csr",
            errorMessage: "The CSR is not a valid PKCS#10 request.")
        var expected = intent
        expected.state = .refused
        expected.httpStatus = 400
        expected.errorCode = "invalid_csr"
        expected.errorMessage = "The CSR is not a valid PKCS#10 request."
        try await expectRecorded(refused, &expected)
    }

    @Test("sending → failed stores the message and no status")
    func failedRoundTrip() async throws {
        let intent = try await recordSampleIntent()
        let failed = try await journal.recordFailed(id: intent.id, errorMessage: "connection refused")
        var expected = intent
        expected.state = .failed
        expected.errorMessage = "connection refused"
        try await expectRecorded(failed, &expected)
    }

    @Test("sending → unknown, then reconciled to placed, clears the error")
    func unknownThenPlaced() async throws {
        let intent = try await recordSampleIntent()
        let unknown = try await journal.recordUnknown(id: intent.id, httpStatus: 502, errorMessage: "bad gateway")
        var expected = intent
        expected.state = .unknown
        expected.httpStatus = 502
        expected.errorMessage = "bad gateway"
        try await expectRecorded(unknown, &expected)

        let timedOut = try await journal.recordUnknown(id: intent.id, errorMessage: "timed out after 60 s")
        #expect(timedOut.httpStatus == nil)
        #expect(timedOut.errorMessage == "timed out after 60 s")

        let placed = try await journal.recordPlaced(
            id: intent.id, httpStatus: nil, orderID: 77, requests: [], certificateID: nil)
        expected.state = .placed
        expected.httpStatus = nil
        expected.errorMessage = nil
        expected.orderID = 77
        try await expectRecorded(placed, &expected)
    }

    @Test("a settled entry takes no second outcome")
    func settledEntriesAreFinal() async throws {
        let intent = try await recordSampleIntent()
        let placed = try await journal.recordPlaced(
            id: intent.id, httpStatus: 201, orderID: 5, requests: [], certificateID: nil)
        await #expect(throws: JournalError.invalidTransition(id: intent.id, from: .placed, to: .failed)) {
            try await journal.recordFailed(id: intent.id, errorMessage: "late")
        }
        await #expect(throws: JournalError.invalidTransition(id: intent.id, from: .placed, to: .unknown)) {
            try await journal.recordUnknown(id: intent.id, errorMessage: "late")
        }
        #expect(try await journal.entry(id: intent.id) == placed)

        let second = try await journal.recordIntent(
            endpoint: "sandbox", product: .codeSigning, payload: samplePayload(),
            alternativeOrderID: "certorder-0002")
        try await journal.recordRefused(id: second.id, httpStatus: 403, errorCode: "access_denied", errorMessage: nil)
        await #expect(throws: JournalError.invalidTransition(id: second.id, from: .refused, to: .placed)) {
            try await journal.recordPlaced(id: second.id, httpStatus: 201, orderID: 6, requests: [], certificateID: nil)
        }
        await #expect(throws: JournalError.entryNotFound(id: 42)) {
            try await journal.recordFailed(id: 42, errorMessage: "x")
        }
        #expect(try await journal.entry(id: 42) == nil)
    }

    @Test("status refreshes update a placed entry only")
    func statusRefresh() async throws {
        let intent = try await recordSampleIntent()
        await #expect(throws: JournalError.invalidTransition(id: intent.id, from: .sending, to: .placed)) {
            try await journal.updateStatus(id: intent.id, orderStatus: "pending")
        }
        try await journal.recordPlaced(
            id: intent.id, httpStatus: 201, orderID: 9, requests: [JournalRequest(id: 1, status: "pending")],
            certificateID: nil)

        let pending = try await journal.updateStatus(id: intent.id, orderStatus: "pending")
        #expect(pending.orderStatus == "pending")
        #expect(pending.requests == [JournalRequest(id: 1, status: "pending")])
        #expect(pending.certificateID == nil)

        let issued = try await journal.updateStatus(
            id: intent.id, orderStatus: "issued", requests: [JournalRequest(id: 1, status: "approved")],
            certificateID: 555)
        var expected = pending
        expected.orderStatus = "issued"
        expected.requests = [JournalRequest(id: 1, status: "approved")]
        expected.certificateID = 555
        try await expectRecorded(issued, &expected)
        await #expect(throws: JournalError.entryNotFound(id: 99)) {
            try await journal.updateStatus(id: 99, orderStatus: "issued")
        }
    }

    @Test("the endpoint is stored without credentials")
    func endpointSanitized() async throws {
        let entry = try await journal.recordIntent(
            endpoint: "https://me:KEY123@api.example.com/services/v2?key=KEY123", product: .codeSigning,
            payload: samplePayload(), alternativeOrderID: "a")
        #expect(entry.endpoint == "https://api.example.com/services/v2")
        #expect(try journal.textValue("SELECT endpoint FROM journal_entry") == "https://api.example.com/services/v2")
        #expect(try journal.textValue("SELECT count(*) FROM journal_entry WHERE endpoint LIKE '%KEY123%'") == "0")
    }

    @Test("queries: newest first, by state, by batch, unresolved, by alternative id")
    func queries() async throws {
        let intents = (1...5).map { number in
            JournalIntent(
                endpoint: "sandbox", product: .codeSigning, payload: samplePayload(commonName: "n\(number)"),
                alternativeOrderID: "alt-\(number)", batch: number <= 3 ? "b1" : "b2", label: "f.order:\(number)")
        }
        let entries = try await journal.recordIntents(intents)
        #expect(entries.map(\.id) == [1, 2, 3, 4, 5])
        try await journal.recordPlaced(id: 1, httpStatus: 201, orderID: 101, requests: [], certificateID: nil)
        try await journal.recordRefused(id: 2, httpStatus: 400, errorCode: "e", errorMessage: "m")
        try await journal.recordUnknown(id: 3, errorMessage: "timeout")
        try await journal.recordPlaced(id: 4, httpStatus: 201, orderID: 104, requests: [], certificateID: nil)
        // 5 stays sending.

        #expect(try await journal.entries().map(\.id) == [5, 4, 3, 2, 1])
        #expect(try await journal.entries(limit: 2).map(\.id) == [5, 4])
        #expect(try await journal.entries(state: .placed).map(\.id) == [4, 1])
        #expect(try await journal.entries(state: .failed) == [])
        #expect(try await journal.entries(batch: "b1").map(\.id) == [3, 2, 1])
        #expect(try await journal.entries(state: .placed, batch: "b2").map(\.id) == [4])
        #expect(try await journal.unresolved().map(\.id) == [5, 3])
        #expect(try await journal.entry(alternativeOrderID: "alt-3")?.id == 3)
        #expect(try await journal.entry(alternativeOrderID: "nope") == nil)
    }

    @Test("grouped outcomes are all written or none")
    func groupedOutcomesAreAtomic() async throws {
        let entries = try await journal.recordIntents((1...3).map { number in
            JournalIntent(endpoint: "sandbox", product: .codeSigning,
                          payload: samplePayload(commonName: "n\(number)"), alternativeOrderID: "alt-\(number)")
        })
        await #expect(throws: JournalError.entryNotFound(id: 99)) {
            try await journal.recordOutcomes([
                (id: entries[0].id, outcome: .failed(errorMessage: "refused")),
                (id: 99, outcome: .failed(errorMessage: "refused")),
            ])
        }
        #expect(try await journal.entries(state: .sending).count == 3)

        let updated = try await journal.recordOutcomes([
            (id: entries[0].id, outcome: .failed(errorMessage: "connection refused")),
            (id: entries[1].id, outcome: .placed(httpStatus: 201, orderID: 2, requests: [], certificateID: nil)),
            (id: entries[2].id, outcome: .unknown(httpStatus: nil, errorMessage: "reset")),
        ])
        #expect(updated.map(\.state) == [.failed, .placed, .unknown])
        #expect(try await journal.entries().map(\.state) == [.unknown, .placed, .failed])
        #expect(try await journal.recordIntents([]) == [])
        #expect(try await journal.recordOutcomes([]) == [])
    }

    @Test("entries encode to JSON and back")
    func codable() async throws {
        let intent = try await recordSampleIntent()
        let placed = try await journal.recordPlaced(
            id: intent.id, httpStatus: 201, orderID: 3, requests: [JournalRequest(id: 4, status: "pending")],
            certificateID: 5)
        let data = try JSONEncoder().encode(placed)
        #expect(try JSONDecoder().decode(JournalEntry.self, from: data) == placed)
    }

    @Test("state properties")
    func stateProperties() {
        #expect(JournalState.allCases.filter(\.isResolved) == [.placed, .refused, .failed])
        #expect(JournalState.allCases.filter(\.mayHaveCreatedOrder) == [.sending, .placed, .unknown])
        #expect(JournalState.allCases.filter(\.acceptsOutcome) == [.sending, .unknown])
    }
}
