import CertOrder
import Foundation

/// The checks CertCentral makes against the account, beyond the payload's own rules (which the
/// shared ``Validator`` makes): the organization, the container and the custom fields must exist
/// in the account, and every active required custom field must be given.
enum AccountRules {
    static func errors(_ r: OrderRequest, product: Product) -> [(code: String, message: String)] {
        var out: [(code: String, message: String)] = []
        if let id = r.organization?.id, id > 0 {
            if let org = SandboxSeed.organization(id) {
                let needed = AccountRequirements.organizationValidation(for: product)
                if !org.validations.contains(needed) {
                    out.append(("invalid_value:organization.id",
                                "organization \(id) (\(org.name ?? "")) is not validated for \(product == .codeSigningEV ? "EV code signing" : "code signing") (\(needed)); use an organization validated for \(needed), see GET /organization/\(id)/validation"))
                }
            } else {
                out.append(("invalid_value:organization.id",
                            "organization \(id) is not in this account; see GET /organization for the account's organizations"))
            }
        }
        if let id = r.container?.id, id > 0, SandboxSeed.container(id) == nil {
            out.append(("invalid_value:container.id",
                        "container \(id) is not in this account; see GET /container for the account's containers"))
        }
        out += customFieldErrors(r)
        return out
    }

    static func customFieldErrors(_ r: OrderRequest) -> [(code: String, message: String)] {
        var out: [(code: String, message: String)] = []
        let code = "invalid_custom_field_value"
        var seen = Set<Int>()
        for field in r.customFields ?? [] where field.metadataID > 0 {
            guard let meta = SandboxSeed.customField(field.metadataID), meta.isActive else {
                out.append((code, "custom field \(field.metadataID) is not an active custom field of this account; see GET /account/metadata"))
                continue
            }
            if !seen.insert(field.metadataID).inserted {
                out.append((code, "custom field \(meta.id) (\(meta.label)) is given more than once; give it once"))
                continue
            }
            guard !field.value.isEmpty else { continue }  // the validator reports empty values
            if let problem = typeProblem(field.value, dataType: meta.dataType) {
                out.append((code, "custom field \(meta.id) (\(meta.label)) must be \(problem); got '\(field.value)'"))
            }
        }
        // Required and not given (absent, or given empty): the client's rule, shared.
        let required = SandboxSeed.customFields.filter { $0.isActive && $0.isRequired }
        let missing = Set(AccountRequirements.missingCustomFields(required.map(\.id), in: r))
        for meta in required where missing.contains(meta.id) {
            out.append((code, "custom field \(meta.id) (\(meta.label)) is required by this account; add {\"metadata_id\": \(meta.id), \"value\": \"...\"} to custom_fields"))
        }
        return out
    }

    /// What is wrong with `value` for a field of `dataType`, or `nil`.
    static func typeProblem(_ value: String, dataType: String) -> String? {
        switch dataType {
        case "int":
            return Int(value) == nil ? "an integer" : nil
        case "email_address":
            return Validator.isEmail(value) ? nil : "an email address"
        case "email_list":
            let emails = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return !emails.isEmpty && emails.allSatisfy(Validator.isEmail) ? nil : "a comma-separated list of email addresses"
        default:
            return nil
        }
    }
}
