import CertCentral

/// `account orgs|containers|fields --json`: the account's organizations (with their
/// validations), containers or custom fields, as arrays of objects (schemas:
/// `Docs/schemas/account-orgs.schema.json`, `account-containers`, `account-fields`).
package enum AccountReport {
    package struct Organization: Encodable {
        package var id: Int
        package var name: String?
        package var status: String?
        package var validations: [Validation]

        package struct Validation: Encodable {
            package var type: String
            package var status: String?
            package func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(type, forKey: .type)
                try container.encode(status, forKey: .status)
            }
            enum CodingKeys: String, CodingKey { case type, status }
        }

        package init(_ organization: CertCentral.Organization, validations: [OrganizationValidation]) {
            id = organization.id
            name = organization.displayName ?? organization.name
            status = organization.status
            self.validations = validations.map { Validation(type: $0.type, status: $0.status) }
        }

        enum CodingKeys: String, CodingKey { case id, name, status, validations }

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(status, forKey: .status)
            try container.encode(validations, forKey: .validations)
        }
    }

    package struct Container: Encodable {
        package var id: Int
        package var name: String?

        package init(_ container: CertCentral.Container) {
            id = container.id
            name = container.name
        }

        enum CodingKeys: String, CodingKey { case id, name }

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
        }
    }

    package struct CustomField: Encodable {
        package var id: Int
        package var label: String
        package var dataType: String
        package var isRequired: Bool
        package var isActive: Bool

        package init(_ field: CustomFieldMetadata) {
            id = field.id
            label = field.label
            dataType = field.dataType
            isRequired = field.isRequired
            isActive = field.isActive
        }

        enum CodingKeys: String, CodingKey {
            case id, label, dataType = "data_type", isRequired = "is_required", isActive = "is_active"
        }
    }
}
