/// The name of a declared order and the alternative order ids derived from it.
///
/// A script declares an order by giving it a stable name: its `alternative_order_id`. The first
/// order placed for the name carries the name itself; each renewal carries the name with the
/// renewal's number (`release-signing~r1`, `release-signing~r2`, …), so the whole chain of a
/// name can be found on the account by alternative id, and each link is a different order body
/// (the journal's duplicate guard never mistakes a renewal for the order it renews).
package enum DeclaredName {
    /// What separates a name from a renewal's number: a character a name may not hold.
    package static let separator: Character = "~"
    /// The longest name: the derived ids (`~r` and up to two digits more) must stay within
    /// CertCentral's 64 characters.
    package static let maximumLength = 60

    /// The alternative order id of link `generation` of `name`'s chain: the name itself for the
    /// first order (0), `name~rN` for the N-th renewal.
    package static func alternativeID(_ name: String, generation: Int) -> String {
        generation == 0 ? name : "\(name)\(separator)r\(generation)"
    }

    /// The name and generation an alternative order id stands for: `("release", 2)` for
    /// `release~r2`, `("release", 0)` for `release`.
    package static func parse(_ alternativeID: String) -> (name: String, generation: Int) {
        if let mark = alternativeID.lastIndex(of: separator) {
            let suffix = alternativeID[alternativeID.index(after: mark)...]
            if suffix.first == "r", let n = Int(suffix.dropFirst()), n > 0, suffix.dropFirst().allSatisfy(\.isASCII) {
                return (String(alternativeID[..<mark]), n)
            }
        }
        return (alternativeID, 0)
    }

    /// What keeps a text from naming a declared order: the one rule, which the language's `name`
    /// statement reports where it is written and `plan` reports for an `alternative_order_id`.
    package enum Violation: Hashable, Sendable {
        /// It holds ``separator``.
        case separator
        /// It is longer than ``maximumLength``; `count` characters.
        case length(count: Int)
    }

    /// What keeps `name` from naming a declared order, or `nil` when it can.
    package static func violation(_ name: String) -> Violation? {
        if name.contains(separator) { return .separator }
        if name.count > maximumLength { return .length(count: name.count) }
        return nil
    }

    /// Why `name` cannot name a declared order, or `nil` when it can.
    package static func problem(_ name: String) -> String? {
        switch violation(name) {
        case .separator?:
            return "the name '\(name)' holds '\(separator)', which separates a name from its renewals' numbers (\(alternativeID("name", generation: 1)))"
        case .length(let count)?:
            return "the name '\(name)' is \(count) characters; a declared order's name is at most \(maximumLength), so its renewals' ids fit in 64"
        case nil:
            return nil
        }
    }
}
