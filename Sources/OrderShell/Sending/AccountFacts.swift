import CertCentral
import CertOrder

/// What ``OrderSender/accountFacts(for:)`` found on the account: everything an order is judged
/// by before it is sent, beyond the validator's rules.
package struct AccountFacts: Sendable {
    /// The account's custom fields.
    package var customFields: [CustomFieldMetadata] = []
    /// Each organisation's validations; `.some(nil)` when the account does not expose them.
    package var validations: [Int: [OrganizationValidation]?] = [:]
    /// The API key's owner; `nil` when not looked up (every order names a verified contact),
    /// `.some(nil)` when the account does not expose it.
    package var keyOwner: UserInfo??

    package init() {}

    /// Every error that blocks sending `request` by these facts: a required custom field it
    /// lacks, then what ``readiness(product:request:)`` finds.
    package func blocking(product: Product, request: OrderRequest) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for field in CustomFieldMetadata.missingRequired(in: request, metadata: customFields) {
            out.append(Diagnostic(.customFieldRequired(field.id, label: field.label), path: "custom_fields"))
        }
        return out + readiness(product: product, request: request)
    }

    /// The organisation's validation `product` needs not active, and no verified contact when
    /// the order names none and the key's owner cannot stand in.
    package func readiness(product: Product, request: OrderRequest) -> [Diagnostic] {
        var out: [Diagnostic] = []
        if let id = request.organization?.id, id > 0, case let validations?? = self.validations[id] {
            let needed = AccountRequirements.organizationValidation(for: product)
            let active = validations.filter { ($0.status ?? "active") == "active" }.map(\.type)
            if !active.contains(needed) {
                out.append(Diagnostic(.organizationNotValidated(id, needed: needed, held: active), at: .organizationID))
            }
        }
        if request.organization?.hasVerifiedContact != true, case let owner?? = keyOwner {
            let lacking = owner.missingForVerifiedContact
            if !lacking.isEmpty {
                out.append(Diagnostic(.verifiedContactMissing(owner: owner.displayName, lacking: lacking), at: .organization))
            }
        }
        return out
    }

    /// Whether any order could be blocked by these facts: a required custom field, an
    /// organisation without a code signing validation, a key owner who cannot stand in. When
    /// not, a streamed batch needs no pass to find which.
    package var mayBlock: Bool {
        customFields.contains { $0.isActive && $0.isRequired }
            || validations.values.contains { found in
                guard let found else { return false }
                let active = Set(found.filter { ($0.status ?? "active") == "active" }.map(\.type))
                return !active.contains("cs") || !active.contains("ev_cs")
            }
            || (keyOwner.flatMap { $0 }.map { !$0.missingForVerifiedContact.isEmpty } ?? false)
    }
}

/// A lookup made before a send that failed: nothing was sent.
package struct AccountLookupFailure: Error, Sendable {
    /// Which lookup.
    package enum Lookup: Sendable {
        /// `GET /account/metadata`.
        case customFields
        /// `GET /organization/{id}/validation` or `GET /user/me`.
        case readiness
    }

    package var error: CertCentralError
    package var lookup: Lookup

    package init(_ error: CertCentralError, lookup: Lookup) {
        self.error = error
        self.lookup = lookup
    }

    /// `nothing sent: the account's custom fields (GET /account/metadata) could not be looked up: …`.
    package var message: String {
        switch lookup {
        case .customFields: OrderSender.lookupFailure(error)
        case .readiness: OrderSender.readinessLookupFailure(error)
        }
    }
}
