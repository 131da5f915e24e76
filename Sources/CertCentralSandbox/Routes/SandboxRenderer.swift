import CertOrder
import Foundation

/// Renders the sandbox's records in the shapes CertCentral documents.
enum SandboxRenderer {
    // MARK: - Dates

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// `2026-11-29T10:20:30+00:00`, the API's form.
    static func timestamp(_ date: Date) -> String {
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d+00:00",
                      c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// `2026-11-29`.
    static func day(_ date: Date) -> String { Validator.formatDate(date) }

    // MARK: - Orders

    /// The `201 Created` body: `id`, `requests[{id, status}]`, and `certificate_id` once approved.
    static func created(order: SandboxOrder, request: SandboxRequest) -> JSONValue {
        .object([
            "id": .int(order.id),
            "requests": .array([.object(["id": .int(request.id), "status": .string(request.status)])]),
            "certificate_id": request.status == "approved" ? order.certificateID.json : nil,
        ])
    }

    /// The certificate's validity end: the custom expiration date, the order's days, a year for a
    /// one-year order, else the certificate maximum (459 days; longer orders are covered by reissues).
    static func validTill(_ order: SandboxOrder, issued: Date) -> Date {
        let p = order.payload
        let cap = issued.addingTimeInterval(TimeInterval(Validator.maximumCertificateDays) * 86_400)
        if let expiry = p.customExpirationDate.flatMap(Validator.parseDate) { return min(expiry, cap) }
        var days = Validator.maximumCertificateDays
        if let d = p.orderValidity?.days {
            days = min(d, days)
        } else if (p.validityYears ?? p.orderValidity?.years) == 1 {
            days = 365
        }
        return issued.addingTimeInterval(TimeInterval(days) * 86_400)
    }

    /// The end of the order's current certificate (a reissue's, else the first one's), once issued.
    static func currentValidTill(_ order: SandboxOrder) -> Date? {
        order.reissuedValidTill ?? order.dateIssued.map { validTill(order, issued: $0) }
    }

    /// Whole days from `now` to the certificate's last day (0 on it, negative after it).
    static func daysRemaining(till: Date, now: Date) -> Int {
        let start = utc.startOfDay(for: now)
        let end = utc.startOfDay(for: till)
        return utc.dateComponents([.day], from: start, to: end).day ?? 0
    }

    /// The order's end: its custom expiration date, else its days or years from its first
    /// issuance. A reissue's certificate ends by it (and within the 459-day cap).
    static func orderEnd(_ order: SandboxOrder) -> Date? {
        guard let issued = order.dateIssued else { return nil }
        let p = order.payload
        if let expiry = p.customExpirationDate.flatMap(Validator.parseDate) { return expiry }
        if let days = p.orderValidity?.days { return issued.addingTimeInterval(TimeInterval(days) * 86_400) }
        let years = p.validityYears ?? p.orderValidity?.years ?? 1
        return issued.addingTimeInterval(TimeInterval(years * 365) * 86_400)
    }

    static func product(_ product: Product) -> JSONValue {
        .object([
            "name_id": .string(product.nameID),
            "name": .string(SandboxSeed.productName(product)),
            "type": .string("code_signing_certificate"),
        ])
    }

    static func organization(_ id: Int) -> JSONValue {
        let org = SandboxSeed.organization(id)
        return .object(["id": .int(id), "name": org?.name.json, "display_name": org?.name.json])
    }

    /// An order's organization with the contacts its request named (`contacts`, as sent: a
    /// choice of the sandbox, so that what was placed can be read back).
    static func organization(_ reference: OrderRequest.OrganizationReference) -> JSONValue {
        let org = SandboxSeed.organization(reference.id)
        return .object(["id": .int(reference.id), "name": org?.name.json, "display_name": org?.name.json,
                        "contacts": reference.contacts.map(contacts)])
    }

    static func contacts(_ contacts: [OrderRequest.Contact]) -> JSONValue {
        .array(contacts.map { c in
            .object(OrderRequest.Contact.fieldNames.compactMap { key in c[field: key].map { JSONValue.Member(key: key, value: .string($0)) } })
        })
    }

    static func container(_ id: Int) -> JSONValue {
        .object(["id": .int(id), "name": SandboxSeed.container(id)?.name.json])
    }

    /// `now`: the sandbox's, to say the certificate's `days_remaining` (left out without it).
    static func certificate(_ order: SandboxOrder, now: Date? = nil) -> JSONValue {
        // The members the order's certificate echoes from the request, under the request model's
        // keys (which the client reads them by too).
        typealias Key = OrderRequest.CertificateDetails.CodingKeys
        let p = order.payload
        let cert = p.certificate
        let org = p.organization.flatMap { SandboxSeed.organization($0.id) }
        return .object([
            "id": order.certificateID.json,
            "common_name": org?.name.json,
            Key.organizationUnits.rawValue: cert.organizationUnits.map(JSONValue.strings),
            Key.serverPlatform.rawValue: cert.serverPlatform.map { .id($0.id) },
            Key.signatureHash.rawValue: cert.signatureHash.json,
            "serial_number": order.serialNumber.json,
            "valid_from": (order.reissuedAt ?? order.dateIssued).map { .string(day($0)) },
            "valid_till": currentValidTill(order).map { .string(day($0)) },
            "days_remaining": now.flatMap { now in currentValidTill(order).map { .int(daysRemaining(till: $0, now: now)) } },
        ])
    }

    static func request(_ r: SandboxRequest) -> JSONValue {
        .object([
            "id": .int(r.id),
            "date": .string(timestamp(r.date)),
            "type": .string(r.type ?? "new_request"),
            "status": .string(r.status),
            "comments": r.comments.json,
            "processor_comment": r.processorComment.json,
        ])
    }

    static func shipInfo(_ s: OrderRequest.ShipInfo) -> JSONValue {
        .object(OrderRequest.ShipInfo.fieldNames.compactMap { name in
            s[field: name].map { JSONValue.Member(key: name, value: .string(name == "method" ? $0.uppercased() : $0)) }
        })
    }

    static func customFields(_ fields: [OrderRequest.CustomFieldValue]) -> JSONValue {
        .array(fields.map { f in
            .object([
                "metadata_id": .int(f.metadataID),
                "label": SandboxSeed.customField(f.metadataID).map { JSONValue.string($0.label) },
                "value": .string(f.value),
            ])
        })
    }

    /// `GET /order/certificate/{id}`: the order's details.
    /// `isRenewed`: whether a live order renews this one.
    static func orderInfo(_ order: SandboxOrder, requests: [SandboxRequest], isRenewed: Bool = false, now: Date? = nil) -> JSONValue {
        let p = order.payload
        return .object(orderHead(order, now: now) + JSONValue.members([
            "is_renewed": .bool(isRenewed),
            "renewed_order_id": p.renewalOfOrderID.json,
            "order_validity": p.orderValidity.map { v in .object(["years": v.years.json, "days": v.days.json]) },
            "custom_expiration_date": p.customExpirationDate.json,
            "auto_renew": p.autoRenew.json,
            "custom_renewal_message": p.renewalMessage.json,
            "container": p.container.map { container($0.id) },
            "product": product(order.product),
            "requests": .array(requests.map(request)),
            "cs_provisioning_method": p.provisioningMethod.json,
            "ship_info": p.shipInfo.map(shipInfo),
            "custom_fields": p.customFields.map(customFields),
            "payment_method": .string(p.paymentMethod ?? "balance"),
            "comments": p.comments.json,
            "additional_emails": p.additionalEmails.map(JSONValue.strings),
            "renewal_of_order_id": p.renewalOfOrderID.json,
            "alternative_order_id": p.alternativeOrderID.json,
            "date_issued": order.dateIssued.map { .string(timestamp($0)) },
            "date_canceled": order.dateCanceled.map { .string(timestamp($0)) },
            "cancel_note": order.cancelNote.json,
            "hardware_init_code": order.hardwareInitCode.json,
        ]))
    }

    /// One entry of `GET /order/certificate`. `is_renewed` and `renewed_order_id` (on a renewal:
    /// the order it renews) as in the order's details, so a list says which orders are renewed.
    static func orderSummary(_ order: SandboxOrder, isRenewed: Bool = false, now: Date? = nil) -> JSONValue {
        let p = order.payload
        return .object(orderHead(order, now: now) + JSONValue.members([
            "container": p.container.map { container($0.id) },
            "product": product(order.product),
            "alternative_order_id": p.alternativeOrderID.json,
            "is_renewed": .bool(isRenewed),
            "renewed_order_id": p.renewalOfOrderID.json,
        ]))
    }

    /// The members an order's details and its summary in a list both begin with.
    private static func orderHead(_ order: SandboxOrder, now: Date?) -> [JSONValue.Member] {
        let p = order.payload
        return JSONValue.members([
            "id": .int(order.id),
            "certificate": certificate(order, now: now),
            "status": .string(order.status),
            "is_renewal": .bool(p.renewalOfOrderID != nil),
            "date_created": .string(timestamp(order.dateCreated)),
            "organization": p.organization.map(organization),
            "validity_years": p.validityYears.json,
        ])
    }

    /// `GET /request/{id}`.
    static func requestInfo(_ r: SandboxRequest, order: SandboxOrder?) -> JSONValue {
        .object([
            "id": .int(r.id),
            "date": .string(timestamp(r.date)),
            "type": .string(r.type ?? "new_request"),
            "status": .string(r.status),
            "date_processed": r.dateProcessed.map { .string(timestamp($0)) },
            "order": order.map { o in
                .object([
                    "id": .int(o.id),
                    "certificate": certificate(o),
                    "organization": o.payload.organization.map { organization($0.id) },
                    "container": o.payload.container.map { container($0.id) },
                    "product": product(o.product),
                ])
            },
            "comments": r.comments.json,
            "processor_comment": r.processorComment.json,
        ])
    }
}
