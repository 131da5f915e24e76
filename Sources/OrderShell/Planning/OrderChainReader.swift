import CertCentral
import CertOrder
import Foundation
import OrderJournal

/// Finds the chains of declared names: the journal first, then the account.
///
/// The journal says which orders this machine placed for each name and which sends are not
/// settled (unknown outcomes, sends under way in another run). The account says the rest: the
/// orders the journal lacks (a deleted journal, another machine, a colleague's apply) and every
/// order's state now (status, certificate, `valid_till`), which the journal cannot know.
///
/// The account is read with as few calls as the names allow: one lookup by alternative id per
/// name when there are only a few, else the account's order list, a thousand orders a page
/// (`GET /order/certificate?limit=1000&offset=…`), whatever the number of names. A thousand
/// declared orders in an account of a few thousand orders plan in a handful of calls, well
/// within CertCentral's 1,000 requests per 5 minutes.
package struct OrderChainReader: Sendable {
    /// Up to this many names are looked up one by one (`GET /order/alternate/{id}`, and once
    /// more per renewal found); more are found in the order list.
    package static let lookupThreshold = 3
    /// Orders per page of the order list (CertCentral's largest).
    package static let pageSize = 1000

    package var journal: OrderJournal?
    package var endpointName: String
    package var client: CertCentralClient

    package init(journal: OrderJournal?, endpointName: String, client: CertCentralClient) {
        self.journal = journal
        self.endpointName = endpointName
        self.client = client
    }

    /// The chains of `names`.
    /// - Throws: The first call that fails (a plan on half the truth would place what exists).
    package func read(names: Set<String>) async throws(CertCentralError) -> OrderChains {
        var chains = OrderChains()
        guard !names.isEmpty else { return chains }
        await readJournal(names: names, into: &chains)
        if names.count <= Self.lookupThreshold {
            for name in names.sorted() { try await lookUp(name, into: &chains) }
        } else {
            try await list(names: names, into: &chains)
        }
        return chains
    }

    /// The journal's placed orders and unsettled sends for the names, on this endpoint.
    private func readJournal(names: Set<String>, into chains: inout OrderChains) async {
        guard let journal, let entries = try? await journal.entries() else { return }
        let endpoint = OrderJournal.storedEndpoint(endpointName)
        // Oldest first, so a later entry's word on the same link wins.
        for entry in entries.reversed() where entry.endpoint == endpoint {
            let (name, generation) = DeclaredName.parse(entry.alternativeOrderID)
            guard names.contains(name) else { continue }
            switch entry.state {
            case .placed:
                if let orderID = entry.orderID {
                    chains.merge(ChainLink(alternativeID: entry.alternativeOrderID, generation: generation, orderID: orderID,
                                           status: entry.orderStatus, certificateID: entry.certificateID), name: name)
                }
                chains.unsettled[name] = nil
            case .sending where entry.isInFlightElsewhere:
                chains.unsettled[name] = "journal #\(entry.id) (\(entry.alternativeOrderID)) is being sent right now by another run "
                    + "(process \(entry.ownerPID ?? 0)); plan again when it is done"
            case .sending, .unknown:
                chains.unsettled[name] = "journal #\(entry.id) (\(entry.alternativeOrderID)) has an unknown outcome; "
                    + "run 'certorder reconcile' first"
            case .refused, .failed:
                break
            }
        }
    }

    /// One name's chain by `GET /order/alternate/{id}`, link after link until one is missing.
    private func lookUp(_ name: String, into chains: inout OrderChains) async throws(CertCentralError) {
        var generation = 0
        while true {
            let id = DeclaredName.alternativeID(name, generation: generation)
            chains.apiCalls += 1
            guard let info = try await client.orderByAlternativeID(id) else {
                // The journal may know a later link the account does not show yet: keep looking past it.
                if chains.links[name]?.contains(where: { $0.generation > generation }) == true {
                    generation += 1
                    continue
                }
                return
            }
            chains.merge(Self.link(info, alternativeID: id, generation: generation), name: name)
            generation += 1
        }
    }

    /// Every page of the account's order list, keeping the orders whose alternative id belongs
    /// to a name; the journal's orders get their state now.
    private func list(names: Set<String>, into chains: inout OrderChains) async throws(CertCentralError) {
        var offset = 0
        var sawAlternativeID = false
        var sawOrder = false
        while true {
            chains.apiCalls += 1
            let page = try await client.listOrders(limit: Self.pageSize, offset: offset)
            for info in page.orders {
                sawOrder = true
                guard let id = info.alternativeOrderID else { continue }
                sawAlternativeID = true
                let (name, generation) = DeclaredName.parse(id)
                guard names.contains(name) else { continue }
                chains.merge(Self.link(info, alternativeID: id, generation: generation), name: name)
            }
            offset += page.orders.count
            if page.orders.isEmpty || offset >= page.page.total { break }
        }
        chains.listingCarriesAlternativeIDs = sawAlternativeID || !sawOrder
    }

    static func link(_ info: OrderInfo, alternativeID: String, generation: Int) -> ChainLink {
        ChainLink(alternativeID: alternativeID, generation: generation, orderID: info.id, status: info.status?.rawValue,
                  certificateID: info.certificateID, validTill: info.certificate?.validTill)
    }
}
