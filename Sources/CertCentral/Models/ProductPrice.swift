import CertOrder
import Foundation

/// One price of `GET /product/pricing`: what a product costs for a number of years.
public struct ProductPrice: Codable, Hashable, Sendable {
    /// The product's `name_id` (`code_signing`, `code_signing_ev`).
    public var nameID: String
    /// The years the price covers (`lifetime`).
    public var lifetime: Int
    /// The cost, as the API writes it (`474.00`).
    public var cost: Decimal
    /// `USD`, `EUR`, …
    public var currency: String

    public init(nameID: String, lifetime: Int, cost: Decimal, currency: String) {
        self.nameID = nameID
        self.lifetime = lifetime
        self.cost = cost
        self.currency = currency
    }

    /// The answer's `standard_prices[{group_name, name_id, prices[{lifetime, cost, currency}]}]`,
    /// flattened: one ``ProductPrice`` per product and lifetime. Unreadable entries are skipped.
    static func decode(_ data: Data) -> [ProductPrice] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let groups = object["standard_prices"] as? [[String: Any]] else { return [] }
        var out: [ProductPrice] = []
        for group in groups {
            guard let nameID = group["name_id"] as? String, let prices = group["prices"] as? [[String: Any]] else { continue }
            for price in prices {
                guard let lifetime = (price["lifetime"] as? NSNumber)?.intValue ?? (price["lifetime"] as? String).flatMap({ Int($0) }),
                      let cost = Self.decimal(price["cost"]) else { continue }
                out.append(ProductPrice(nameID: nameID, lifetime: lifetime, cost: cost, currency: price["currency"] as? String ?? "USD"))
            }
        }
        return out
    }

    /// A money amount written as a number or a string (`474`, `"474.00"`).
    static func decimal(_ value: Any?) -> Decimal? {
        if let text = value as? String { return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) }
        if let number = value as? NSNumber, !(value is Bool) { return Decimal(string: number.stringValue, locale: Locale(identifier: "en_US_POSIX")) }
        return nil
    }
}

/// `GET /finance/balance`: the account's funds.
public struct AccountBalance: Hashable, Sendable {
    /// The balance (`balance`).
    public var balance: Decimal
    /// `USD`, `EUR`, …
    public var currency: String
    /// What may still be spent, counting the negative balance allowed (`total_available_funds`),
    /// when the answer says it.
    public var totalAvailableFunds: Decimal?

    public init(balance: Decimal, currency: String, totalAvailableFunds: Decimal? = nil) {
        self.balance = balance
        self.currency = currency
        self.totalAvailableFunds = totalAvailableFunds
    }

    static func decode(_ data: Data) -> AccountBalance? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let balance = ProductPrice.decimal(object["balance"]) else { return nil }
        return AccountBalance(balance: balance, currency: object["currency"] as? String ?? "USD",
                              totalAvailableFunds: ProductPrice.decimal(object["total_available_funds"]))
    }
}
