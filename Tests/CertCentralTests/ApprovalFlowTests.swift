import CertCentral
import CertCentralSandbox
import CertOrder
import Foundation
import Testing
import TestSupport

/// Each approval workflow end to end over HTTP: send → status → approve → issued.
@Suite("Approval flows")
struct ApprovalFlowTests {
    @Test("one-step: pending, one approval, issued")
    func oneStep() async throws {
        try await withSandbox({ $0.approval = .oneStep }) { _, client in
            let placed = try await client.placeOrder(try orderNeedingApproval(), product: .codeSigningEV)
            #expect(placed.requests.map(\.status) == ["pending"])
            #expect(placed.certificateID == nil)

            var info = try await client.orderInfo(id: placed.id)
            #expect(info.status == "needs_approval")
            #expect(info.certificateID == nil)
            #expect(info.product?.product == .codeSigningEV)
            #expect(info.organization == Reference(id: 123456, name: "Example Org"))
            #expect(info.container == Reference(id: 654321, name: "Example Org"))
            #expect(info.requests.map(\.status) == ["pending"])
            #expect(info.customFields == [CustomFieldEntry(metadataID: 12, label: "Cost center", value: "123456")])
            #expect(info.shipInfo?.method == "EXPEDITED")
            #expect(try await client.requestInfo(id: placed.requests[0].id).status == "pending")

            try await client.updateRequestStatus(id: placed.requests[0].id, .approved, comment: "ok")
            let request = try await client.requestInfo(id: placed.requests[0].id)
            #expect(request.status == "approved")
            #expect(request.processorComment == "ok")
            #expect(request.order?.id == placed.id)

            info = try await client.orderInfo(id: placed.id)
            #expect(info.status == "issued")
            #expect(info.certificateID == 113)
            #expect(info.certificate?.validFrom != nil && info.certificate?.validTill != nil)
        }
    }

    @Test("two-step: submitted, first approval makes it pending, second approves and issues")
    func twoStep() async throws {
        try await withSandbox({ $0.approval = .twoStep }) { _, client in
            let placed = try await client.placeOrder(try orderNeedingApproval(), product: .codeSigningEV)
            let requestID = try #require(placed.requests.first?.id)
            #expect(placed.requests.map(\.status) == ["submitted"])

            try await client.updateRequestStatus(id: requestID, .approved)
            #expect(try await client.requestInfo(id: requestID).status == "pending")
            #expect(try await client.orderInfo(id: placed.id).status == "needs_approval")

            try await client.updateRequestStatus(id: requestID, .approved)
            #expect(try await client.requestInfo(id: requestID).status == "approved")
            let info = try await client.orderInfo(id: placed.id)
            #expect(info.status == "issued")
            #expect(info.certificateID == 113)
        }
    }

    @Test("auto: approved at once with a certificate id, then issued")
    func auto() async throws {
        try await withSandbox({ $0.approval = .auto }) { _, client in
            let placed = try await client.placeOrder(try orderNeedingApproval(), product: .codeSigning)
            #expect(placed.requests.map(\.status) == ["approved"])
            #expect(placed.certificateID == 113)
            let info = try await client.orderInfo(id: placed.id)
            #expect(info.status == "issued")
            #expect(info.certificateID == 113)
            #expect(info.product?.nameID == "code_signing")
        }
    }

    @Test("skip_approval: true skips the account approval in any workflow", arguments: SandboxConfiguration.ApprovalMode.allCases)
    func skipApproval(_ mode: SandboxConfiguration.ApprovalMode) async throws {
        try await withSandbox({ $0.approval = mode }) { _, client in
            var order = try orderNeedingApproval()
            order.skipApproval = true
            let placed = try await client.placeOrder(order, product: .codeSigningEV)
            #expect(placed.requests.map(\.status) == ["approved"])
            #expect(placed.certificateID != nil)
        }
    }

