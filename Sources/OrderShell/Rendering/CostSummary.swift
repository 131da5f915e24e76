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
        var tally = CostTally()
        for order in orders { tally.add(product: order.product, request: order.request) }
        return tally.text(endpoint: endpoint)
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
