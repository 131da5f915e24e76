import CertCentral
import CertOrder
import Foundation

/// The account the sandbox pretends to be: organizations, containers, custom fields and products,
/// chosen so that the documented example order (organization 123456, container 654321, custom
/// field 12) is valid as it stands.
enum SandboxSeed {
    // The records are the client's models: the sandbox holds what the client reads.
    typealias Organization = CertCentral.Organization
    typealias Container = CertCentral.Container
    typealias CustomField = CustomFieldMetadata

    static let organizations: [Organization] = [
        Organization(id: 123456, name: "Example Org", city: "Richmond", state: "va", country: "us", container: Reference(id: 654321)),
        Organization(id: 123457, name: "Example Labs", city: "Lehi", state: "ut", country: "us", container: Reference(id: 654321)),
    ]

    /// The validation types each organization holds: `cs`, `ev_cs`, `ov`, `ev`: one organisation
    /// validated for both kinds of code signing, one for neither.
    static let validations: [Int: [String]] = [123456: ["ov", "ev", "cs", "ev_cs"], 123457: ["ov"]]

    /// The user every key of the sandbox belongs to (`GET /user/me`).
    static let keyOwnerID = 5551

    static let containers: [Container] = [
        Container(id: 654321, name: "Example Org", description: "The account's top container", parentID: 0),
    ]

    static let customFields: [CustomField] = [
        CustomField(id: 12, label: "Cost center", isRequired: true, isActive: true, dataType: "text"),
        CustomField(id: 13, label: "Ticket number", isRequired: false, isActive: true, dataType: "int"),
    ]

    static func organization(_ id: Int) -> Organization? { organizations.first { $0.id == id } }
    static func container(_ id: Int) -> Container? { containers.first { $0.id == id } }
    static func customField(_ id: Int) -> CustomField? { customFields.first { $0.id == id } }

    static func productName(_ product: Product) -> String {
        product == .codeSigningEV ? "EV Code Signing" : "Code Signing"
    }

    // MARK: - JSON

    static func json(_ org: Organization) -> JSONValue {
        let containerID = org.container?.id ?? 0
        return .object([
            "id": .int(org.id),
            "status": .string("active"),
            "name": org.name.json,
            "display_name": org.name.json,
            "is_active": .bool(true),
            "city": org.city.json,
            "state": org.state.json,
            "country": org.country.json,
            "container": .object(["id": .int(containerID), "name": .string(container(containerID)?.name ?? ""), "is_active": .bool(true)]),
        ])
    }

    static func validationJSON(_ type: String, until: String) -> JSONValue {
        let names = ["ov": ("OV", "Normal Organization Validation"), "ev": ("EV", "Extended Organization Validation (EV)"),
                     "cs": ("CS", "Code Signing Organization Validation"), "ev_cs": ("EV CS", "Code Signing Organization Extended Validation (EV CS)")]
        let (name, description) = names[type] ?? (type.uppercased(), type)
        return .object([
            "type": .string(type),
            "name": .string(name),
            "description": .string(description),
            "validated_until": .string(until),
            "status": .string("active"),
        ])
    }

    static func json(_ c: Container) -> JSONValue {
        .object([
            "id": .int(c.id),
            "parent_id": c.parentID.json,
            "name": c.name.json,
            "description": c.description.json,
            "is_active": .bool(true),
        ])
    }

    static func json(_ f: CustomField) -> JSONValue {
        .object([
            "id": .int(f.id),
            "label": .string(f.label),
            "is_required": .bool(f.isRequired),
            "is_active": .bool(f.isActive),
            "data_type": .string(f.dataType),
        ])
    }

    static func productJSON(_ product: Product) -> JSONValue {
        .object([
            "group_name": .string("code_signing_certificate"),
            "name_id": .string(product.nameID),
            "name": .string(productName(product)),
            "type": .string("code_signing_certificate"),
            "allowed_validity_years": .array([.int(1), .int(2), .int(3)]),
            "allowed_order_validity_years": .array([.int(1), .int(2), .int(3)]),
            "maximum_certificate_days": .int(Validator.maximumCertificateDays),
            // The key the client's ``ProductInfo`` reads the hash types by.
            ProductInfo.CodingKeys.signatureHashTypes.stringValue: .object([
                "allowed_hash_types": .array([.object(["id": .string("sha256"), "name": .string("SHA-256")])]),
                "default_hash_type_id": .string("sha256"),
            ]),
            "allowed_cs_provisioning_methods": .strings(ProvisioningMethod.allCases.map(\.rawValue)),
            "csr_required": .bool(false),
        ])
    }
}

extension SandboxSeed.Organization {
    /// The validation types the organization holds in the sandbox's account.
    var validations: [String] { SandboxSeed.validations[id] ?? [] }
}
