import CertOrder
import Crypto
import Foundation
import GRDB

/// What a batch streamed in constant memory needs of the journal: digests written without
/// building strings byte by byte, the batch's identity hashed as its orders go by, and the run
/// to record under, asked without a set of every digest.
extension OrderJournal {
    private typealias Columns = JournalEntry.Columns

    /// The lowercase hex of a SHA-256 digest: 64 ASCII bytes written straight into a string.
    /// (The map of `String(byte, radix:)` and `joined()` it replaces cost more than the hash
    /// itself: callgrind, 4 % of a batch send's instructions.)
    public static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        let digits: StaticString = "0123456789abcdef"
        return digits.withUTF8Buffer { digits in
            String(unsafeUninitializedCapacity: 64) { out in
                var i = 0
                for byte in bytes {
                    out[i] = digits[Int(byte >> 4)]
                    out[i + 1] = digits[Int(byte & 0x0f)]
                    i += 2
                }
                return i
            }
        }
    }

    /// The raw SHA-256 of `data` (32 bytes), for callers that keep many digests compactly.
    public static func rawDigest(of data: Data) -> [UInt8] { Array(SHA256.hash(data: data)) }

    /// ``batchRun(identity:digests:window:now:)`` for a batch too big to hold its digests as a
    /// set of strings: `covers` is asked whether a set of digests (those the latest run's
    /// entries hold) holds every order of the batch.
    public func batchRun(
        identity: String, covers: (Set<String>) -> Bool, window: TimeInterval = OrderJournal.duplicateWindow, now: Date = Date()
    ) async throws -> String {
        if let store { return try await store.batchRun(identity: identity, covers: covers, window: window, now: now) }
        // The reads on GRDB's queue; the caller's rule (not Sendable) after them, here.
        let prefix = identity + "-"
        let found: (latest: Int, covered: Set<String>?)? = try await database.read { db in
            let names = try String.fetchAll(
                db, sql: "SELECT DISTINCT batch FROM journal_entry WHERE substr(batch, 1, ?) = ?",
                arguments: [prefix.utf8.count, prefix])
            guard let latest = names.compactMap({ Int($0.dropFirst(prefix.count)) }).max() else { return nil }
            let name = prefix + String(latest)
            let blocking = JournalState.allCases.filter(\.mayHaveCreatedOrder)
            let entries = JournalEntry.filter(Columns.batch == name).filter(blocking.contains(Columns.state))
            let lastChange = try Int64.fetchOne(db, entries.select(max(Columns.updatedAt))) ?? 0
            guard lastChange < JournalTimestamp.milliseconds(now.addingTimeInterval(-window)) else { return (latest, nil) }
            return (latest, try String.fetchSet(db, entries.select(Columns.payloadDigest)))
        }
        guard let found else { return prefix + "1" }
        guard let covered = found.covered else { return prefix + String(found.latest) }
        return covers(covered) ? prefix + String(found.latest + 1) : prefix + String(found.latest)
    }
}

/// The identity of a batch (``OrderJournal`` run names start with it), hashed as its orders go
/// by: the same value as hashing the whole text `endpoint\nproduct digest\n…` at once.
public struct BatchIdentityHasher {
    private var hasher = SHA256()

    /// Starts the identity of a batch sent to `endpoint`.
    public init(endpoint: String) {
        hasher.update(data: Data((OrderJournal.storedEndpoint(endpoint) + "\n").utf8))
    }

    /// Adds the next order.
    public mutating func add(product: Product, digest: String) {
        hasher.update(data: Data((product.rawValue + " " + digest + "\n").utf8))
    }

    /// `batch-` and the first 32 hex digits of the hash.
    public func finish() -> String {
        "batch-" + OrderJournal.hex(hasher.finalize()).prefix(32)
    }
}
