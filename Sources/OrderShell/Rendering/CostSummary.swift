import CertOrder
import OrderLanguage

/// What an order will cost, shown before it is sent on a terminal: product, validity,
/// provisioning, shipping, payment and the endpoint (marked when it is live).
package enum CostSummary {
    /// The summary of one order.
    package static func single(_ order: CompiledOrder, endpoint: Connection.Target) -> String {
        let r = order.request
        return """
        About to order:
          product       \(order.product.rawValue)
          validity      \(validity(r))
          provisioning  \(provisioning(r))
          shipping      \(r.shipInfo.map { "\($0.method ?? "?") to \($0.name ?? "?"), \($0.city ?? "?") \($0.country?.uppercased() ?? "")" } ?? "none")
          payment       \(payment(r))
          endpoint      \(endpointLine(endpoint))
        """
    }

    /// The summary of a batch: each line counts the orders by value, most frequent first.
    package static func batch(_ orders: [CompiledOrder], endpoint: Connection.Target) -> String {
        func tally(_ value: (CompiledOrder) -> String) -> String {
            var counts: [String: Int] = [:]
            var firstSeen: [String] = []
            for order in orders {
                let key = value(order)
                if counts[key] == nil { firstSeen.append(key) }
                counts[key, default: 0] += 1
            }
            // Most frequent first; ties keep the order of the script.
            let ranked = firstSeen.enumerated().sorted { a, b in
                counts[a.element]! != counts[b.element]! ? counts[a.element]! > counts[b.element]! : a.offset < b.offset
            }
            return ranked.map { "\(counts[$0.element]!) × \($0.element)" }.joined(separator: ", ")
        }
        return """
        About to send \(DraftRenderer.count(orders.count, "order")):
          product       \(tally { $0.product.rawValue })
          validity      \(tally { validity($0.request) })
          provisioning  \(tally { provisioning($0.request) })
          shipping      \(tally { $0.request.shipInfo.map { "\($0.method ?? "?") to \($0.country?.uppercased() ?? "?")" } ?? "none" })
          payment       \(tally { payment($0.request) })
          endpoint      \(endpointLine(endpoint, plural: true))
        """
    }

    static func validity(_ r: OrderRequest) -> String {
        if let years = r.validityYears ?? r.orderValidity?.years { return DraftRenderer.count(years, "year") }
        if let days = r.orderValidity?.days { return DraftRenderer.count(days, "day") }
        if let date = r.customExpirationDate { return "until \(date)" }
        return "(none)"
    }

    static func provisioning(_ r: OrderRequest) -> String { r.provisioningMethod ?? "account default" }

    static func payment(_ r: OrderRequest) -> String { r.paymentMethod ?? "balance (default)" }

    static func endpointLine(_ endpoint: Connection.Target, plural: Bool = false) -> String {
        "\(endpoint.name)\(endpoint.isLive ? "  ← LIVE: \(plural ? "these orders cost" : "this order costs") money" : "")"
    }
}
