import CertCentral
import CertOrder
import Foundation
import OrderJournal

/// Sends orders safely: validates, checks the account (its required custom fields, the
/// organisation's validation, a verified contact), refuses a
/// duplicate, writes the journal entry *before* the request leaves, sends once, and records
/// the outcome. An order whose outcome is unknown is never resent automatically.
package final class OrderSender: @unchecked Sendable {
    package struct Options: Sendable {
        /// Send even when the validator reports errors.
        package var force = false
        /// Send even when the same payload was placed on this endpoint in the last 24 hours.
        package var allowDuplicate = false
        /// The batch the sends belong to. With the duplicate guard on, an order this batch placed
        /// (at any time, not only in the last 24 hours) is not placed again: use
        /// ``OrderSender/batchIdentity(endpoint:orders:)`` so that a batch run again resumes.
        package var batch: String?

        package init(force: Bool = false, allowDuplicate: Bool = false, batch: String? = nil) {
            self.force = force
            self.allowDuplicate = allowDuplicate
            self.batch = batch
        }
    }

    package let journal: OrderJournal
    /// Every send's journal writes go through it, so concurrent sends share disk flushes.
    private let committer: JournalGroupCommitter
    package let endpointName: String
    package let client: CertCentralClient
    private let validator: Validator
    private let lock = NSLock()
    private var metadata: [CustomFieldMetadata]?
    /// The organisations' validations and the key's owner, once looked up (OrderSender+Readiness).
    let readinessCache = ReadinessCacheBox()
    /// How long to wait after a 429 before sending again; 429 means nothing was placed, so a
    /// resend is safe. Doubles on each retry.
    private let rateLimitBackoff: Duration
    private let rateLimitRetries: Int

    /// The session's secrets: an order holding one is never journaled or sent, even with --force.
    private let redactor: SecretRedactor?

    package init(journal: OrderJournal, endpointName: String, client: CertCentralClient, validator: Validator = Validator(),
                redactor: SecretRedactor? = nil, rateLimitBackoff: Duration = .seconds(1), rateLimitRetries: Int = 6) {
        self.journal = journal
        self.redactor = redactor
        self.committer = JournalGroupCommitter(journal: journal)
        self.endpointName = endpointName
        self.client = client
        self.validator = validator
        self.rateLimitBackoff = rateLimitBackoff
        self.rateLimitRetries = rateLimitRetries
    }

    private var noticeHandler: (@Sendable (String) -> Void)?

    /// Where the sender says what it is doing while a send waits (a 429 and the wait before
    /// sending again); the session prints it on stderr. `nil`: silent.
    package var onNotice: (@Sendable (String) -> Void)? {
        get { lock.withLock { noticeHandler } }
        set { lock.withLock { noticeHandler = newValue } }
    }

    private func notice(_ text: String) { onNotice?(text) }

    /// The account's custom fields, fetched once per sender (the session keeps one sender per
    /// endpoint, so once per endpoint and session); a failed lookup is tried again next time.
    package func customFields() async throws(CertCentralError) -> [CustomFieldMetadata] {
        if let cached = lock.withLock({ metadata }) { return cached }
        let fetched = try await client.customFieldMetadata()
        lock.withLock { metadata = fetched }
        return fetched
    }

    /// Every error that blocks sending `request`: the validator's, the account's required custom
    /// fields the draft lacks, and the account's readiness for it (the organisation's code
    /// signing validation, a verified contact: ``AccountFacts/readiness(product:request:)``).
    /// The lookups run concurrently, each once per sender.
    /// - Throws: when a lookup cannot be made (no answer in time, no connection, an error, an
    ///   interruption): then nothing may be sent (``AccountLookupFailure/message``).
    package func blockingDiagnostics(product: Product, request: OrderRequest) async throws(AccountLookupFailure) -> [Diagnostic] {
        let diagnostics = validator.validate(request, product: product).errors
        let facts = try await accountFacts(for: AccountNeeds([request]))
        return diagnostics + facts.blocking(product: product, request: request)
    }

    /// What the user is told when the account's custom fields could not be looked up before a
    /// send: nothing was sent (the order's POST never left).
    package static func lookupFailure(_ error: CertCentralError) -> String {
        let reason: String
        switch error {
        case .timeout: reason = "CertCentral did not answer in time (\(Connection.timeoutVariable) sets how long a request may take)"
        case .connectionLost: reason = "the connection was lost before the answer"
        case .cancelled, .cancelledBeforeSending: reason = "interrupted"
        default: reason = error.message
        }
        return "nothing sent: the account's custom fields (GET /account/metadata) could not be looked up: \(reason)"
    }

    /// The payload the duplicate guard compares: the draft's body before an alternative order id
    /// is generated for it, so sending the same draft twice is recognised.
    package static func canonicalPayload(_ request: OrderRequest) -> Data { PayloadWriter.compact(request) }

    /// The identity of a batch: the same orders (product and canonical payload), in the same
    /// order, to the same endpoint. Run again, however much later, a batch has the same identity,
    /// and the journal's duplicate guard skips what it placed (see ``Options/batch``).
    package static func batchIdentity(endpoint: String, orders: [(product: Product, request: OrderRequest)]) -> String {
        batchIdentity(endpoint: endpoint, orders: orders.map { ($0.product, OrderJournal.digest(of: canonicalPayload($0.request))) })
    }

    /// ``batchIdentity(endpoint:orders:)`` from each order's canonical digest, for a caller that
    /// has them already (each body is encoded and hashed once).
    package static func batchIdentity(endpoint: String, orders: [(product: Product, digest: String)]) -> String {
        var text = OrderJournal.storedEndpoint(endpoint) + "\n"
        for order in orders {
            text += order.product.rawValue + " " + order.digest + "\n"
        }
        return "batch-" + OrderJournal.digest(of: Data(text.utf8)).prefix(32)
    }

    /// The body as sent: the canonical body with the generated alternative order id added. It is
    /// the last key of the documented order (``PayloadWriter``), so it is appended to the bytes
    /// already written instead of encoding the order a second time.
    static func sentPayload(canonical: Data, generatedAlternativeID id: String) -> Data {
        var payload = canonical.dropLast()  // the closing brace
        payload.append(contentsOf: Array(#","alternative_order_id":""#.utf8))
        payload.append(contentsOf: Array(id.utf8))  // certorder-<uuid> or a batch's certorder-<hex>-r<k>-<n>: nothing to escape
        payload.append(contentsOf: Array(#""}"#.utf8))
        return Data(payload)
    }

    /// The alternative order id of the order at `index` (from 0) of the batch run `run` (a name
    /// ``OrderJournal/batchRun(identity:digests:window:now:)`` gives: `batch-<32 hex>-<k>`), or
    /// nil for any other batch name (a single order's run keeps a random id).
    ///
    /// Derived, not random: the run's identity is the batch's content and endpoint, so after its
    /// journal is lost the ids its orders were sent with can be computed again and looked up
    /// (``recoverBatch(_:identity:)``), and a re-run of the same batch sends the same ids.
    package static func batchAlternativeID(run: String, index: Int) -> String? {
        guard run.hasPrefix("batch-") else { return nil }
        let parts = run.dropFirst("batch-".count).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 32, parts[0].allSatisfy(\.isHexDigit), let k = Int(parts[1]), k > 0 else { return nil }
        return "certorder-\(parts[0].prefix(24))-r\(k)-\(index + 1)"
    }

    /// Sends one order. `label` says where it came from (`batch.order:12`); `alternativeOrderID`
    /// is the id to send when the order has none (a batch's derived one), else a random one.
    package func send(product: Product, request: OrderRequest, label: String? = nil, options: Options = Options(),
                      alternativeOrderID: String? = nil) async -> SendOutcome {
        await send(PreparedOrder(product: product, request: request, label: label), options: options, alternativeOrderID: alternativeOrderID)
    }

    /// Sends one order prepared once (a batch's): its canonical body and digest are reused for
    /// the journal entry, the duplicate guard and the request.
    package func send(_ order: PreparedOrder, options: Options = Options(), alternativeOrderID: String? = nil) async -> SendOutcome {
        let (product, request, label) = (order.product, order.request, order.label)
        if let leaks = redactor?.diagnostics(for: request), !leaks.isEmpty { return .blocked(leaks) }
        if !options.force {
            do {
                let blocking = try await blockingDiagnostics(product: product, request: request)
                if !blocking.isEmpty { return .blocked(blocking) }
            } catch {
                return .blocked([Diagnostic(.error, .advice, path: "", error.message)])
            }
        }
        // Interrupted before anything was recorded: nothing is sent.
        if Task.isCancelled { return .blocked([Diagnostic(.error, .advice, path: "", "interrupted: nothing sent")]) }
        let canonical = order.canonical
        var payload = canonical
        let sentAlternativeID: String
        if let own = request.alternativeOrderID {
            sentAlternativeID = own
        } else {
            sentAlternativeID = alternativeOrderID ?? "certorder-\(UUID().uuidString.lowercased())"
            payload = Self.sentPayload(canonical: canonical, generatedAlternativeID: sentAlternativeID)
        }
        let entry: JournalEntry
        do {
            var intent = JournalIntent(
                endpoint: endpointName, product: product, payload: payload, canonicalPayload: canonical,
                alternativeOrderID: sentAlternativeID, batch: options.batch, label: label)
            intent.knownDigest = order.digest
            entry = try await committer.recordIntent(
                intent, rejectingDuplicatesWithin: options.allowDuplicate ? nil : OrderJournal.duplicateWindow)
        } catch JournalError.duplicate(let earlier) {
            return .duplicate(earlier)
        } catch {
            // Without a journal entry nothing may leave: the record comes first.
            return .blocked([Diagnostic(.sendUnrecorded("\(error)"), path: "")])
        }
        // The entry is the send's start: from here it is in flight. An interruption does not stop
        // it at once; it is awaited for the client's grace (its answer recorded), then given up.
        let grace = client.configuration.cancellationGrace
        let delivery = Task { await deliver(product: product, payload: payload, entry: entry) }
        return await withTaskCancellationHandler {
            await delivery.value
        } onCancel: {
            Task {
                try? await Task.sleep(for: grace)
                delivery.cancel()
            }
        }
    }

    private func deliver(product: Product, payload: Data, entry: JournalEntry) async -> SendOutcome {
        var backoff = rateLimitBackoff
        var attempt = 0
        while true {
            do {
                let placed = try await client.sendOrder(product: product, payload: payload)
                let requests = placed.response.requests.map { JournalRequest(id: $0.id, status: $0.status) }
                let outcome = JournalOutcome.placed(httpStatus: placed.status, orderID: placed.response.id,
                                                    requests: requests, certificateID: placed.response.certificateID)
                return .placed(await recordOutcome(outcome, of: entry), placed.response)
            } catch .rateLimited where attempt < rateLimitRetries {
                // 429 is a refusal before anything was placed: waiting and resending is safe.
                attempt += 1
                notice("CertCentral's rate limit was reached (HTTP 429), so nothing was placed; sending journal #\(entry.id) again in "
                       + "\(Self.describe(backoff)) (retry \(attempt) of \(rateLimitRetries))")
                try? await Task.sleep(for: backoff)
                backoff *= 2
            } catch {
                return await record(error, for: entry)
            }
        }
    }

    private func record(_ error: CertCentralError, for entry: JournalEntry) async -> SendOutcome {
        if error.orderMayHaveBeenPlaced {
            let outcome = JournalOutcome.unknown(httpStatus: error.status, errorMessage: error.message)
            return .unknown(await recordOutcome(outcome, of: entry), error)
        }
        switch error {
        case .unreachable, .insecureEndpoint, .cancelledBeforeSending:
            // Certainly never sent: the connection failed, or an interruption came before the POST left.
            let outcome = JournalOutcome.failed(errorMessage: error.message)
            return .failed(await recordOutcome(outcome, of: entry), error)
        default:
            let outcome = JournalOutcome.refused(httpStatus: error.status ?? 0, errorCode: error.code,
                                                 errorMessage: error.apiMessage ?? error.message)
            return .refused(await recordOutcome(outcome, of: entry), error)
        }
    }

    /// Writes an outcome to the journal. When the write fails (a full disk), the entry stays
    /// `sending`, becomes `unknown` at the next start and `reconcile` settles it; the user is told.
    private func recordOutcome(_ outcome: JournalOutcome, of entry: JournalEntry) async -> JournalEntry {
        do {
            return try await committer.record(outcome, forEntry: entry.id)
        } catch {
            notice("the journal could not record the outcome of journal #\(entry.id) (\(outcome.state.rawValue)): \(error); "
                   + "it stays 'sending', and 'certorder reconcile' settles it after the next start")
            return entry
        }
    }

    /// How long after a send that ended without an answer or with a 5xx (a timeout, a lost connection, a process
    /// that died) a missing order still counts as possibly in flight: the client's request
    /// timeout. CertCentral may still be working on a request its client has given up on, and
    /// would place the order after a too-early lookup had declared it never placed.
    package var inFlightGrace: Duration { client.configuration.requestTimeout }

    /// Resolves every `unknown` entry of this endpoint by looking its alternative order id up:
    /// found means placed; a 404 means it never was, unless the send ended (unanswered or with a
    /// 5xx) less than ``inFlightGrace`` ago (the request may still be under way at CertCentral:
    /// the entry stays `unknown`, and a later `reconcile` settles it).
    package func reconcile(now: Date = Date()) async -> [(before: JournalEntry, after: JournalEntry?, note: String)] {
        let unresolved = ((try? await journal.unresolved()) ?? []).filter { $0.endpoint == OrderJournal.storedEndpoint(endpointName) && $0.state == .unknown }
        var results: [(JournalEntry, JournalEntry?, String)] = []
        let grace = Double(inFlightGrace.components.seconds) + Double(inFlightGrace.components.attoseconds) / 1e18
        for entry in unresolved {
            do {
                if let info = try await client.orderByAlternativeID(entry.alternativeOrderID) {
                    let requests = info.requests.map { JournalRequest(id: $0.id, status: $0.status?.rawValue ?? "unknown") }
                    let placed = try await journal.recordPlaced(id: entry.id, httpStatus: nil, orderID: info.id, requests: requests,
                                                          certificateID: info.certificateID)
                    if let status = info.status { _ = try? await journal.updateStatus(id: entry.id, orderStatus: status.rawValue) }
                    results.append((entry, placed, "placed as order \(info.id)"))
                } else if now.timeIntervalSince(entry.updatedAt) < grace {
                    // A 5xx may come from a gateway (502, 504) in front of a server that is still
                    // placing the order, so it waits out the grace as an unanswered send does.
                    let settle = entry.updatedAt.addingTimeInterval(grace)
                    let wait = max(1, Int(settle.timeIntervalSince(now).rounded(.up)))
                    let how = entry.httpStatus.map { "got HTTP \($0)" } ?? "went unanswered"
                    results.append((entry, nil, "still unknown: no order has this alternative id yet, but the send \(how) "
                                    + "and may still be under way at CertCentral; reconcile again in \(wait) s"))
                } else {
                    let failed = try await journal.recordFailed(id: entry.id, errorMessage: "no order has alternative id \(entry.alternativeOrderID): it was never placed")
                    results.append((entry, failed, "never placed; safe to send again"))
                }
            } catch {
                results.append((entry, nil, "still unknown: \(error)"))
            }
        }
        return results
    }

    /// What ``recoverBatch(_:identity:)`` found for one order of a run.
    package struct Recovered: Sendable {
        package var run: String
        package var index: Int
        package var label: String
        package var alternativeOrderID: String
        /// The journal entry now recording the placed order; nil when no order has the id.
        package var entry: JournalEntry?
    }

    /// Finds on the account what runs of a batch placed, and records it in the journal: for a
    /// journal that was lost (deleted during the batch, a new machine), so that a re-run of the
    /// batch sends only what was not placed.
    ///
    /// The runs `identity-1`, `identity-2`, … are looked up in turn, each order by its derived
    /// alternative id (``batchAlternativeID(run:index:)``, or its own when the script sets one),
    /// until a run has no order on the account. Each order found that the journal does not
    /// hold is recorded `placed` in its run, as its send would have recorded it; the batch run
    /// again resumes the latest run and skips them.
    ///
    /// - Throws: The first lookup that fails (nothing after it is recorded).
    package func recoverBatch(
        _ orders: [(label: String, product: Product, request: OrderRequest)], identity: String
    ) async throws -> [Recovered] {
        var recovered: [(run: Int, found: Recovered)] = []
        var lastFound = 1
        var run = 1
        while true {
            let name = "\(identity)-\(run)"
            var foundAny = false
            for (index, order) in orders.enumerated() {
                // An order whose script sets its own id has that id in every run: it is looked up once.
                if order.request.alternativeOrderID != nil, run > 1 { continue }
                guard let derived = order.request.alternativeOrderID ?? Self.batchAlternativeID(run: name, index: index) else { continue }
                var found = Recovered(run: name, index: index, label: order.label, alternativeOrderID: derived)
                if let info = try await client.orderByAlternativeID(derived) {
                    // Only a derived id tells that this run existed.
                    if order.request.alternativeOrderID == nil { foundAny = true }
                    if let known = try await journal.entry(alternativeOrderID: derived), known.state == .placed {
                        found.entry = known
                    } else {
                        found.entry = try await record(info, of: order, alternativeOrderID: derived, run: name)
                    }
                }
                recovered.append((run, found))
            }
            if foundAny { lastFound = run }
            if !foundAny { break }
            run += 1
        }
        // The run after the last one found was looked up and holds nothing: not reported.
        return recovered.filter { $0.run <= lastFound }.map(\.found)
    }

    /// Records an order found on the account as its send would have: an intent with the body
    /// sent, then `placed`.
    private func record(_ info: OrderInfo, of order: (label: String, product: Product, request: OrderRequest),
                        alternativeOrderID: String, run: String) async throws -> JournalEntry {
        let canonical = Self.canonicalPayload(order.request)
        let payload = order.request.alternativeOrderID == nil
            ? Self.sentPayload(canonical: canonical, generatedAlternativeID: alternativeOrderID) : canonical
        let intent = try await journal.recordIntent(
            endpoint: endpointName, product: order.product, payload: payload, canonicalPayload: canonical,
            alternativeOrderID: alternativeOrderID, batch: run, label: order.label)
        let requests = info.requests.map { JournalRequest(id: $0.id, status: $0.status?.rawValue ?? "unknown") }
        let placed = try await journal.recordPlaced(id: intent.id, httpStatus: nil, orderID: info.id, requests: requests,
                                              certificateID: info.certificateID)
        if let status = info.status { return (try? await journal.updateStatus(id: placed.id, orderStatus: status.rawValue)) ?? placed }
        return placed
    }

    /// `1 s`, `250 ms`.
    static func describe(_ duration: Duration) -> String {
        let ms = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return ms % 1000 == 0 ? "\(ms / 1000) s" : "\(ms) ms"
    }
}
