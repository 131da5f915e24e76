/// Every field of the order body, as the API reference describes it and the order language writes
/// it: the one table that `set`/`unset`, the language's parser and evaluator, `explain`, `help`,
/// completion, the `show` tree and the exporters are derived from.
///
/// The rows are in the language's order (the order `help` lists the statements in, a block's
/// statements in the order a script writes them); ``payloadOrder`` is the order of the payload,
/// taken from the model's coding keys. A test may add a field for its own task with
/// ``withFields(_:operation:)``: it is then parsed, completed, explained, shown and exported like
/// the others.
package enum FieldCatalog {
    /// The fields CertOrder knows, in the language's order; objects before their members.
    package static let builtIn: [Field] = [
        Field(.certificate, .object, .group(\.certificate), statement: .init(
            "certificate", usage: "certificate < ... >", help: "certificate: holds hash, platform, unit, csr.",
            example: "certificate < hash sha256; platform 52 >", sample: "certificate < hash sha256 >", special: .block(.certificate)),
              required: true,
              summary: "Certificate details: the signature hash, the server platform, the organization units and the CSR. Written as a block, 'certificate < hash sha256; platform 52 >'; a second block edits the same certificate."),
        Field(.signatureHash, .choice(.cases(of: HashAlgorithm.self)), .text(\.certificate.signatureHash), statement: .init(
            "hash", aliases: ["signature_hash"], in: .certificate, usage: "hash sha256",
            help: "certificate.signature_hash (required; sha256 only).", example: "hash sha256", component: "Hash"),
              required: true, swift: "certificate.signatureHash",
              summary: "Hash algorithm used to sign the certificate. Allowed values: sha256."),
        Field(.serverPlatform, .object, .object(\.certificate.serverPlatform),
              summary: "Server platform type, {\"id\": N}. Default: -1 (other)."),
        Field(.serverPlatformID, .integer(named: ["other": -1]), .reference(\.certificate.serverPlatform), statement: .init(
            "platform", aliases: ["server_platform"], in: .certificate, usage: "platform N | other",
            help: "certificate.server_platform.id; other is -1.", example: "platform 52",
            value: "an integer platform id or 'other'", component: "Platform"),
              required: true, usage: "platform N | other",
              summary: "Server platform ID (see Glossary – Server platforms); 'platform other' is -1, the default. With client_app provisioning it names the token model; platform 55 (Sun Java) requires a CSR."),
        Field(.organizationUnits, .list(of: .string()), .list(\.certificate.organizationUnits), statement: .init(
            "unit", aliases: ["organization_units"], in: .certificate, usage: "unit A, B",
            help: "certificate.organization_units (appends; DigiCert may drop OU).", example: "unit Engineering",
            sample: "unit Engineering, QA", component: "OrganizationUnits"),
              usage: "unit A, B", quotedInTree: true,
              summary: "Departments in your organization associated with the certificate. Each 'unit A, B' appends. DigiCert has been removing OU from certificates, so a unit may not appear in the issued certificate."),
        Field(.csr, .string(.pem), .text(\.certificate.csr), statement: .init(
            "csr", in: .certificate, usage: "csr \"PEM\" | csr @file",
            help: "certificate.csr; required for email provisioning and platform 55.", example: "csr @request.csr", component: "CSR"),
              summary: "Certificate signing request (CSR), PEM text; 'csr @request.csr' reads a file. Not required for EV code signing certificates; required when cs_provisioning_method is email and for server platform 55 (Sun Java). The key must be RSA 3072 bits or more, or ECC P-256 or larger. The API does not fill the request from the CSR: give every relevant field."),
        Field(.organization, .object, .object(\.organization), required: true,
              summary: "Organization to associate with the order, {\"id\": N}."),
        Field(.organizationID, .integer(), OrderRequest.organizationIDAccess, statement: .init(
            "organization", usage: "organization N", help: "organization.id (required).", example: "organization 123456",
            value: "an integer organization id", component: "Organization"),
              required: true,
              summary: "Organization ID; the organization must be validated for code signing (EV: ev_cs). 'orgs' lists yours."),
        Field(.organizationContacts, .list(of: .object), OrderRequest.contactsAccess, statement: .init(
            "contact", aliases: ["contacts"], usage: "contact < first_name ...; last_name ...; email ...; job_title ...; telephone ... >",
            help: "organization.contacts[]: appends a verified contact (all five required).",
            example: "contact < first_name Ada; last_name Lovelace; email ada@example.com; job_title \"Release Manager\"; telephone \"+1 801 555 0100\" >",
            sample: "contact < first_name Ada; last_name Lovelace; ... >", special: .block(.contact)),
              usage: "contact < first_name ...; last_name ...; email ...; job_title ...; telephone ... >",
              summary: "The organization's contacts for this order, each {contact_type, first_name, last_name, email, job_title, telephone}. A code signing order needs a verified contact (since December 2022): CertCentral adds the API key's owner only when that user has a job title and a telephone, so name one here when it does not."),
        Field(.contactType, .choice([Field.Choice(OrderRequest.Contact.verifiedContactType, swiftCase: "verifiedContact",
                                                  help: "a person CertCentral verifies for the order")]),
              OrderRequest.contactAccess("contact_type"), required: true,
              summary: "The contact's type: verified_contact, the person CertCentral verifies for a code signing order."),
        Field(.contactFirstName, .string(.word), OrderRequest.contactAccess("first_name"), statement: .init(
            "first_name", in: .contact, usage: "first_name ...", help: "organization.contacts[].first_name, only inside contact.", example: "first_name Ada"),
              required: true,
              summary: "The contact's first name."),
        Field(.contactLastName, .string(.word), OrderRequest.contactAccess("last_name"), statement: .init(
            "last_name", in: .contact, usage: "last_name ...", help: "organization.contacts[].last_name, only inside contact.", example: "last_name Lovelace"),
              required: true,
              summary: "The contact's last name."),
        Field(.contactEmail, .string(.word), OrderRequest.contactAccess("email"), statement: .init(
            "email", in: .contact, usage: "email ...", help: "organization.contacts[].email, only inside contact.", example: "email ada@example.com"),
              required: true,
              summary: "The contact's email address; CertCentral writes to it to verify the contact."),
        Field(.contactJobTitle, .string(.word), OrderRequest.contactAccess("job_title"), statement: .init(
            "job_title", in: .contact, usage: "job_title ...", help: "organization.contacts[].job_title, only inside contact.", example: "job_title \"Release Manager\""),
              required: true,
              summary: "The contact's job title; CertCentral does not verify a contact without one."),
        Field(.contactTelephone, .string(.word), OrderRequest.contactAccess("telephone"), statement: .init(
            "telephone", in: .contact, usage: "telephone ...", help: "organization.contacts[].telephone, only inside contact.", example: "telephone \"+1 801 555 0100\""),
              required: true,
              summary: "The contact's telephone number, digits with an optional leading + and spaces, dashes, dots or parentheses (7 to 15 digits); CertCentral may call it to verify the contact."),
        Field(.container, .object, .object(\.container),
              summary: "The container the order is placed under, {\"id\": N}, if needed."),
        Field(.containerID, .integer(), .reference(\.container), statement: .init(
            "container", usage: "container N", help: "container.id.", example: "container 654321",
            value: "an integer container id", component: "Container"),
              required: true,
              summary: "Container ID. 'containers' lists yours."),
        Field(.validityYears, .integer(range: 1...3), .integer(\.validityYears), statement: .init(
            "validity", aliases: ["validity_years"], usage: "validity N [years] | N days | until DATE",
            help: "Exactly one validity form; certificates last at most 459 days.", example: "validity 1",
            special: .validity, completions: ["1", "2", "3", "until"]),
              required: true, usage: "validity N [years]", swift: "validityYears",
              summary: "Number of years the order is valid: 1, 2 or 3. Exactly one of validity_years, order_validity and custom_expiration_date is required. Certificates are issued for at most 459 days, so 2 and 3 year orders are covered by reissues."),
        Field(.orderValidity, .object, .object(\.orderValidity),
              summary: "The order's length as {\"years\": N} or {\"days\": N}, the newer form of validity_years."),
        Field(.orderValidityYears, .integer(range: 1...3), .integer(\.orderValidity.orEmpty.years), statement: .init(
            "order_validity", usage: "order_validity N years|days",
            help: "order_validity.years or .days; one validity form, replacing the others.", example: "order_validity 90 days",
            sample: "order_validity 1 years", special: .orderValidity, completions: []),
              usage: "order_validity N years",
              summary: "The order's length in years ('order_validity N years'); one of the validity forms."),
        Field(.orderValidityDays, .integer(), .integer(\.orderValidity.orEmpty.days), usage: "validity N days",
              summary: "The order's length in days, 1 to 459 ('validity N days'); one of the validity forms."),
        Field(.customExpirationDate, .date, .text(\.customExpirationDate), statement: .init(
            "custom_expiration_date", usage: "custom_expiration_date YYYY-MM-DD",
            help: "custom_expiration_date, as validity until DATE; in the future, at most 459 days away.",
            example: "custom_expiration_date 2027-05-31", special: .expirationDate),
              usage: "validity until YYYY-MM-DD", swift: "customExpirationDate",
              summary: "A custom expiration date, YYYY-MM-DD, within 459 days ('validity until 2027-05-31'); one of the validity forms."),
        Field(.provisioningMethod, .choice(.cases(of: ProvisioningMethod.self)), .text(\.provisioningMethod), statement: .init(
            "provisioning", aliases: ["cs_provisioning_method"], usage: "provisioning ship_token|client_app|email",
            help: "cs_provisioning_method.", example: "provisioning ship_token", component: "Provisioning"),
              evOnly: true, swift: "provisioningMethod",
              summary: "How the certificate's key is provisioned: ship_token (DigiCert ships a hardware token to ship_info or the account's address), client_app (your own supported token; the server platform names its model) or email (your own HSM; a CSR is required). The reference lists it as required for EV orders; when omitted the account's default is used."),
        Field(.shipInfo, .object, .object(\.shipInfo), statement: .init(
            "ship", aliases: ["ship_info"], usage: "ship < name addr1 addr2 city state zip country method >",
            help: "ship_info: where the token goes.",
            example: "ship < name \"Erin Guerra\"; city Richmond; country us; method standard >",
            sample: "ship < name \"Erin Guerra\"; method standard >", special: .block(.ship)),
              evOnly: true,
              summary: "For EV code signing with ship_token provisioning: the shipping address of the hardware token. Written as a block, 'ship < name ...; method standard >'; without it the account's address is used."),
        Field(.shipName, .string(), .text(\.shipInfo.orEmpty.name), statement: .init(
            "name", in: .ship, usage: "name \"TEXT\"", help: "ship_info.name, only inside ship (required): the recipient.",
            example: "ship < name \"Erin Guerra\" >", sample: "name \"Erin Guerra\""),
              required: true, evOnly: true, summary: "Name of the recipient."),
        Field(.shipAddr1, .string(), .text(\.shipInfo.orEmpty.addr1), statement: .init(
            "addr1", in: .ship, usage: "addr1 \"TEXT\"", help: "ship_info.addr1, only inside ship (required): the street address.",
            example: "ship < addr1 \"360 Taylor Street\" >", sample: "addr1 \"360 Taylor Street\""),
              required: true, evOnly: true, summary: "Shipping address for the token."),
        Field(.shipAddr2, .string(), .text(\.shipInfo.orEmpty.addr2), statement: .init(
            "addr2", in: .ship, usage: "addr2 \"TEXT\"", help: "ship_info.addr2, only inside ship: a second address line.",
            example: "ship < addr2 \"Floor 74\" >", sample: "addr2 \"Floor 74\""),
              evOnly: true, summary: "Second line of the shipping address."),
        Field(.shipCity, .string(), .text(\.shipInfo.orEmpty.city), statement: .init(
            "city", in: .ship, usage: "city TEXT", help: "ship_info.city, only inside ship (required); quote a name with spaces.",
            example: "ship < city Richmond >", sample: "city Richmond"),
              required: true, evOnly: true, summary: "Shipping city."),
        Field(.shipState, .string(), .text(\.shipInfo.orEmpty.state), statement: .init(
            "state", in: .ship, usage: "state TEXT", help: "ship_info.state, only inside ship (required).",
            example: "ship < state va >", sample: "state va"),
              required: true, evOnly: true, summary: "Shipping state."),
        Field(.shipZip, .string(), .text(\.shipInfo.orEmpty.zip), statement: .init(
            "zip", in: .ship, usage: "zip \"CODE\"",
            help: "ship_info.zip, only inside ship (required); a string, so zip 02134 keeps its leading zero.",
            example: "ship < zip \"69662\" >", sample: "zip \"69662\""),
              required: true, evOnly: true, summary: "Shipping postal code, a string: 'zip 02134' keeps its leading zero."),
        Field(.shipCountry, .string(), .text(\.shipInfo.orEmpty.country), statement: .init(
            "country", in: .ship, usage: "country CODE",
            help: "ship_info.country, only inside ship (required): an ISO 3166 two-letter code.",
            example: "ship < country us >", sample: "country us"),
              required: true, evOnly: true, summary: "Shipping country, an ISO 3166 two-letter code such as us."),
        Field(.shipMethod, .choice(.cases(of: ShippingMethod.self)), .text(\.shipInfo.orEmpty.method), statement: .init(
            "method", in: .ship, usage: "method standard|expedited", help: "ship_info.method, only inside ship; expedited costs more.",
            example: "method standard"),
              required: true, evOnly: true,
              summary: "Shipping priority for the token: STANDARD or EXPEDITED (incurs added cost). Read case-insensitively; the payload carries the upper-case spelling."),
        Field(.autoRenew, .integer(), .integer(\.autoRenew), statement: .init(
            "auto_renew", usage: "auto_renew N", help: "auto_renew: how many times to renew automatically.", example: "auto_renew 1",
            value: "a number of renewals", component: "AutoRenew"),
              summary: "Number of times the certificate should renew automatically."),
        Field(.renewalOfOrderID, .integer(), .integer(\.renewalOfOrderID), statement: .init(
            "renewal_of", aliases: ["renewal_of_order_id"], usage: "renewal_of N", help: "renewal_of_order_id.",
            example: "renewal_of 112233", value: "an integer order id", component: "RenewalOf"),
              summary: "If the order is a renewal, the previous order's ID."),
        Field(.renewalMessage, .string(.prose), .text(\.renewalMessage), statement: .init(
            "renewal_message", aliases: ["custom_renewal_message"], usage: "renewal_message \"...\"", help: "custom_renewal_message.",
            example: "renewal_message \"Renew this please.\"", component: "RenewalMessage"),
              quotedInTree: true,
              summary: "A message included in the renewal notice emails."),
        Field(.comments, .string(.prose), .text(\.comments), statement: .init(
            "comments", usage: "comments \"...\"", help: "comments for the approver.",
            example: "comments \"Message for the approver\"", component: "Comments"),
              quotedInTree: true,
              summary: "A message for the approver of the order."),
        Field(.skipApproval, .flag, .flag(\.skipApproval), statement: .init(
            "skip_approval", usage: "skip_approval [false]", help: "skip_approval; bare means true.", example: "skip_approval",
            component: "SkipApproval"),
              usage: "skip_approval [true|false]",
              summary: "Skip the account's internal approval step and submit the order for validation at once; bare 'skip_approval' means true. Organization validation, EV verified-contact approval and HSM attestation still happen. Default: false."),
        Field(.additionalEmails, .list(of: .string()), .list(\.additionalEmails), statement: .init(
            "emails", aliases: ["additional_emails"], usage: "emails a@x, b@y", help: "additional_emails (appends).",
            example: "emails release@example.com", sample: "emails a@example.com, b@example.com", component: "AdditionalEmails"),
              usage: "emails a@example.com, b@example.com",
              summary: "Additional email addresses to receive certificate notification emails (issuance, duplicate certificate, renewals). Each 'emails a@x, b@y' appends."),
        Field(.customFields, .list(of: .object), OrderRequest.customFieldsAccess, statement: .init(
            "custom_field", aliases: ["custom_fields"], usage: "custom_field ID \"value\"", help: "custom_fields[] (appends).",
            example: "custom_field 12 \"123456\"", special: .customField),
              usage: "custom_field ID VALUE", swift: "customFields",
              summary: "Account-specific custom fields, each {metadata_id, value}; 'custom_field ID \"value\"' appends one. Whether they are required depends on your account's custom field settings ('GET /account/metadata')."),
        Field(.customFieldMetadataID, .integer(), OrderRequest.customFieldAccess(\.metadataID), required: true,
              summary: "Custom field ID."),
        Field(.customFieldValue, .string(), OrderRequest.customFieldAccess(\.value), required: true,
              summary: "Value for the custom field; its validation depends on the field's data type (text, int, email_address, email_list)."),
        Field(.paymentMethod, .choice(.cases(of: PaymentMethod.self)), .text(\.paymentMethod), statement: .init(
            "payment", aliases: ["payment_method"], usage: "payment balance|card|profile", help: "payment_method.",
            example: "payment balance", component: "Payment"),
              swift: "paymentMethod",
              summary: "The payment method to use: balance, card or profile. Default: balance."),
        Field(.alternativeOrderID, .string(.quoted), .text(\.alternativeOrderID), statement: .init(
            "alternative_order_id", usage: "alternative_order_id \"...\"",
            help: "Your own id for the order (certorder sets certorder-<uuid> when absent).",
            example: "alternative_order_id \"release-2027\"", sample: "alternative_order_id \"build-42\"", component: "AlternativeOrderID"),
              summary: "Your own id for the order, 1 to 64 characters; 'GET /order/alternate/{id}' finds the order by it."),
        // Statements of the order that are no payload field (``Field/Role/statement``).
        Field(statement: .init(
            "name", usage: "name \"NAME\"",
            help: "The declared order's name for plan and apply: its alternative_order_id (at most \(DeclaredName.maximumLength) characters, no '\(DeclaredName.separator)').",
            example: "name \"release-2026\"", special: .declaredName),
              .string(.quoted),
              summary: "Declares the order for 'plan' and 'apply': the name is written to alternative_order_id, and renewals get name~r1, name~r2, …. At most \(DeclaredName.maximumLength) characters, without '\(DeclaredName.separator)'. 'alternative_order_id' with another value in the same order is an error. Inside 'ship < >', 'name' is the recipient's name."),
        Field(statement: .init(
            "renew_within", usage: "renew_within N days",
            help: "The order's renewal window for plan and apply: renew when the certificate expires within N days (1 to \(Validator.maximumCertificateDays)).",
            example: "renew_within 45 days", value: "a number of days from 1 to \(Validator.maximumCertificateDays)",
            special: .renewWithin, completions: [], units: ["days", "day"]),
              .integer(),
              summary: "Days before its certificate expires within which 'plan' and 'apply' renew the order, 1 to \(Validator.maximumCertificateDays); it wins over 'plan --renew-within' (the default for orders that do not say, 30 days). Not sent: no payload field."),
    ]

    // MARK: - The rows in use

    /// Every row, in the language's order (the built-in rows, then any added by
    /// ``withFields(_:operation:)``): the payload's fields and the order's non-payload statements
    /// (``Field/Role/statement``).
    package static var fields: [Field] { tables.fields }

    /// Every payload field in payload order (the model's coding keys); objects before their
    /// members. No ``Field/Role/statement`` row.
    package static var payloadOrder: [Field] { tables.payloadOrder }

    /// Runs `operation` with `extra` fields added (a row with a built-in path replaces it) for the
    /// current task only and the tasks it starts, so that a test can add a field without the
    /// tests running beside it seeing it. Everything derived from the catalogue knows the field
    /// meanwhile: the parser, the evaluator, `set`/`unset`, `explain`, `help`, completion, the
    /// `show` tree and the exporters. The payload coding is the model's own: a field it does not
    /// encode reaches the payload only through a member the model has.
    package static func withFields<R>(_ extra: [Field], operation: () throws -> R) rethrows -> R {
        try $scoped.withValue(tables(adding: extra), operation: operation)
    }

    /// The async form of ``withFields(_:operation:)``.
    package static func withFields<R>(_ extra: [Field], isolation: isolated (any Actor)? = #isolation,
                                     operation: () async throws -> R) async rethrows -> R {
        try await $scoped.withValue(tables(adding: extra), operation: operation, isolation: isolation)
    }

    /// The rows in use with `extra` added, a row with the same path replaced.
    private static func tables(adding extra: [Field]) -> Tables {
        var fields = tables.fields
        for field in extra {
            fields.removeAll { $0.path == field.path }
            fields.append(field)
        }
        return Tables(fields)
    }

    @TaskLocal private static var scoped: Tables?

    // MARK: - Looking up

    /// The field whose statement (or alias) is `keyword`, case-insensitively; `nil` when none.
    package static func statement(named keyword: String) -> Field? {
        let t = tables
        return t.byStatement[keyword] ?? t.byStatement[keyword.lowercased()]
    }

    /// The fields whose statements are written in `block`, in the language's order.
    package static func statements(in block: Field.Block) -> [Field] {
        tables.fields.filter { $0.statement?.block == block }
    }

    /// The row whose statement (or alias) is `keyword` in `block`: where two blocks use one
    /// word (`name` of an order, `name` inside `ship < >`), the one written there.
    package static func statement(named keyword: String, in block: Field.Block) -> Field? {
        let lowered = keyword.lowercased()
        return tables.fields.first { $0.statement?.block == block && $0.statement?.names.contains(lowered) == true }
    }

    /// Every name a field answers to (paths, statements and aliases), sorted, for completion and
    /// did-you-mean.
    package static var allNames: [String] { tables.allNames }

    /// The payload paths that `set` accepts (leaf fields and lists), in payload order.
    package static var settablePaths: [String] { tables.settablePaths }

    /// The field a name stands for: a payload path (`ship_info.method`, `custom_fields[2].value`),
    /// a statement (`method`) or an alias (`signature_hash`), case-insensitively; `nil` when none.
    package static func field(named name: String) -> Field? {
        let key = template(of: name.lowercased())
        let t = tables
        return t.byPath[key] ?? t.byName[key]
    }

    /// The field at a payload path (indices written `[N]` or `[]`).
    package static func field(atPath path: String) -> Field? {
        tables.byPath[template(of: path)]
    }

    /// The field at a path template.
    package static func field(at path: FieldPath) -> Field? {
        tables.byPath[path.template]
    }

    /// The fields directly inside an object, in payload order.
    package static func members(of object: FieldPath) -> [Field] {
        tables.payloadOrder.filter { $0.path.parent == object }
    }

    /// For a `{"id": N}` object (`organization`), its `id` field: the member the object's path
    /// stands for in `set`, and the one line the `show` tree gives both; `nil` for other fields.
    package static func idMember(of object: Field) -> Field? {
        guard case .object = object.kind else { return nil }
        // `organization` also holds a list (its contacts): still one line for its id, the list under it.
        let members = members(of: object.path)
        guard let id = members.first(where: { $0.path.key == "id" }),
              members.allSatisfy({ member in
                  if member === id { return true }
                  if case .list = member.kind { return true }
                  return false
              }) else { return nil }
        return id
    }

    /// ` Did you mean 'x'?` for an unknown field name, or the empty string.
    package static func didYouMean(_ name: String) -> String {
        Suggestion.didYouMean(name, in: allNames)
    }

    /// A path with every `[N]` written `[]`: `custom_fields[0].value` → `custom_fields[].value`.
    package static func template(of path: String) -> String {
        guard path.contains("[") else { return path }
        var out = ""
        var inIndex = false
        for ch in path {
            if ch == "[" { inIndex = true; out.append("[") } else if ch == "]" { inIndex = false; out.append("]") } else if !inIndex { out.append(ch) }
        }
        return out
    }

    // MARK: - Derived tables

    /// What the lookups read, built once per change of the rows.
    struct Tables: Sendable {
        var fields: [Field]
        var payloadOrder: [Field]
        var byPath: [String: Field] = [:]
        var byName: [String: Field] = [:]
        var byStatement: [String: Field] = [:]
        var allNames: [String]
        var settablePaths: [String]

        init(_ fields: [Field]) {
            self.fields = fields
            // What is keyed by payload path (and `set`, `show`, the payload exporters) knows the
            // payload's rows only.
            payloadOrder = Self.payloadOrder(fields.filter { $0.role == .payload })
            for field in payloadOrder { byPath[field.path.template] = field }
            for field in payloadOrder {
                for name in field.statement?.names ?? [] where byName[name] == nil { byName[name] = field }
            }
            for field in fields {
                for name in field.statement?.names ?? [] where byStatement[name] == nil { byStatement[name] = field }
            }
            allNames = Array(Set(fields.flatMap(\.names))).sorted()
            settablePaths = payloadOrder.filter { if case .object = $0.kind { return false }; return true }.map(\.path.template)
        }

        /// The rows sorted as the model encodes them: by top-level key, then by the key inside
        /// `certificate` or `ship_info`; rows the model does not name keep their order, last.
        static func payloadOrder(_ fields: [Field]) -> [Field] {
            let top = Dictionary(uniqueKeysWithValues: OrderRequest.fieldNames.enumerated().map { ($1, $0) })
            let nested: [String: [String: Int]] = [
                "certificate": Dictionary(uniqueKeysWithValues: OrderRequest.CertificateDetails.fieldNames.enumerated().map { ($1, $0) }),
                "ship_info": Dictionary(uniqueKeysWithValues: OrderRequest.ShipInfo.fieldNames.enumerated().map { ($1, $0) }),
                "organization": Dictionary(uniqueKeysWithValues: OrderRequest.OrganizationReference.fieldNames.enumerated().map { ($1, $0) }),
            ]
            func key(_ field: Field, _ index: Int) -> (Int, Int, Int) {
                let path = field.path
                let first = top[path.topKey] ?? Int.max
                guard path.template != path.topKey else { return (first, -1, index) }
                let rest = path.template.dropFirst(path.topKey.count + 1)
                let second = nested[path.topKey]?[String(rest.prefix { $0 != "." && $0 != "[" })] ?? 0
                return (first, second, index)
            }
            return fields.enumerated().map { (key($1, $0), $1) }.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    private static let builtInTables = Tables(builtIn)

    private static var tables: Tables { scoped ?? builtInTables }
}

/// The payload paths of the built-in fields, each written once: the catalogue's rows and the
/// validator's rules name fields by these.
extension FieldPath {
    package static let certificate: FieldPath = "certificate"
    package static let signatureHash: FieldPath = "certificate.signature_hash"
    package static let serverPlatform: FieldPath = "certificate.server_platform"
    package static let serverPlatformID: FieldPath = "certificate.server_platform.id"
    package static let organizationUnits: FieldPath = "certificate.organization_units"
    package static let csr: FieldPath = "certificate.csr"
    package static let organization: FieldPath = "organization"
    package static let organizationID: FieldPath = "organization.id"
    package static let organizationContacts: FieldPath = "organization.contacts"
    package static let contactType: FieldPath = "organization.contacts[].contact_type"
    package static let contactFirstName: FieldPath = "organization.contacts[].first_name"
    package static let contactLastName: FieldPath = "organization.contacts[].last_name"
    package static let contactEmail: FieldPath = "organization.contacts[].email"
    package static let contactJobTitle: FieldPath = "organization.contacts[].job_title"
    package static let contactTelephone: FieldPath = "organization.contacts[].telephone"
    package static let container: FieldPath = "container"
    package static let containerID: FieldPath = "container.id"
    package static let validityYears: FieldPath = "validity_years"
    package static let orderValidity: FieldPath = "order_validity"
    package static let orderValidityYears: FieldPath = "order_validity.years"
    package static let orderValidityDays: FieldPath = "order_validity.days"
    package static let customExpirationDate: FieldPath = "custom_expiration_date"
    package static let provisioningMethod: FieldPath = "cs_provisioning_method"
    package static let shipInfo: FieldPath = "ship_info"
    package static let shipName: FieldPath = "ship_info.name"
    package static let shipAddr1: FieldPath = "ship_info.addr1"
    package static let shipAddr2: FieldPath = "ship_info.addr2"
    package static let shipCity: FieldPath = "ship_info.city"
    package static let shipState: FieldPath = "ship_info.state"
    package static let shipZip: FieldPath = "ship_info.zip"
    package static let shipCountry: FieldPath = "ship_info.country"
    package static let shipMethod: FieldPath = "ship_info.method"
    package static let autoRenew: FieldPath = "auto_renew"
    package static let renewalOfOrderID: FieldPath = "renewal_of_order_id"
    package static let renewalMessage: FieldPath = "custom_renewal_message"
    package static let comments: FieldPath = "comments"
    package static let skipApproval: FieldPath = "skip_approval"
    package static let additionalEmails: FieldPath = "additional_emails"
    package static let customFields: FieldPath = "custom_fields"
    package static let customFieldMetadataID: FieldPath = "custom_fields[].metadata_id"
    package static let customFieldValue: FieldPath = "custom_fields[].value"
    package static let paymentMethod: FieldPath = "payment_method"
    package static let alternativeOrderID: FieldPath = "alternative_order_id"
}
