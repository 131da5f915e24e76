import CertCentral
import CertOrder
import Foundation
import OrderLanguage

/// What orders will cost and what the account holds, said before they are sent: from
/// `GET /product/pricing` and `GET /finance/balance`, or, when the account does not expose them
/// (a key without the finance permission, an API that does not serve them), plainly that.
package enum PriceQuote {
    /// What prices an order: its product and years, and whether the balance pays for it.
    package struct Item: Hashable, Sendable {
        var product: Product
        var years: Int
        var paidByBalance: Bool

        package init(_ product: Product, _ request: OrderRequest) {
            self.product = product
            years = request.validityYears ?? request.orderValidity?.years ?? 1
            paidByBalance = request.paymentMethod == nil || request.paymentMethod == "balance"
        }
    }

    /// Orders counted by ``Item``, in the order first seen: all a quote needs of a batch that
    /// is not held whole (a streamed `certorder send`).
    package struct Tally: Sendable {
        private(set) var items: [Item] = []
        private(set) var counts: [Item: Int] = [:]
        package init() {}

        package mutating func add(_ product: Product, _ request: OrderRequest) {
            let item = Item(product, request)
            if counts[item] == nil { items.append(item) }
            counts[item, default: 0] += 1
        }

        var total: Int { counts.values.reduce(0, +) }
    }

    /// The lines of the quote for `orders`:
    ///
    ///       price         2 × code_signing, 1 year: 948.00 USD
    ///       balance       10000.00 USD, 9052.00 USD after these orders
    package static func lines(for orders: [CompiledOrder], client: CertCentralClient) async -> String {
        var tally = Tally()
        for order in orders { tally.add(order.product, order.request) }
        return await lines(for: tally, client: client)
    }

    /// The lines of the quote for the orders `tally` counted.
    package static func lines(for tally: Tally, client: CertCentralClient) async -> String {
        let prices: [ProductPrice]
        do {
            prices = try await client.productPricing()
        } catch {
            return "  price         the account does not expose its prices (GET /product/pricing: \(reason(error)))"
        }
        var total: Decimal = 0
        var currency: String?
        var unpriced = 0
        var paidByBalance: Decimal = 0
        var lines: [String: Int] = [:]
        var order: [String] = []
        for item in tally.items {
            let count = tally.counts[item]!
            let key = "\(item.product.rawValue), \(DraftRenderer.count(item.years, "year"))"
            if lines[key] == nil { order.append(key) }
            lines[key, default: 0] += count
            guard let price = prices.first(where: { $0.nameID == item.product.nameID && $0.lifetime == item.years }) else {
                unpriced += count
                continue
            }
            total += price.cost * Decimal(count)
            currency = currency ?? price.currency
            if item.paidByBalance { paidByBalance += price.cost * Decimal(count) }
        }
        let what = order.map { "\(lines[$0]!) × \($0)" }.joined(separator: ", ")
        var out = "  price         \(what): \(MoneyAmount.text(total))" + (currency.map { " \($0)" } ?? "")
        if unpriced > 0 { out += " (\(unpriced) not in the account's price list)" }
        do {
            let balance = try await client.balance()
            out += "\n  balance       \(MoneyAmount.text(balance.balance)) \(balance.currency), \(MoneyAmount.text(balance.balance - paidByBalance)) \(balance.currency) after "
                + (tally.total == 1 ? "this order" : "these orders")
        } catch {
            out += "\n  balance       the account does not expose its balance (GET /finance/balance: \(reason(error)))"
        }
        return out
    }

    static func reason(_ error: CertCentralError) -> String {
        error.code ?? error.message.components(separatedBy: "\n").first ?? "\(error)"
    }

}
