import CertOrder
import OrderLanguage

/// One order of the scripts `plan` and `apply` read: its name when it is declared (its
/// `alternative_order_id`), where it was written, and the order itself.
package struct DeclaredOrder: Sendable {
    /// The order's name (its `alternative_order_id`); `nil` for an undeclared order, which
    /// `plan` lists and `apply` refuses (`send` places those).
    package var name: String? { order.request.alternativeOrderID }
    /// Where the order was made (`certs.order:12`).
    package var label: String
    package var order: CompiledOrder
    /// Days before expiry within which the order is renewed, when the order says (its
    /// `renew_within N days` statement); else the plan's window (`--renew-within`, or 30 days).
    package var renewWithin: Int?

    /// - Parameter renewWithin: The order's own window; by default what its script says.
    package init(label: String, order: CompiledOrder, renewWithin: Int? = nil) {
        self.label = label
        self.order = order
        self.renewWithin = renewWithin ?? order.renewWithin
    }
}
