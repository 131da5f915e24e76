/// What the journal and the account say of the declared names: each name's chain of orders,
/// and the names whose state cannot be known until something is settled first.
package struct OrderChains: Sendable {
    /// Name → its orders, oldest link (generation 0) first.
    package var links: [String: [ChainLink]] = [:]
    /// Name → why its state is not known: a send of unknown outcome (`reconcile` settles it), or
    /// one another run is making right now.
    package var unsettled: [String: String] = [:]
    /// The Services API calls made to learn this.
    package var apiCalls = 0
    /// Whether the account's order list carried alternative order ids. When it did not (an
    /// account or API version that leaves them out), a name missing from it may still have an
    /// order: `apply` looks each one up by its id before placing it.
    package var listingCarriesAlternativeIDs = true

    package init() {}

    /// The name's latest link: the highest generation.
    package func latest(_ name: String) -> ChainLink? {
        links[name]?.max { $0.generation < $1.generation }
    }

    /// Adds or refreshes a link (the account's word replaces the journal's).
    mutating func merge(_ link: ChainLink, name: String) {
        var chain = links[name] ?? []
        if let index = chain.firstIndex(where: { $0.orderID == link.orderID }) {
            var merged = link
            merged.status = link.status ?? chain[index].status
            merged.certificateID = link.certificateID ?? chain[index].certificateID
            merged.validTill = link.validTill ?? chain[index].validTill
            chain[index] = merged
        } else if let index = chain.firstIndex(where: { $0.generation == link.generation }) {
            // Two orders with one id (placed outside CertOrder, or by two machines at once): the
            // newer one counts, as CertCentral's own lookup by alternative id answers it.
            if link.orderID > chain[index].orderID { chain[index] = link }
        } else {
            chain.append(link)
        }
        chain.sort { $0.generation < $1.generation }
        links[name] = chain
    }
}
