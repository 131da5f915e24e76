import CertCentral
import CertOrder
import Foundation
import OrderJournal
import OrderLanguage
import OrderShell

/// A batch `certorder send` sends without holding it: the scripts are compiled twice, each time
/// handing on one order at a time, so memory stays flat from 1,000 to 100,000 orders.
///
/// The first pass (``check(_:compiler:console:)``) validates every order and keeps only what
/// the rest needs: the diagnostics, the count, each order's product and canonical digest (33
/// bytes), and the tallies of the confirmation's cost summary. An error anywhere still blocks the
/// whole batch before anything is sent. The sending pass (``send(with:options:sender:)``)
/// compiles the scripts again, without validating, and gives each order, prepared once (one
/// canonical body, one digest, one alternative id), to ``BatchSender``'s bounded pipeline:
/// compile → journal → send. An order whose digest differs from the first pass's (a CSV file
/// edited meanwhile) stops the batch: what was not checked is never sent.
struct StreamedBatch {
    let sources: [Source]
    /// The compiler of both passes (the scripts' parameters, the payloads' product).
    let compiler: Compiler
    /// How many orders the scripts make.
    private(set) var count = 0
    /// Each order's product (its index in `Product.allCases`) and raw SHA-256, 33 bytes an order.
    private var records: [UInt8] = []
    /// The confirmation's cost summary, counted.
    private(set) var tally = CostTally()
    /// Every diagnostic of the first pass (the language's, the validator's, the secret guard's).
    private(set) var diagnostics: [LanguageDiagnostic] = []
    /// Set when the sending pass found an order that is not the one checked.
    private(set) var changed: String?

    private static let products = Array(Product.allCases)
    private static let recordSize = 33

    /// The first pass: every order compiled, validated and checked against the session's
    /// secrets (SecretGuard's `compile`), then dropped.
    static func check(_ sources: [Source], compiler: Compiler, console: Console) async -> StreamedBatch {
        final class Box: @unchecked Sendable { var batch: StreamedBatch; init(_ b: StreamedBatch) { batch = b } }
        let box = Box(StreamedBatch(sources: sources, compiler: compiler))
        var leaks: [LanguageDiagnostic] = []
        let redactor = console.redactor
        let result = await compiler.compile(sources) { order, _, _ in
            for leak in redactor.diagnostics(for: order.request) {
                var located = order.locate(leak)
                located.path = nil
                leaks.append(located)
            }
            let canonical = OrderSender.canonicalPayload(order.request)
            box.batch.records.append(UInt8(Self.products.firstIndex(of: order.product)!))
            box.batch.records.append(contentsOf: OrderJournal.rawDigest(of: canonical))
            box.batch.tally.add(product: order.product, request: order.request)
            box.batch.count += 1
            return true
        }
        var batch = box.batch
        batch.diagnostics = result.diagnostics + leaks
        return batch
    }

    private func product(at index: Int) -> Product { Self.products[Int(records[index * Self.recordSize])] }
    private func digest(at index: Int) -> String {
        let start = index * Self.recordSize + 1
        return OrderJournal.hex(records[start..<start + 32])
    }

    /// The batch's identity on `endpoint` (``OrderSender/batchIdentity(endpoint:orders:)``).
    func identity(endpoint: String) -> String {
        var hasher = BatchIdentityHasher(endpoint: endpoint)
        for index in 0..<count { hasher.add(product: product(at: index), digest: digest(at: index)) }
        return hasher.finish()
    }

    /// Whether `covered` holds every order's digest.
    func isCovered(by covered: Set<String>) -> Bool {
        (0..<count).allSatisfy { covered.contains(digest(at: $0)) }
    }

    /// The run to record the batch under (as `SendCommand` names a held batch).
    func runName(sender: OrderSender) async -> String {
        let identity = identity(endpoint: sender.endpointName)
        // Without a readable journal the sends fail before anything leaves; the name then matters not.
        return (try? await sender.journal.batchRun(identity: identity, covers: isCovered(by:))) ?? "\(identity)-1"
    }

    /// Every order missing one of the account's required custom fields, located: a third pass,
    /// only when the account requires any field.
    func missingCustomFields(_ metadata: [CustomFieldMetadata]) async -> [LanguageDiagnostic] {
        guard metadata.contains(where: { $0.isActive && $0.isRequired }) else { return [] }
        final class Found: @unchecked Sendable { var diagnostics: [LanguageDiagnostic] = [] }
        let found = Found()
        _ = await compiler.compile(sources, validating: false) { order, _, _ in
            for field in CustomFieldMetadata.missingRequired(in: order.request, metadata: metadata) {
                found.diagnostics.append(order.locate(Diagnostic(.customFieldRequired(field.id, label: field.label), path: "custom_fields")))
            }
            return true
        }
        return found.diagnostics
    }

    /// The sending pass: each order compiled again and sent through `batch`'s bounded pipeline.
    mutating func send(with batch: BatchSender, options: BatchSender.Options, keepingEveryResult: Bool = false) async -> BatchSummary {
        final class Check: @unchecked Sendable { var changed: String? }
        let check = Check()
        let compiler = self.compiler
        let this = self
        let summary = await batch.send(total: count, options: options, keepingEveryResult: keepingEveryResult) { submit in
            await withoutActuallyEscaping(submit) { submit in
                let result = await compiler.compile(this.sources, validating: false) { order, index, _ in
                    let label = SendCommand.label(of: order)
                    guard index < this.count else {
                        check.changed = "\(label) is an order the first pass did not make"
                        return false
                    }
                    let prepared = PreparedOrder(product: order.product, request: order.request, label: label)
                    guard prepared.product == this.product(at: index), prepared.digest == this.digest(at: index) else {
                        check.changed = "\(label) is not the order the first pass checked"
                        return false
                    }
                    return await submit(prepared)
                }
                if check.changed == nil, result.hasErrors || (!result.stoppedEarly && result.orderCount != this.count) {
                    check.changed = "the scripts no longer make the orders the first pass checked"
                }
            }
        }
        changed = check.changed
        return summary
    }
}
