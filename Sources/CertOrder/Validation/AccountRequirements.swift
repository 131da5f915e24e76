/// What a CertCentral account asks of an order beyond the payload's own rules (which the
/// ``Validator`` checks): its required custom fields, and the validation an organization needs
/// for a product. The client judges a draft by these before sending and the bundled sandbox
/// judges the orders it receives by the same functions, so the two cannot disagree.
public enum AccountRequirements {
    /// The ids among `required` (the account's active required custom fields) that `request`
    /// does not give. A field counts as given only with a value that is not empty: an empty
    /// value fills nothing, so it is missing here (and the validator reports the empty value
    /// itself too). Answered in the order of `required`.
    public static func missingCustomFields(_ required: [Int], in request: OrderRequest) -> [Int] {
        let given = Set((request.customFields ?? []).filter { !$0.value.isEmpty }.map(\.metadataID))
        return required.filter { !given.contains($0) }
    }

    /// The organization validation type that orders of `product` need: `ev_cs` for EV code
    /// signing, `cs` for code signing.
    public static func organizationValidation(for product: Product) -> String {
        product == .codeSigningEV ? "ev_cs" : "cs"
    }
}
