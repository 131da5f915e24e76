import CertOrder

/// What a set of orders needs looked up on the account before it is sent: the organisations
/// whose validations matter, and whether the API key's owner must stand in as a verified
/// contact (some order names none). Gathered order by order, so a streamed batch keeps only
/// this, not its orders.
package struct AccountNeeds: Hashable, Sendable {
    /// The organisations the orders name (positive ids only: the validator reports the others).
    package var organizations: Set<Int> = []
    /// Whether an order names no verified contact of its own.
    package var keyOwner = false

    package init() {}

    package init(_ requests: some Sequence<OrderRequest>) {
        for request in requests { add(request) }
    }

    package mutating func add(_ request: OrderRequest) {
        if let id = request.organization?.id, id > 0 { organizations.insert(id) }
        if request.organization?.hasVerifiedContact != true { keyOwner = true }
    }
}
