import CertOrder
import OrderLanguage

/// ``CostSummary/batch(_:endpoint:)`` counted as the orders go by, for a batch that is not held
/// whole (`certorder send` of a streamed batch): a few counters per distinct value.
package struct CostTally: Sendable {
    /// One line's counts: value → count, and the values in the order first seen.
    private struct Line: Sendable {
        var counts: [String: Int] = [:]
        var firstSeen: [String] = []

        mutating func add(_ key: String) {
            if counts[key] == nil { firstSeen.append(key) }
            counts[key, default: 0] += 1
        }

        /// Most frequent first; ties keep the order of the script.
        var text: String {
            let ranked = firstSeen.enumerated().sorted { a, b in
                counts[a.element]! != counts[b.element]! ? counts[a.element]! > counts[b.element]! : a.offset < b.offset
            }
            return ranked.map { "\(counts[$0.element]!) × \($0.element)" }.joined(separator: ", ")
        }
    }

    private var count = 0
    /// The orders as a price quote counts them (``PriceQuote``).
    package private(set) var priced = PriceQuote.Tally()
    private var product = Line(), validity = Line(), provisioning = Line(), shipping = Line(), payment = Line()

    package init() {}

    package mutating func add(product: Product, request r: OrderRequest) {
        count += 1
        priced.add(product, r)
        self.product.add(product.rawValue)
        validity.add(CostSummary.validity(r))
        provisioning.add(CostSummary.provisioning(r))
        shipping.add(r.shipInfo.map { "\($0.method ?? "?") to \($0.country?.uppercased() ?? "?")" } ?? "none")
        payment.add(CostSummary.payment(r))
    }

    /// The summary, as ``CostSummary/batch(_:endpoint:)`` gives it.
    package func text(endpoint: Connection.Target) -> String {
        """
        About to send \(DraftRenderer.count(count, "order")):
          product       \(product.text)
          validity      \(validity.text)
          provisioning  \(provisioning.text)
          shipping      \(shipping.text)
          payment       \(payment.text)
          endpoint      \(CostSummary.endpointLine(endpoint, plural: true))
        """
    }
}
