import CertOrder
import Foundation

/// The first half of a journal entry: what is about to be sent, recorded before it is sent.
public struct JournalIntent: Sendable, Equatable {
    /// Where the order goes: `sandbox`, `us`, `eu` or a base URL. Credentials, query and
    /// fragment are stripped from a URL before it is stored (see ``OrderJournal/storedEndpoint(_:)``).
    public var endpoint: String
    /// The product.
    public var product: Product
    /// The exact bytes of the request body.
    public var payload: Data
    /// The payload that identifies the order for the duplicate guard: the payload without an
    /// auto-generated `alternative_order_id`. Nil when ``payload`` is already canonical.
    public var canonicalPayload: Data?
    /// The `alternative_order_id` the payload carries, used to reconcile an `unknown` entry.
    public var alternativeOrderID: String
    /// An optional id shared by the sends of one batch or run.
    public var batch: String?
    /// An optional human label, for example `file.order:12`.
    public var label: String?
    /// The caller's ``OrderJournal/digest(of:)`` of the canonical payload, when it has one
    /// already (a batch hashes each body once, for its identity and its journal entry).
    public var knownDigest: String?

    /// Creates an intent.
    public init(
        endpoint: String,
        product: Product,
        payload: Data,
        canonicalPayload: Data? = nil,
        alternativeOrderID: String,
        batch: String? = nil,
        label: String? = nil
    ) {
        self.endpoint = endpoint
        self.product = product
        self.payload = payload
        self.canonicalPayload = canonicalPayload
        self.alternativeOrderID = alternativeOrderID
        self.batch = batch
        self.label = label
    }

    /// The hex SHA-256 of the canonical payload (``canonicalPayload``, else ``payload``).
    public var payloadDigest: String {
        knownDigest ?? OrderJournal.digest(of: canonicalPayload ?? payload)
    }
}
