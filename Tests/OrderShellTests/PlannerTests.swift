import CertOrder
import Foundation
import OrderLanguage
import Testing
@testable import OrderShell

/// The planner's decisions, from chains given outright (no journal, no account).
@Suite("Planner")
struct PlannerTests {
    static let now = Validator.parseDate("2027-06-01")!

    static func declared(_ name: String?, label: String = "certs.order:1", renewWithin: Int? = nil) -> DeclaredOrder {
        var request = OrderRequest()
        request.alternativeOrderID = name
        let source = Source(name: "certs.order", text: "order cs < >\n")
        let order = CompiledOrder(product: .codeSigning, request: request, orderRange: SourceRange(source: source, start: 0, end: 5))
        return DeclaredOrder(label: label, order: order, renewWithin: renewWithin)
    }

    static func chains(_ links: [String: [ChainLink]]) -> OrderChains {
        var chains = OrderChains()
        chains.links = links
        return chains
    }

    @Test("derived ids: the name, then NAME~rN; parsing gives the name and the generation back")
    func derivedIDs() {
        #expect(DeclaredName.alternativeID("release", generation: 0) == "release")
        #expect(DeclaredName.alternativeID("release", generation: 2) == "release~r2")
        #expect(DeclaredName.parse("release~r2") == ("release", 2))
        #expect(DeclaredName.parse("release") == ("release", 0))
        #expect(DeclaredName.parse("release~rx") == ("release~rx", 0))
        #expect(DeclaredName.problem(String(repeating: "a", count: 61))
                == "the name '\(String(repeating: "a", count: 61))' is 61 characters; a declared order's name is at most 60, so its renewals' ids fit in 64")
    }

    @Test("renewal window: renew at 30 days left and below, keep above; the order's own window wins; an expired certificate renews")
    func window() {
        let planner = Planner(renewWithin: 30, now: Self.now)
        func action(_ till: String, status: String = "issued", renewWithin: Int? = nil) -> PlanAction {
            let link = ChainLink(alternativeID: "r", generation: 0, orderID: 100, status: status, certificateID: 7, validTill: till)
            return planner.plan([Self.declared("r", renewWithin: renewWithin)], chains: Self.chains(["r": [link]]))[0]
        }
        #expect(action("2027-07-01").kind == .renew)
        #expect(action("2027-07-01").reason == "expires in 30 days (renewal window 30 days)")
        #expect(action("2027-07-02").kind == .keep)
        #expect(action("2027-07-02").reason == "31 days left")
        #expect(action("2027-07-02", renewWithin: 45).kind == .renew)
        #expect(action("2027-05-01").reason == "expired 31 days ago")
        #expect(action("2027-05-01", status: "expired").reason == "order 100 has expired")
        // The renewal carries the next id and names the order it renews.
        let renewal = action("2027-06-10").order?.request
        #expect(renewal?.alternativeOrderID == "r~r1")
        #expect(renewal?.renewalOfOrderID == 100)
    }

    @Test("the latest link decides: a pending renewal waits; a rejected or revoked one blocks; unsettled sends block")
    func latestLink() {
        let planner = Planner(now: Self.now)
        let issued = ChainLink(alternativeID: "r", generation: 0, orderID: 100, status: "issued", certificateID: 7, validTill: "2027-06-10")
        let pending = ChainLink(alternativeID: "r~r1", generation: 1, orderID: 101, status: "pending", certificateID: 8)
        let waiting = planner.plan([Self.declared("r")], chains: Self.chains(["r": [issued, pending]]))[0]
        #expect(waiting.kind == .wait)
        #expect(waiting.orderID == 101)
        #expect(waiting.reason == "renewal 1 (order 101) is pending")
        var rejected = pending
        rejected.status = "rejected"
        let blocked = planner.plan([Self.declared("r")], chains: Self.chains(["r": [issued, rejected]]))[0]
        #expect(blocked.kind == .blocked)
        #expect(blocked.reason == "renewal 1 (order 101) is rejected: it has no certificate to keep or renew; give the order a new name to place it anew")
        var chains = Self.chains([:])
        chains.unsettled["r"] = "journal #3 (r) has an unknown outcome; run 'certorder reconcile' first"
        #expect(planner.plan([Self.declared("r")], chains: chains)[0].reason == "journal #3 (r) has an unknown outcome; run 'certorder reconcile' first")
    }

    @Test("a name declared twice blocks both; an order without a name is undeclared; errors block with their message")
    func declarations() {
        let planner = Planner(now: Self.now)
        let actions = planner.plan([Self.declared("r", label: "a.order:1"), Self.declared("r", label: "b.order:1"), Self.declared(nil, label: "c.order:4"),
                                    Self.declared("s", label: "d.order:1")],
                                   chains: Self.chains([:]), problems: [3: "validity_years must be 1, 2 or 3; got 9"])
        #expect(actions.map(\.kind) == [.blocked, .blocked, .undeclared, .blocked])
        #expect(actions[0].reason == "the name is declared 2 times (a.order:1, b.order:1); each order needs its own")
        #expect(actions[3].reason == "validity_years must be 1, 2 or 3; got 9")
        let plan = Plan(actions: actions, endpoint: "sandbox")
        #expect(plan.exitCode == 65)
        #expect(Plan(actions: [], endpoint: "sandbox").exitCode == 0)
        #expect(Plan(actions: planner.plan([Self.declared("s")], chains: Self.chains([:])), endpoint: "sandbox").exitCode == 2)
    }
}
