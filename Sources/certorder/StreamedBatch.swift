import CertCentral
import CertOrder
import Foundation
import OrderJournal
import OrderLanguage
import OrderShell
#if canImport(Glibc)
import Glibc
#endif

/// A batch `certorder send` sends without holding it: the scripts are compiled twice, each time
/// handing on one order at a time, so memory stays flat from 1,000 to 100,000 orders.
///
/// The first pass (``check(_:compiler:console:endpoint:)``) validates every order and keeps only
/// what the rest needs: the diagnostics, the count, the batch's identity (hashed as the orders
/// come), each order's product and the first 8 bytes of its canonical digest (9 bytes an order),
/// and the tallies of the confirmation's cost summary. An error anywhere still blocks the
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
    /// Each order's product (its index in `Product.allCases`) and the first 8 bytes of its raw
    /// SHA-256: 9 bytes an order (900 KB for 100,000). 64 bits tell an edited order from the one
    /// checked (and a run's entries from another batch's) with a chance of a mistake of 2⁻⁶⁴; the
    /// batch's identity, which the journal keeps, is hashed from the whole digests.
    private var records: [UInt8] = []
    /// The batch's identity on the endpoint given to the first pass (``OrderSender/batchIdentity(endpoint:orders:)``).
    private(set) var identity = ""
    /// The confirmation's cost summary, counted.
    private(set) var tally = CostTally()
    /// Every diagnostic of the first pass (the language's, the validator's, the secret guard's).
    private(set) var diagnostics: [LanguageDiagnostic] = []
    /// What the orders need looked up on the account before they are sent.
    private(set) var accountNeeds = AccountNeeds()
    /// Set when the sending pass found an order that is not the one checked.
    private(set) var changed: String?

    private static let products = Array(Product.allCases)
    private static let recordSize = 9
    private static let prefixSize = recordSize - 1

    /// The first pass: every order compiled, validated and checked against the session's
    /// secrets (SecretGuard's `compile`), then dropped. `endpoint` names where the batch goes,
    /// for its identity.
    static func check(_ sources: [Source], compiler: Compiler, console: Console, endpoint: String) async -> StreamedBatch {
        final class Box: @unchecked Sendable {
            var batch: StreamedBatch
            var hasher: BatchIdentityHasher
            init(_ b: StreamedBatch, endpoint: String) { batch = b; hasher = BatchIdentityHasher(endpoint: endpoint) }
        }
        let box = Box(StreamedBatch(sources: sources, compiler: compiler), endpoint: endpoint)
        var leaks: [LanguageDiagnostic] = []
        let redactor = console.redactor
        let result = await compiler.compile(sources) { order, _, _ in
            for leak in redactor.diagnostics(for: order.request) {
                var located = order.locate(leak)
                located.path = nil
                leaks.append(located)
            }
            let canonical = OrderSender.canonicalPayload(order.request)
            let digest = OrderJournal.rawDigest(of: canonical)
            box.batch.records.append(UInt8(Self.products.firstIndex(of: order.product)!))
            box.batch.records.append(contentsOf: digest.prefix(Self.prefixSize))
            box.hasher.add(product: order.product, digest: OrderJournal.hex(digest))
            box.batch.tally.add(product: order.product, request: order.request)
            box.batch.accountNeeds.add(order.request)
            box.batch.count += 1
            return true
        }
        var batch = box.batch
        batch.identity = box.hasher.finish()
        batch.diagnostics = result.diagnostics + leaks
        Self.releaseFreedMemory()
        return batch
    }

    /// What the first pass freed (the CSV text and its copies, each order's values) goes back
    /// to the system before the sending pass, rather than staying in glibc's arenas under the
    /// sending pass's own: the peak is then the larger pass, not their sum. glibc's
    /// `malloc_trim`, looked up at run time (the Glibc module does not export `malloc.h`).
    private static func releaseFreedMemory() {
        #if canImport(Glibc)
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }

    private func product(at index: Int) -> Product { Self.products[Int(records[index * Self.recordSize])] }
    /// The first 16 hex digits of the order's digest.
    private func digestPrefix(at index: Int) -> String {
        let start = index * Self.recordSize + 1
        return OrderJournal.hex(records[start..<start + Self.prefixSize])
    }

    /// Whether `covered` (whole hex digests) holds every order's digest.
    func isCovered(by covered: Set<String>) -> Bool {
        let prefixes = Set(covered.map { $0.prefix(2 * Self.prefixSize) })
        return (0..<count).allSatisfy { prefixes.contains(Substring(digestPrefix(at: $0))) }
    }

    /// The run to record the batch under (as `SendCommand` names a held batch).
    func runName(sender: OrderSender) async -> String {
        // Without a readable journal the sends fail before anything leaves; the name then matters not.
        return (try? await sender.journal.batchRun(identity: identity, covers: isCovered(by:))) ?? "\(identity)-1"
    }

    /// Every order the account's facts block (a required custom field missing, the
    /// organisation not validated, no verified contact), located: a third pass, only when the
    /// facts can block any order.
    func blocking(_ facts: AccountFacts) async -> [LanguageDiagnostic] {
        guard facts.mayBlock else { return [] }
        final class Found: @unchecked Sendable { var diagnostics: [LanguageDiagnostic] = [] }
        let found = Found()
        _ = await compiler.compile(sources, validating: false) { order, _, _ in
            found.diagnostics += facts.blocking(product: order.product, request: order.request).map(order.locate)
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
                    guard prepared.product == this.product(at: index), prepared.digest.hasPrefix(this.digestPrefix(at: index)) else {
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
