import CertCentral
import CertOrder
import Foundation

/// What CertCentral needs of the account before a code signing order can go anywhere: the
/// organisation's code signing validation (`cs`, or `ev_cs` for EV) active, and a verified
/// contact, which CertCentral takes from the API key's owner only when that user has a job
/// title and a telephone. Checked before sending, so an order that would stall for days is
/// refused at once with what to do.
extension OrderSender {
    /// The errors that keep `request` from being placed usefully: the organisation lacks the
    /// validation `product` needs (``ValidationMessage/organizationNotValidated(_:needed:held:)``),
    /// or no verified contact can be added (``ValidationMessage/verifiedContactMissing(owner:lacking:)``).
    /// Each lookup is made once per sender (an organisation's validations, the key's owner).
    /// - Throws: when a lookup fails for another reason than the account not exposing it
    ///   (404, 403: then the check is left to CertCentral).
    package func readiness(product: Product, request: OrderRequest) async throws(CertCentralError) -> [Diagnostic] {
        var out: [Diagnostic] = []
        if let id = request.organization?.id, id > 0, let validations = try await validations(ofOrganization: id) {
            let needed = AccountRequirements.organizationValidation(for: product)
            let active = validations.filter { ($0.status ?? "active") == "active" }.map(\.type)
            if !active.contains(needed) {
                out.append(Diagnostic(.organizationNotValidated(id, needed: needed, held: active), at: .organizationID))
            }
        }
        if let owner = try await keyOwner() {
            let lacking = owner.missingForVerifiedContact
            if !lacking.isEmpty {
                out.append(Diagnostic(.verifiedContactMissing(owner: owner.displayName, lacking: lacking), at: .organization))
            }
        }
        return out
    }

    /// What the user is told when the organisation's validations or the key's owner could not be
    /// looked up before a send: nothing was sent.
    package static func readinessLookupFailure(_ error: CertCentralError) -> String {
        lookupFailure(error).replacingOccurrences(of: "the account's custom fields (GET /account/metadata)",
                                                  with: "the organization's validations and the API key's owner (GET /organization/{id}/validation, GET /user/me)")
    }

    /// The organisation's validations, looked up once; `nil` when the account does not expose them.
    private func validations(ofOrganization id: Int) async throws(CertCentralError) -> [OrganizationValidation]? {
        if let cached = readinessCache.withLock({ $0.validations[id] }) { return cached }
        let fetched: [OrganizationValidation]?
        do {
            fetched = try await client.organizationValidations(id: id)
        } catch .notFound, .forbidden {
            fetched = nil
        }
        readinessCache.withLock { $0.validations[id] = .some(fetched) }
        return fetched
    }

    /// The API key's owner, looked up once; `nil` when the account does not expose it.
    private func keyOwner() async throws(CertCentralError) -> UserInfo? {
        if let cached = readinessCache.withLock({ $0.owner }) { return cached }
        let fetched: UserInfo?
        do {
            fetched = try await client.currentUser()
        } catch .notFound, .forbidden {
            fetched = nil
        }
        readinessCache.withLock { $0.owner = .some(fetched) }
        return fetched
    }
}

/// What ``OrderSender/readiness(product:request:)`` looked up, kept for the sender's life.
struct ReadinessCache: Sendable {
    var validations: [Int: [OrganizationValidation]?] = [:]
    var owner: UserInfo??
}

/// ``ReadinessCache`` behind a lock: concurrent sends of a batch share it.
final class ReadinessCacheBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value = ReadinessCache()

    func withLock<R>(_ body: (inout ReadinessCache) -> R) -> R {
        lock.withLock { body(&value) }
    }
}
