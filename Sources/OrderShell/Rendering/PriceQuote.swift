import CertCentral
import CertOrder
import Foundation
import OrderLanguage

/// What orders will cost and what the account holds, said before they are sent: from
/// `GET /product/pricing` and `GET /finance/balance`, or, when the account does not expose them
/// (a key without the finance permission, an API that does not serve them), plainly that.
package enum PriceQuote {
    /// The lines of the quote for `orders`:
    ///
    ///       price         2 × code_signing, 1 year: 948.00 USD
    ///       balance       10000.00 USD, 9052.00 USD after these orders
    package static func lines(for orders: [CompiledOrder], client: CertCentralClient) async -> String {
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
        var tally: [String: Int] = [:]
        var order: [String] = []
        for compiled in orders {
            let years = compiled.request.validityYears ?? compiled.request.orderValidity?.years ?? 1
            let key = "\(compiled.product.rawValue), \(DraftRenderer.count(years, "year"))"
            if tally[key] == nil { order.append(key) }
            tally[key, default: 0] += 1
            guard let price = prices.first(where: { $0.nameID == compiled.product.nameID && $0.lifetime == years }) else {
                unpriced += 1
                continue
            }
            total += price.cost
            currency = currency ?? price.currency
            if compiled.request.paymentMethod == nil || compiled.request.paymentMethod == "balance" { paidByBalance += price.cost }
        }
        let what = order.map { "\(tally[$0]!) × \($0)" }.joined(separator: ", ")
        var out = "  price         \(what): \(money(total))" + (currency.map { " \($0)" } ?? "")
        if unpriced > 0 { out += " (\(unpriced) not in the account's price list)" }
        do {
            let balance = try await client.balance()
            out += "\n  balance       \(money(balance.balance)) \(balance.currency), \(money(balance.balance - paidByBalance)) \(balance.currency) after "
                + (orders.count == 1 ? "this order" : "these orders")
        } catch {
            out += "\n  balance       the account does not expose its balance (GET /finance/balance: \(reason(error)))"
        }
        return out
    }

    static func reason(_ error: CertCentralError) -> String {
        error.code ?? error.message.components(separatedBy: "\n").first ?? "\(error)"
    }

    /// `948.00`.
    static func money(_ amount: Decimal) -> String {
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.minimumFractionDigits = 2
        formatter.maximumFractionDigits = 2
        formatter.usesGroupingSeparator = false
        return formatter.string(from: rounded as NSDecimalNumber) ?? "\(rounded)"
    }
}
