import CertCentral
import CertCentralSandbox
import CertOrder
import Foundation
import Testing
import TestSupport

/// Prices and balance through the client, against the sandbox.
@Suite("Pricing and balance")
struct FinanceTests {
    @Test("GET /product/pricing lists each product's prices; GET /finance/balance goes down with each order paid by balance")
    func pricesAndBalance() async throws {
        try await withSandbox({ $0.approval = .auto }) { sandbox, client in
            let prices = try await client.productPricing()
            #expect(prices.count == 6)
            #expect(prices.first { $0.nameID == "code_signing" && $0.lifetime == 1 } == ProductPrice(nameID: "code_signing", lifetime: 1, cost: 474, currency: "USD"))
            #expect(prices.first { $0.nameID == "code_signing_ev" && $0.lifetime == 1 }?.cost == 699)
            #expect(try await client.balance() == AccountBalance(balance: 10_000, currency: "USD", totalAvailableFunds: 10_000))

            _ = try await client.placeOrder(try SandboxLifecycleTests.emailOrder(), product: .codeSigning)
            #expect(try await client.balance().balance == 10_000 - 474)
            // Two years: 10 % less a year.
            _ = try await client.placeOrder(try SandboxLifecycleTests.emailOrder(validityYears: 2), product: .codeSigning)
            #expect(try await client.balance().balance == Decimal(string: "8672.80")!)
        }
    }

    @Test("the sandbox's clock is the now of a loopback endpoint; other endpoints have none")
    func sandboxNow() async throws {
        try await withSandbox({ _ in }) { sandbox, client in
            let before = try #require(await client.sandboxNow())
            #expect(abs(before.timeIntervalSinceNow) < 3600)
            let us = try CertCentralClient(endpoint: .us, apiKey: "k")
            #expect(await us.sandboxNow() == nil)
        }
    }
}
