import CertOrder
import Testing

/// The account's requirements, the one owner the client (``CustomFieldMetadata``) and the bundled
/// sandbox (`AccountRules`) both call.
@Suite("Account requirements")
struct AccountRequirementsTests {
    func order(_ fields: [(Int, String)]?) -> OrderRequest {
        var request = OrderRequest()
        request.customFields = fields?.map { .init(metadataID: $0.0, value: $0.1) }
        return request
    }

    @Test func aRequiredCustomFieldIsGivenOnlyWithAValue() {
        #expect(AccountRequirements.missingCustomFields([12, 13], in: order(nil)) == [12, 13])
        #expect(AccountRequirements.missingCustomFields([12, 13], in: order([(13, "4711")])) == [12])
        // Empty fills nothing: the field is missing (the validator reports the empty value too).
        #expect(AccountRequirements.missingCustomFields([12], in: order([(12, "")])) == [12])
        #expect(AccountRequirements.missingCustomFields([12], in: order([(12, ""), (12, "cc-9")])) == [])
        #expect(AccountRequirements.missingCustomFields([], in: order([(12, "")])) == [])
    }

    @Test func organizationValidationPerProduct() {
        #expect(AccountRequirements.organizationValidation(for: .codeSigning) == "cs")
        #expect(AccountRequirements.organizationValidation(for: .codeSigningEV) == "ev_cs")
    }
}