    @Test("an approved order stays pending until issueAfter has passed, then is issued")
    func issueAfter() async throws {
        // The sandbox reads the test's clock: three seconds pass when the test says so.
        let clock = ManualClock()
        let origin = Date()
        try await withSandbox({ $0.approval = .auto; $0.issueAfter = 3; $0.now = { clock.date(from: origin) } }) { _, client in
            let placed = try await client.placeOrder(try orderNeedingApproval(), product: .codeSigningEV)
            let early = try await client.orderInfo(id: placed.id)
            #expect(early.status == "pending")
            #expect(early.certificate?.validTill == nil)

            clock.advance(by: .milliseconds(2_999))
            #expect(try await client.orderInfo(id: placed.id).status == "pending")

            clock.advance(by: .milliseconds(1))
            let info = try await client.orderInfo(id: placed.id)
            #expect(info.status == "issued")
            #expect(info.certificateID == placed.certificateID)
        }
    }

    @Test("rejecting a request rejects the order; a processed request cannot be decided again")
    func reject() async throws {
        try await withSandbox { _, client in
            let placed = try await client.placeOrder(try orderNeedingApproval(), product: .codeSigningEV)
            let requestID = placed.requests[0].id
            try await client.updateRequestStatus(id: requestID, .rejected, comment: "not this quarter")
            #expect(try await client.requestInfo(id: requestID).status == "rejected")
            #expect(try await client.orderInfo(id: placed.id).status == "rejected")

            let error = await expectFailure { try await client.updateRequestStatus(id: requestID, .approved) }
            #expect(error?.code == "request_already_processed")
            #expect(error?.message == """
                CertCentral refused the request (HTTP 400):
                  request_already_processed: Request 113 is already rejected; only submitted or pending requests can be approved or rejected.
                Correct what it names and send again.
                """)
        }
    }

    @Test("the order carries its alternative id, and is found by it")
    func alternativeID() async throws {
        try await withSandbox { _, client in
            let placed = try await client.placeOrder(try orderNeedingApproval(alternativeID: "build-42"), product: .codeSigningEV)
            let found = try await client.orderByAlternativeID("build-42")
            #expect(found?.id == placed.id)
            #expect(found?.alternativeOrderID == "build-42")
            #expect(try await client.orderByAlternativeID("build-43") == nil)
            // An id that needs escaping in a path.
            let odd = try await client.placeOrder(try orderNeedingApproval(alternativeID: "team a/b#1"), product: .codeSigningEV)
            #expect(try await client.orderByAlternativeID("team a/b#1")?.id == odd.id)
        }
    }

    @Test("listing filters by status and product, pages with limit and offset, newest first")
    func listOrders() async throws {
        try await withSandbox { _, client in
            var ids: [Int] = []
            for i in 0..<5 {
                let placed = try await client.placeOrder(try orderNeedingApproval(), product: i < 3 ? .codeSigningEV : .codeSigning)
                ids.append(placed.id)
            }
            try await client.updateRequestStatus(id: 113, .approved)  // the first order → issued

            let all = try await client.listOrders()
            #expect(all.orders.map(\.id) == ids.reversed())
            #expect(all.page == Page(total: 5, limit: 1000, offset: 0))

            let page = try await client.listOrders(limit: 2, offset: 1)
            #expect(page.orders.map(\.id) == [ids[3], ids[2]])
            #expect(page.page == Page(total: 5, limit: 2, offset: 1))

            let ev = try await client.listOrders(filters: OrderFilters(product: .codeSigningEV))
            #expect(ev.orders.map(\.id) == [ids[2], ids[1], ids[0]])

            let issued = try await client.listOrders(filters: OrderFilters(product: .codeSigningEV, status: "issued"))
            #expect(issued.orders.map(\.id) == [ids[0]])
            #expect(issued.orders.first?.certificateID == 113)
            #expect(issued.page.total == 1)
        }
    }
}
