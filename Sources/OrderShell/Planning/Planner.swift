import CertOrder
import Foundation
import OrderLanguage

/// Decides each declared order's action from its chain: the pure part of `plan`, with no I/O
/// (``OrderSession/makePlan(_:renewWithin:)`` reads the journal and the account for it).
package struct Planner: Sendable {
    /// The renewal window when neither the order nor `--renew-within` says: 30 days.
    package static let defaultRenewWithin = 30

    /// Days before expiry within which a certificate is renewed.
    package var renewWithin: Int
    /// The date expiry is judged against (the sandbox's clock on a sandbox).
    package var now: Date

    package init(renewWithin: Int = defaultRenewWithin, now: Date = Date()) {
        self.renewWithin = renewWithin
        self.now = now
    }

    /// The orders' actions, in the scripts' order. `problems` holds, by index in `orders`, the
    /// errors that block an order (the validator's, the account's required fields, a leaked key).
    package func plan(_ orders: [DeclaredOrder], chains: OrderChains, problems: [Int: String] = [:]) -> [PlanAction] {
        var labelsByName: [String: [String]] = [:]
        for order in orders { if let name = order.name { labelsByName[name, default: []].append(order.label) } }
        return orders.enumerated().map { index, declared in
            guard let name = declared.name else {
                return PlanAction(.undeclared, name: nil, label: declared.label,
                                  reason: "no alternative_order_id: apply places only named orders; name it, or use send")
            }
            if let problem = DeclaredName.problem(name) {
                return PlanAction(.blocked, name: name, label: declared.label, reason: problem)
            }
            if let labels = labelsByName[name], labels.count > 1 {
                return PlanAction(.blocked, name: name, label: declared.label,
                                  reason: "the name is declared \(labels.count) times (\(labels.joined(separator: ", "))); each order needs its own")
            }
            if let problem = problems[index] {
                return PlanAction(.blocked, name: name, label: declared.label, reason: problem)
            }
            let latest = chains.latest(name)
            if let unsettled = chains.unsettled[name] {
                return PlanAction(.blocked, name: name, label: declared.label, orderID: latest?.orderID, reason: unsettled)
            }
            guard let latest else {
                var order = declared.order
                order.request.alternativeOrderID = name
                return PlanAction(.place, name: name, label: declared.label, order: order)
            }
            return action(for: declared, name: name, latest: latest)
        }
    }

    private func action(for declared: DeclaredOrder, name: String, latest: ChainLink) -> PlanAction {
        var action = PlanAction(.keep, name: name, label: declared.label, orderID: latest.orderID,
                                certificateID: latest.certificateID, validTill: latest.validTill)
        let what = latest.generation == 0 ? "order \(latest.orderID)" : "renewal \(latest.generation) (order \(latest.orderID))"
        let window = declared.renewWithin ?? renewWithin
        switch latest.status ?? "unknown" {
        case "issued":
            guard let till = latest.validTill, let end = Validator.parseDate(till) else {
                action.reason = "\(what) is issued; its certificate's validity end is not known"
                return action
            }
            let days = Int((end.timeIntervalSince(now) / 86_400).rounded(.down))
            if days > window {
                action.reason = "\(days) days left"
                return action
            }
            action.kind = .renew
            action.reason = days < 0 ? "expired \(-days) days ago" : "expires in \(days) days (renewal window \(window) days)"
            action.order = renewal(of: declared, name: name, latest: latest)
        case "expired":
            action.kind = .renew
            action.reason = "\(what) has expired"
            action.order = renewal(of: declared, name: name, latest: latest)
        case "rejected", "canceled", "revoked":
            action.kind = .blocked
            action.reason = "\(what) is \(latest.status!): it has no certificate to keep or renew; "
                + "give the order a new name to place it anew"
        default:
            action.kind = .wait
            action.reason = "\(what) is \(latest.status ?? "of unknown status")"
        }
        return action
    }

    /// The renewal `apply` sends: the declared order, with the next link's alternative id and
    /// `renewal_of_order_id` naming the order it renews.
    private func renewal(of declared: DeclaredOrder, name: String, latest: ChainLink) -> CompiledOrder {
        var order = declared.order
        order.request.alternativeOrderID = DeclaredName.alternativeID(name, generation: latest.generation + 1)
        order.request.renewalOfOrderID = latest.orderID
        return order
    }
}
