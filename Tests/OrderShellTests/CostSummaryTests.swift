import CertOrder
import OrderLanguage
import OrderShell
import Testing

@Suite("The cost summary before a send")
struct CostSummaryTests {
    static func orders(_ script: String) async -> [CompiledOrder] {
        let compilation = await Compiler().compile(Source(name: "batch.order", text: script))
        #expect(!compilation.diagnostics.hasErrors, "\(compilation.diagnostics)")
        return compilation.orders
    }

    static let script = """
        recipe dev(name, country = "us") <
          order ev < certificate < hash sha256 >; organization 1; validity 1; provisioning ship_token
                     ship < name $name; addr1 "1 Main St"; city Richmond; state va; zip "23219"; country $country; method standard > >
        >
        use dev("Kim Lee")
        use dev("Ana Ruiz", "ca")
        use dev("Bo Chen")
        order cs < certificate < hash sha256 >; organization 1; validity 3; provisioning client_app; payment card >
        """

    @Test("one order: product, validity, provisioning, shipping, payment and endpoint")
    func single() async {
        let order = await Self.orders(Self.script)[0]
        #expect(CostSummary.single(order, endpoint: .sandbox) == """
            About to order:
              product       code_signing_ev
              validity      1 year
              provisioning  ship_token
              shipping      STANDARD to Kim Lee, Richmond US
              payment       balance (default)
              endpoint      sandbox
            """)
        let live = Connection.Target(name: "us")!
        #expect(CostSummary.single(order, endpoint: live).hasSuffix("endpoint      us  ← LIVE: this order costs money"))
    }

    @Test("a batch: each line counts the orders by value, most frequent first")
    func batch() async {
        #expect(CostSummary.batch(await Self.orders(Self.script), endpoint: Connection.Target(name: "eu")!) == """
            About to send 4 orders:
              product       3 × code_signing_ev, 1 × code_signing
              validity      3 × 1 year, 1 × 3 years
              provisioning  3 × ship_token, 1 × client_app
              shipping      2 × STANDARD to US, 1 × STANDARD to CA, 1 × none
              payment       3 × balance (default), 1 × card
              endpoint      eu  ← LIVE: these orders cost money
            """)
    }
}
