import CertOrder

/// The "varied orders" workload shared by the Swift and Python sides of `scripts/bench`:
/// order `i` is the same payload in both (see scripts/bench.d/orders.py).
enum OrderWorkload {
    static let cities = ["Richmond", "Zürich", "Lyon", "Austin", "Osaka"]

    static func order(_ i: Int) -> Order {
        Order(i % 2 == 0 ? .codeSigningEV : .codeSigning) {
            Certificate {
                Hash(.sha256)
                Platform(i % 7 == 0 ? -1 : 52)
                if i % 5 == 0 { OrganizationUnits("Engineering", "Team \(i % 13)") }
            }
            Provisioning(.shipToken)
            Validity(years: 1 + i % 3)
            Comments("Order \(i) for \"release\" – ünïcode")
            SkipApproval(i % 3 == 0)
            Organization(100_000 + i % 1000)
            Container(654_321)
            Ship(to: Address(name: "Developer \(i)", addr1: "\(i) Main Street", addr2: i % 4 == 0 ? "Floor \(i % 90)" : nil,
                             city: cities[i % cities.count], state: "va", zip: String(10_000 + i % 90_000), country: "us"),
                 method: i % 10 == 0 ? .expedited : .standard)
            AutoRenew(i % 2)
            CustomField(12, String(i))
            Payment(.balance)
        }
    }
}
