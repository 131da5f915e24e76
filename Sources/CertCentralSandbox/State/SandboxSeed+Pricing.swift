import CertCentral
import CertOrder
import Foundation

/// The seed account's money: its prices and its opening balance. Both are our choice (DigiCert
/// publishes no sandbox prices); the shapes are `GET /product/pricing`'s and `GET
/// /finance/balance`'s.
extension SandboxSeed {
    /// The account's currency.
    static let currency = "USD"
    /// The balance a fresh sandbox starts with.
    static let openingBalance = Decimal(10_000)

    /// The price of `product` for `years` (1 to 3): a year of code signing 474.00, of EV code
    /// signing 699.00; longer orders are 10 % cheaper per year.
    static func price(_ product: Product, years: Int) -> Decimal {
        let yearly: Decimal = product == .codeSigningEV ? 699 : 474
        let years = max(1, min(years, 3))
        return years == 1 ? yearly : yearly * Decimal(years) * Decimal(string: "0.9")!
    }

    /// The years an order is priced for: its `validity_years` (or `order_validity.years`), else one.
    static func pricedYears(_ payload: OrderRequest) -> Int {
        payload.validityYears ?? payload.orderValidity?.years ?? 1
    }

    /// Whether an order is paid from the balance: its `payment_method` is `balance` or absent
    /// (the account's default).
    static func paidByBalance(_ payload: OrderRequest) -> Bool {
        payload.paymentMethod == nil || payload.paymentMethod == "balance"
    }

    /// `GET /product/pricing`'s `standard_prices`.
    static func pricingJSON() -> JSONValue {
        .object([
            "standard_prices": .array(Product.allCases.map { product in
                .object([
                    "group_name": .string("code_signing_certificate"),
                    "name_id": .string(product.nameID),
                    "prices": .array((1...3).map { years in
                        .object([
                            "lifetime": .int(years),
                            "cost": .string(MoneyAmount.text(price(product, years: years))),
                            "currency": .string(currency),
                        ])
                    }),
                ])
            }),
        ])
    }
}
