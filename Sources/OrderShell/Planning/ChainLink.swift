import Foundation

/// One order of a name's chain (the first order or a renewal), as the journal or the account
/// knows it.
package struct ChainLink: Sendable, Hashable {
    /// The link's alternative order id (`name`, `name~r1`, …).
    package var alternativeID: String
    /// 0 for the first order, N for the N-th renewal.
    package var generation: Int
    package var orderID: Int
    /// The order's status (`issued`, `pending`, …); `nil` when nobody has said.
    package var status: String?
    package var certificateID: Int?
    /// The certificate's `valid_till` (`2027-12-03`), once issued.
    package var validTill: String?

    package init(alternativeID: String, generation: Int, orderID: Int, status: String? = nil, certificateID: Int? = nil, validTill: String? = nil) {
        self.alternativeID = alternativeID
        self.generation = generation
        self.orderID = orderID
        self.status = status
        self.certificateID = certificateID
        self.validTill = validTill
    }
}
