import CertCentral
import CertOrder
import Foundation

/// The account the sandbox pretends to be: organizations, containers, custom fields and products,
/// chosen so that the documented example order (organization 123456, container 654321, custom
/// field 12) is valid as it stands.
enum SandboxSeed {
    struct Organization: Sendable {
        var id: Int
        var name: String
        var city: String
        var state: String
        var country: String
        var containerID: Int
        /// Validation types held: `cs`, `ev_cs`, `ov`, `ev`.
        var validations: [String]
    }

    struct Container: Sendable {
        var id: Int
        var name: String
        var description: String
        var parentID: Int
    }

    struct CustomField: Sendable {
        var id: Int
        var label: String
        var isRequired: Bool
        var isActive: Bool
        /// `text`, `int`, `email_address` or `email_list`.
        var dataType: String
    }

    static let organizations: [Organization] = [
        Organization(id: 123456, name: "Example Org", city: "Richmond", state: "va", country: "us",
                     containerID: 654321, validations: ["ov", "ev", "cs", "ev_cs"]),
        Organization(id: 123457, name: "Example Labs", city: "Lehi", state: "ut", country: "us",
                     containerID: 654321, validations: ["ov"]),
    ]

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
        .object([
            "id": .int(org.id),
            "status": .string("active"),
            "name": .string(org.name),
            "display_name": .string(org.name),
            "is_active": .bool(true),
            "city": .string(org.city),
            "state": .string(org.state),
            "country": .string(org.country),
            "container": .object(["id": .int(org.containerID), "name": .string(container(org.containerID)?.name ?? ""), "is_active": .bool(true)]),
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
            "parent_id": .int(c.parentID),
            "name": .string(c.name),
            "description": .string(c.description),
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
            ProductInfo.CodingKeys.signatureHashTypes.rawValue: .object([
                "allowed_hash_types": .array([.object(["id": .string("sha256"), "name": .string("SHA-256")])]),
                "default_hash_type_id": .string("sha256"),
            ]),
            "allowed_cs_provisioning_methods": .strings(ProvisioningMethod.allCases.map(\.rawValue)),
            "csr_required": .bool(false),
        ])
    }
}
