import CertOrder
import Foundation
import OrderLanguage

/// What `apply` would do for one order of the scripts.
package struct PlanAction: Sendable {
    package enum Kind: String, Sendable, CaseIterable {
        /// Nothing is placed for the name yet: place it.
        case place
        /// Placed, and its certificate (or its pending order) is good beyond the renewal window.
        case keep
        /// Its certificate expires within the renewal window (or has expired): place a renewal.
        case renew
        /// Placed, not issued yet: nothing to do but wait.
        case wait
        /// Cannot be planned: an error in the order, a send to settle first, an order that
        /// ended without a certificate.
        case blocked
        /// The order has no name (`alternative_order_id`): `apply` does not place it; `send` does.
        case undeclared

        /// Whether `apply` changes something for it.
        package var changes: Bool { self == .place || self == .renew }
    }

    package var kind: Kind
    /// The order's name; `nil` when undeclared.
    package var name: String?
    /// Where the order was made (`certs.order:12`).
    package var label: String
    /// The order the action is about: the latest of the name's chain (the one renewed, kept or
    /// waited for).
    package var orderID: Int?
    package var certificateID: Int?
    package var validTill: String?
    /// Why (for `keep`, `renew`, `wait` and `blocked`).
    package var reason: String?
    /// What `apply` sends for `place` and `renew`: the order with its alternative id (and, for a
    /// renewal, `renewal_of_order_id`).
    package var order: CompiledOrder?

    package init(_ kind: Kind, name: String?, label: String, orderID: Int? = nil, certificateID: Int? = nil,
                 validTill: String? = nil, reason: String? = nil, order: CompiledOrder? = nil) {
        self.kind = kind
        self.name = name
        self.label = label
        self.orderID = orderID
        self.certificateID = certificateID
        self.validTill = validTill
        self.reason = reason
        self.order = order
    }
}
