import CertCentral
import CertOrder
import Foundation
import HTTPTypes
import Hummingbird

/// The account's money: prices and balance.
extension SandboxRoutes {
    /// `GET /product/pricing`: `{"standard_prices": [{group_name, name_id, prices[{lifetime, cost, currency}]}]}`.
    @Sendable func productPricing(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        SandboxResponse.json(SandboxSeed.pricingJSON())
    }

    /// `GET /finance/balance`: `{"balance", "currency", "unpaid_invoice_balance",
    /// "negative_balance_limit", "total_available_funds"}`; the balance goes down with each
    /// order paid by balance (``SandboxStore/balance``).
    @Sendable func balance(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let balance = await store.balance
        return SandboxResponse.json(.object([
            "balance": .string(MoneyAmount.text(balance)),
            "currency": .string(SandboxSeed.currency),
            "unpaid_invoice_balance": .string("0.00"),
            "negative_balance_limit": .string("0.00"),
            "total_available_funds": .string(MoneyAmount.text(max(balance, 0))),
        ]))
    }
}
