import CertCentral
import CertOrder
import Foundation

/// What CertCentral needs of the account before a code signing order can go anywhere: the
/// organisation's code signing validation (`cs`, or `ev_cs` for EV) active, and a verified
/// contact, which the order names itself (`organization.contacts`) or CertCentral takes from the
/// API key's owner, only when that user has a job title and a telephone. Checked before sending,
/// with the account's custom fields, so an order that would stall for days is refused at once
/// with what to do.
extension OrderSender {
    /// The errors that keep `request` from being placed usefully: the organisation lacks the
    /// validation `product` needs (``ValidationMessage/organizationNotValidated(_:needed:held:)``),
    /// or the order names no verified contact and none can be added
    /// (``ValidationMessage/verifiedContactMissing(owner:lacking:)``). The key's owner is not
    /// looked up for an order that names a verified contact. Each lookup is made once per sender
    /// (an organisation's validations, the key's owner), the two concurrently.
    /// - Throws: when a lookup fails for another reason than the account not exposing it
    ///   (404, 403: then the check is left to CertCentral).
    package func readiness(product: Product, request: OrderRequest) async throws(CertCentralError) -> [Diagnostic] {
        let needs = AccountNeeds([request])
        let found = await lookUp(needs, customFields: false)
        if let failure = found.failure { throw failure.error }
        return found.facts.readiness(product: product, request: request)
    }

    /// What the orders about to be sent need of the account, looked up concurrently: its custom
    /// fields, the validations of each organisation they name, and the key's owner when an order
    /// names no verified contact. Each lookup is made once per sender (so once per endpoint and
    /// session or run); a failed one is tried again next time.
    /// - Throws: ``AccountLookupFailure`` when a lookup could not be made (no answer in time, no
    ///   connection, an error, an interruption): then nothing may be sent. Every lookup is awaited
    ///   first, so the failure reported is always the first of custom fields, validations, owner.
    package func accountFacts(for needs: AccountNeeds) async throws(AccountLookupFailure) -> AccountFacts {
        let found = await lookUp(needs, customFields: true)
        if let failure = found.failure { throw failure }
        return found.facts
    }

    /// The lookups ``accountFacts(for:)`` makes, each in a child task.
    private func lookUp(_ needs: AccountNeeds, customFields wantsFields: Bool) async -> (facts: AccountFacts, failure: AccountLookupFailure?) {
        enum Found: Sendable {
            case fields(Result<[CustomFieldMetadata], CertCentralError>)
            case validations(Int, Result<[OrganizationValidation]?, CertCentralError>)
            case owner(Result<UserInfo?, CertCentralError>)
        }
        let found = await withTaskGroup(of: Found.self, returning: [Found].self) { group in
            if wantsFields { group.addTask { .fields(await Self.capture { () async throws(CertCentralError) in try await self.customFields() }) } }
            for id in needs.organizations.sorted() {
                group.addTask { .validations(id, await Self.capture { () async throws(CertCentralError) in try await self.validations(ofOrganization: id) }) }
            }
            if needs.keyOwner { group.addTask { .owner(await Self.capture { () async throws(CertCentralError) in try await self.keyOwner() }) } }
            var all: [Found] = []
            for await one in group { all.append(one) }
            return all
        }
        var facts = AccountFacts()
        var fieldsFailure: CertCentralError?, readinessFailure: (key: Int, error: CertCentralError)?
        func failed(_ key: Int, _ error: CertCentralError) {
            if readinessFailure.map({ key < $0.key }) ?? true { readinessFailure = (key, error) }
        }
        for one in found {
            switch one {
            case .fields(.success(let fields)): facts.customFields = fields
            case .fields(.failure(let error)): fieldsFailure = error
            case .validations(let id, .success(let validations)): facts.validations[id] = .some(validations)
            case .validations(let id, .failure(let error)): failed(id, error)
            case .owner(.success(let owner)): facts.keyOwner = .some(owner)
            case .owner(.failure(let error)): failed(Int.max, error)
            }
        }
        if let fieldsFailure { return (facts, AccountLookupFailure(fieldsFailure, lookup: .customFields)) }
        if let readinessFailure { return (facts, AccountLookupFailure(readinessFailure.error, lookup: .readiness)) }
        return (facts, nil)
    }

    private static func capture<T: Sendable>(_ body: () async throws(CertCentralError) -> T) async -> Result<T, CertCentralError> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    /// What the user is told when the organisation's validations or the API key's owner could
    /// not be looked up before a send: nothing was sent.
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
