import CertCentral
import CertCentralSandbox
import CertOrder
import Foundation
import Testing

/// Cancel rules, the account's custom fields, organizations and containers, product info.
@Suite("Cancel rules and account checks")
struct AccountTests {
    @Test("cancel: only pending, waiting_pickup or reissue_pending orders")
    func cancelRules() async throws {
        try await withSandbox({ $0.issueAfter = 3600 }) { _, client in
            // needs_approval: refused, with the way out.
            let waiting = try await client.placeOrder(try orderNeedingApproval(), product: .codeSigningEV)
            let refused = await expectFailure { try await client.cancelOrder(id: waiting.id, note: "oops") }
            #expect(refused?.status == 400)
            #expect(refused?.code == "invalid_order_status")
            #expect(refused?.message == """
                CertCentral refused the request (HTTP 400):
                  invalid_order_status: Order 112233 is needs_approval; only orders that are pending, waiting_pickup or reissue_pending can be canceled. To stop an order that needs approval, reject its request (PUT /request/113/status with "rejected").
                Correct what it names and send again.
                """)

            // pending (approved, not yet issued): canceled.
            try await client.updateRequestStatus(id: waiting.requests[0].id, .approved)
            #expect(try await client.orderInfo(id: waiting.id).status == "pending")
            try await client.cancelOrder(id: waiting.id, note: "wrong organization")
            #expect(try await client.orderInfo(id: waiting.id).status == "canceled")

            // canceled: cannot be canceled again.
            #expect(await expectFailure { try await client.cancelOrder(id: waiting.id) }?.code == "invalid_order_status")
            // unknown order.
            #expect(await expectFailure { try await client.cancelOrder(id: 1) }?.code == "not_found|order")
        }
        try await withSandbox({ $0.approval = .auto }) { _, client in
            // issued: too late.
            let issued = try await client.placeOrder(try orderNeedingApproval(), product: .codeSigningEV)
            #expect(try await client.orderInfo(id: issued.id).status == "issued")
            let error = await expectFailure { try await client.cancelOrder(id: issued.id) }
            #expect(error?.apiMessage == "Order 112233 is issued; only orders that are pending, waiting_pickup or reissue_pending can be canceled.")
        }
    }

    @Test("a missing required custom field is refused, like the real API")
    func requiredCustomField() async throws {
        try await withSandbox { sandbox, client in
            var order = try documentedOrder()
            order.customFields = nil
            let error = await expectFailure { try await client.placeOrder(order, product: .codeSigningEV) }
            #expect(error?.code == "invalid_custom_field_value")
            #expect(error?.message == """
                CertCentral refused the request (HTTP 400):
                  invalid_custom_field_value: custom field 12 (Cost center) is required by this account; add {"metadata_id": 12, "value": "..."} to custom_fields
                Correct what it names and send again.
                """)
            #expect(await sandbox.snapshot().orderCount == 0)

            // The client can tell before sending.
            let metadata = try await client.customFieldMetadata()
            #expect(CustomFieldMetadata.missingRequired(in: order, metadata: metadata).map(\.id) == [12])
            #expect(CustomFieldMetadata.missingRequired(in: try documentedOrder(), metadata: metadata).isEmpty)
        }
    }

    @Test("an empty required custom field is missing, for the sandbox as for the client")
    func emptyRequiredCustomField() async throws {
        try await withSandbox { sandbox, client in
            var order = try documentedOrder()
            order.customFields = [.init(metadataID: 12, value: "")]
            let error = await expectFailure { try await client.placeOrder(order, product: .codeSigningEV) }
            #expect(error?.envelope?.errors.map(\.message).contains(
                #"custom field 12 (Cost center) is required by this account; add {"metadata_id": 12, "value": "..."} to custom_fields"#) == true,
                "\(String(describing: error))")
            #expect(await sandbox.snapshot().orderCount == 0)
            let metadata = try await client.customFieldMetadata()
            #expect(CustomFieldMetadata.missingRequired(in: order, metadata: metadata).map(\.id) == [12])
        }
    }

    @Test("custom field values: known id, right type, given once")
    func customFieldValues() async throws {
        try await withSandbox { _, client in
            var order = try documentedOrder()
            order.customFields = [.init(metadataID: 12, value: "cc-9"), .init(metadataID: 13, value: "abc"), .init(metadataID: 99, value: "x")]
            let error = await expectFailure { try await client.placeOrder(order, product: .codeSigningEV) }
            #expect(error?.envelope?.errors.map(\.message) == [
                "custom field 13 (Ticket number) must be an integer; got 'abc'",
                "custom field 99 is not an active custom field of this account; see GET /account/metadata",
            ])
            order.customFields = [.init(metadataID: 12, value: "cc-9"), .init(metadataID: 13, value: "4711")]
            #expect(try await client.placeOrder(order, product: .codeSigningEV).id == 112233)
        }
    }

    @Test("unknown organization or container, or an organization not validated for code signing, is refused")
    func organizationAndContainer() async throws {
        try await withSandbox { _, client in
            var order = try documentedOrder()
            order.organization = .init(id: 999)
            order.container = .init(id: 111)
            let error = await expectFailure { try await client.placeOrder(order, product: .codeSigningEV) }
            #expect(error?.envelope?.errors.map(\.code) == ["invalid_value:organization.id", "invalid_value:container.id"])
            #expect(error?.envelope?.errors.map(\.message) == [
                "organization 999 is not in this account; see GET /organization for the account's organizations",
                "container 111 is not in this account; see GET /container for the account's containers",
            ])

            order = try documentedOrder()
            order.organization = .init(id: 123457)
            let unvalidated = await expectFailure { try await client.placeOrder(order, product: .codeSigning) }
            #expect(unvalidated?.apiMessage == "organization 123457 (Example Labs) is not validated for code signing (cs); use an organization validated for cs, see GET /organization/123457/validation")
        }
    }

    @Test("organizations, validations, containers, custom fields and products come from the seed data")
    func lookups() async throws {
        try await withSandbox { _, client in
            let orgs = try await client.organizations()
            #expect(orgs.map(\.id) == [123456, 123457])
            #expect(orgs.first?.name == "Example Org")
            #expect(orgs.first?.container?.id == 654321)

            let validations = try await client.organizationValidations(id: 123456)
            #expect(validations.map(\.type).contains(OrganizationValidation.requiredType(for: .codeSigning)))
            #expect(validations.map(\.type).contains(OrganizationValidation.requiredType(for: .codeSigningEV)))
            #expect(try await client.organizationValidations(id: 123457).map(\.type) == ["ov"])

            #expect(try await client.containers() == [Container(id: 654321, name: "Example Org", description: "The account's top container", parentID: 0, isActive: true)])
            #expect(try await client.container(id: 654321).name == "Example Org")

            #expect(try await client.customFieldMetadata() == [
                CustomFieldMetadata(id: 12, label: "Cost center", isRequired: true, isActive: true, dataType: "text"),
                CustomFieldMetadata(id: 13, label: "Ticket number", isRequired: false, isActive: true, dataType: "int"),
            ])

            let ev = try await client.productInfo(nameID: "code_signing_ev")
            #expect(ev.name == "EV Code Signing")
            #expect(ev.allowedValidityYears == [1, 2, 3])
            #expect(ev.allowedHashTypes == ["sha256"])
            #expect(ev.defaultHashType == "sha256")
            #expect(ev.csrRequired == false)
        }
    }

    @Test("status changes check their body")
    func statusBodies() async throws {
        try await withSandbox { sandbox, _ in
            let port = try #require(sandbox.port)
            let base = sandboxURL(port).absoluteString
            let (_, bad) = try await curl(["-X", "PUT", "\(base)/request/113/status", "-H", "X-DC-DEVKEY: k", "--data-binary", "{oops"])
            #expect(APIError.decode(bad)?.errors.first?.code == "bad_request_format")
            let (_, invalid) = try await curl(["-X", "PUT", "\(base)/order/certificate/1/status", "-H", "X-DC-DEVKEY: k", "--data-binary", #"{"status": "paused"}"#])
            #expect(APIError.decode(invalid)?.errors.first?.code == "invalid_value:status")
        }
    }
}
