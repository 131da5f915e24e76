import CertOrder
import Foundation

/// New certificates on an issued order: reissues and duplicates.
extension CertCentralClient {
    /// `POST /order/certificate/{order_id}/reissue`: a new certificate replaces the order's
    /// current one (a new key with a new CSR). Answers the order id, the reissue's request and,
    /// once approved, the new certificate's id. Sent once, like an order: on a timeout or a lost
    /// connection, look at the order (`orderInfo(id:)`) before asking again.
    public func reissue(orderID: Int, _ request: ReissueRequest) async throws(CertCentralError) -> OrderResponse {
        try decode(OrderResponse.self, try await perform(.post, "/order/certificate/\(orderID)/reissue", body: request.body,
                                                         kind: .order, purpose: "the reissue"))
    }

    /// `POST /order/certificate/{order_id}/duplicate`: a further certificate of the order for
    /// `request.csr`'s key, beside the order's own; `request.serverPlatformID` is required for
    /// code signing (docs). Answers as ``reissue(orderID:_:)``, `certificateID` being the
    /// duplicate's.
    public func duplicate(orderID: Int, _ request: ReissueRequest) async throws(CertCentralError) -> OrderResponse {
        try decode(OrderResponse.self, try await perform(.post, "/order/certificate/\(orderID)/duplicate", body: request.body,
                                                         kind: .order, purpose: "the duplicate"))
    }

    /// Every issued order of `products` whose certificate ends within `days` days, from
    /// `GET /order/certificate` filtered by product and read page by page (`pageSize` at a time),
    /// with the order that renews each: the account's code signing orders are read whatever their
    /// status, since a renewal may be in any. The days left are CertCentral's
    /// (`certificate.days_remaining`), else counted from `valid_till` to `today` (`yyyy-MM-dd`).
    public func expiringOrders(within days: Int, today: String, products: [Product] = Product.allCases, pageSize: Int = 100)
        async throws(CertCentralError) -> [ExpiringOrder] {
        var all: [OrderInfo] = []
        var offset = 0
        var filters = OrderFilters()
        filters.productNameID = products.map(\.nameID).joined(separator: ",")
        while true {
            let page = try await listOrders(filters: filters, limit: pageSize, offset: offset)
            all += page.orders
            offset += page.orders.count
            if page.orders.isEmpty || offset >= page.page.total { break }
        }
        var renewals: [Int: OrderInfo] = [:]
        for order in all where order.isRenewal == true {
            if let renewed = order.renewedOrderID, order.id > (renewals[renewed]?.id ?? 0) { renewals[renewed] = order }
        }
        return all
            .filter { $0.status == .issued }
            .compactMap { order -> ExpiringOrder? in
                guard let till = order.certificate?.validTill.map({ String($0.prefix(10)) }),
                      let left = order.certificate?.daysRemaining ?? Self.days(from: today, to: till), left <= days else { return nil }
                return ExpiringOrder(order: order, validTill: till, daysRemaining: left, renewal: renewals[order.id])
            }
            .sorted { ($0.daysRemaining, $0.order.id) < ($1.daysRemaining, $1.order.id) }
    }

    /// Whole days from one `yyyy-MM-dd` day to another.
    static func days(from start: String, to end: String) -> Int? {
        guard let a = Validator.parseDate(start), let b = Validator.parseDate(end) else { return nil }
        return Int((b.timeIntervalSince(a) / 86_400).rounded())
    }
}

/// An issued order whose certificate ends soon, and the order that renews it, if any.
public struct ExpiringOrder: Hashable, Sendable {
    public var order: OrderInfo
    /// The certificate's last day, `yyyy-MM-dd`.
    public var validTill: String
    /// Days left until ``validTill``.
    public var daysRemaining: Int
    /// The latest order renewing this one (`renewal_of_order_id`), in whatever status.
    public var renewal: OrderInfo?

    public init(order: OrderInfo, validTill: String, daysRemaining: Int, renewal: OrderInfo?) {
        self.order = order
        self.validTill = validTill
        self.daysRemaining = daysRemaining
        self.renewal = renewal
    }
}
