import CertOrder
import Foundation
import OrderJournal

/// An order made ready to send, once: its canonical body (compact, without a generated
/// alternative order id) encoded once and hashed once. The journal entry, the duplicate guard,
/// the batch's identity and the request all use these bytes and this digest; the body sent is
/// the canonical one with the generated id appended (``OrderSender/sentPayload(canonical:generatedAlternativeID:)``),
/// not the order encoded again.
package struct PreparedOrder: Sendable {
    package var product: Product
    /// The request, for the checks that read fields (the secret guard, required custom fields).
    package var request: OrderRequest
    /// Where it was made (`batch.order:12 (in row 3 of devs.csv (line 4))`).
    package var label: String?
    /// ``OrderSender/canonicalPayload(_:)`` of the request.
    package var canonical: Data
    /// ``OrderJournal/digest(of:)`` of ``canonical``.
    package var digest: String

    package init(product: Product, request: OrderRequest, label: String? = nil) {
        self.product = product
        self.request = request
        self.label = label
        canonical = OrderSender.canonicalPayload(request)
        digest = OrderJournal.digest(of: canonical)
    }
}
