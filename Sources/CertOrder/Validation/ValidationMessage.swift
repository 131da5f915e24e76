/// The wording of every ``Diagnostic`` CertOrder reports, in one place, as swift-syntax keeps a
/// module's messages in one file: each constructor gives the message's ``ValidationMessageID``,
/// its severity and kind, and its text. Call sites name the message (`.signatureHashMissing`)
/// and never spell the sentence, so a rewording is one edit here and the golden test that pins it.
public struct ValidationMessage: Hashable, Sendable {
    public let id: ValidationMessageID
    public let severity: Diagnostic.Severity
    public let kind: Diagnostic.Kind
    /// What is wrong and what to do, in one sentence.
    public let text: String

    public init(_ id: ValidationMessageID, _ severity: Diagnostic.Severity, _ kind: Diagnostic.Kind, _ text: String) {
        self.id = id
        self.severity = severity
        self.kind = kind
        self.text = text
    }
}

// MARK: - The certificate

extension ValidationMessage {
    /// `number` counts from 1.
    public static func organizationUnitEmpty(_ number: Int) -> Self {
        .init(.organizationUnitEmpty, .error, .invalidValue, "organization unit \(number) is empty; give a department name or remove it")
    }

    public static let organizationUnitDropped = Self(.organizationUnitDropped, .warning, .advice,
        "DigiCert has been removing OU from certificates; the unit may not appear in the certificate")

    public static func serverPlatformInvalid(_ id: Int) -> Self {
        .init(.serverPlatformInvalid, .error, .invalidValue, "server_platform.id must be a positive platform id or -1 (other); got \(id)")
    }

    public static let signatureHashMissing = Self(.signatureHashMissing, .error, .missing,
        "\(FieldPath.signatureHash.key) is required; add 'hash sha256'")

    public static func signatureHashInvalid(_ hash: String) -> Self {
        .init(.signatureHashInvalid, .error, .invalidValue,
              "\(FieldPath.signatureHash.key) must be sha256; got '\(hash)'." + Suggestion.didYouMean(hash, in: ["sha256"]))
    }

    public static let csrRequiredForEmail = Self(.csrRequiredForEmail, .error, .missing,
        "a CSR is required when cs_provisioning_method is email; add 'csr @request.csr'")

    public static let csrRequiredForJava = Self(.csrRequiredForJava, .error, .missing,
        "a CSR is required for server platform 55 (Sun Java); add 'csr @request.csr'")

    /// `key` describes the CSR's key (`RSA 2048 bits`).
    public static func csrWeakKey(_ key: String) -> Self {
        .init(.csrWeakKey, .error, .invalidCSR,
              "the CSR's key is \(key); code signing needs RSA 3072 bits or more, or ECC P-256 or larger")
    }

    public static let csrNotPEM = Self(.csrNotPEM, .error, .invalidCSR,
        "the CSR is not PEM text; paste the whole '-----BEGIN CERTIFICATE REQUEST-----' block")

    public static let csrUnparsable = Self(.csrUnparsable, .error, .invalidCSR,
        "the CSR cannot be parsed as a PKCS #10 certificate request; generate it again")
}

// MARK: - Provisioning and validity

extension ValidationMessage {
    public static func provisioningInvalid(_ method: String, allowed: [String]) -> Self {
        .init(.provisioningInvalid, .error, .invalidValue,
              "cs_provisioning_method must be ship_token, client_app or email; got '\(method)'." + Suggestion.didYouMean(method, in: allowed))
    }

    public static let provisioningDefault = Self(.provisioningDefault, .warning, .advice,
        "no provisioning method: the account's default is used; add 'provisioning ship_token', 'client_app' or 'email'")

    public static let orderValidityEmpty = Self(.orderValidityEmpty, .error, .missing, "order_validity is empty; give years or days")

    public static let validityMissing = Self(.validityMissing, .error, .missing,
        "a validity is required; add 'validity 1' (years), 'validity N days' or 'validity until YYYY-MM-DD'")

    /// `forms` are the payload paths of the validity forms set, in payload order.
    public static func validityConflict(_ forms: [String]) -> Self {
        .init(.validityConflict, .error, .conflict,
              "give exactly one validity; \(forms.joined(separator: " and ")) are both set; remove all but one")
    }

    public static func validityYearsRange(path: String, _ years: Int) -> Self {
        .init(.validityYearsRange, .error, .invalidValue, "\(path) must be 1, 2 or 3; got \(years)")
    }

    public static func validityYearsReissued(_ years: Int, maximumDays: Int) -> Self {
        .init(.validityYearsReissued, .warning, .advice,
              "certificates are issued for at most \(maximumDays) days; a \(years)-year order is covered by reissues")
    }

    public static func validityDaysRange(_ days: Int, maximumDays: Int) -> Self {
        .init(.validityDaysRange, .error, .invalidValue, "order_validity.days must be 1 to \(maximumDays); got \(days)")
    }

    public static func expirationDateInvalid(_ text: String) -> Self {
        .init(.expirationDateInvalid, .error, .invalidValue, "custom_expiration_date must be a date as YYYY-MM-DD; got '\(text)'")
    }

    public static func expirationDatePast(_ text: String) -> Self {
        .init(.expirationDatePast, .error, .invalidValue, "custom_expiration_date \(text) is not in the future; give a later date")
    }

    public static func expirationDateTooFar(_ text: String, days: Int, maximumDays: Int) -> Self {
        .init(.expirationDateTooFar, .error, .invalidValue,
              "custom_expiration_date \(text) is \(days) days away; the most is \(maximumDays)")
    }
}

// MARK: - Ids, shipping and the rest

extension ValidationMessage {
    public static let organizationMissing = Self(.organizationMissing, .error, .missing,
        "an organization is required; add 'organization ID' (see 'orgs' for your validated organizations)")

    public static func idNotPositive(path: String, _ value: Int) -> Self {
        .init(.idNotPositive, .error, .invalidValue, "\(path) must be a positive id; got \(value)")
    }

    public static func autoRenewNegative(_ count: Int) -> Self {
        .init(.autoRenewNegative, .error, .invalidValue, "auto_renew must be 0 or more; got \(count)")
    }

    /// `path` is the payload path (`ship_info.city`), `key` the field's key (`city`).
    public static func shipFieldMissing(path: String, key: String) -> Self {
        .init(.shipFieldMissing, .error, .missing, "\(path) is required when shipping a token; add '\(key) ...' to the ship block")
    }

    public static func shipCountryInvalid(_ country: String, known: [String]) -> Self {
        .init(.shipCountryInvalid, .error, .invalidValue,
              "ship_info.country must be an ISO 3166 two-letter code such as 'us'; got '\(country)'."
              + Suggestion.didYouMean(country.lowercased(), in: known))
    }

    public static func shipMethodInvalid(_ method: String, allowed: [String]) -> Self {
        .init(.shipMethodInvalid, .error, .invalidValue,
              "ship_info.method must be STANDARD or EXPEDITED; got '\(method)'." + Suggestion.didYouMean(method.uppercased(), in: allowed))
    }

    public static let shipExpedited = Self(.shipExpedited, .warning, .advice,
        "EXPEDITED shipping incurs an added cost; use STANDARD unless the token is urgent")

    public static let shipInfoUnused = Self(.shipInfoUnused, .warning, .advice,
        "ship_info is used only when cs_provisioning_method is ship_token; add 'provisioning ship_token' or remove the ship block")

    public static func customFieldEmpty(_ metadataID: Int) -> Self {
        .init(.customFieldEmpty, .error, .invalidValue, "custom field \(metadataID) has an empty value; give a value or remove it")
    }

    /// A custom field the account requires and the order lacks (checked before a send, with the
    /// account's metadata).
    public static func customFieldRequired(_ metadataID: Int, label: String) -> Self {
        .init(.customFieldRequired, .error, .missing,
              "the account requires custom field \(metadataID) (\(label)); add 'custom_field \(metadataID) \"…\"'")
    }

    /// The organisation lacks the validation `needed` (`cs`, `ev_cs`); `held` are those it has.
    public static func organizationNotValidated(_ id: Int, needed: String, held: [String]) -> Self {
        .init(.organizationNotValidated, .error, .invalidValue,
              "organization \(id) is not validated for \(needed == "ev_cs" ? "EV code signing" : "code signing") (\(needed) is not active; "
              + "it has \(held.isEmpty ? "no active validation" : held.joined(separator: ", "))): start the \(needed) validation in CertCentral "
              + "(POST /organization/\(id)/validation with {\"validations\": [{\"type\": \"\(needed)\"}]}, or Organizations › \(id) › Validations; "
              + "a first code signing validation takes up to three business days), or order for an organization validated for \(needed)")
    }

    /// No verified contact, and the API key's owner (`owner`) cannot stand in for one: `lacking`
    /// says what the owner's profile misses (`job title`, `telephone`).
    public static func verifiedContactMissing(owner: String, lacking: [String]) -> Self {
        .init(.verifiedContactMissing, .error, .missing,
              "a code signing order needs a verified contact, and CertCentral adds the API key's owner (\(owner)) only when that user has a job title "
              + "and a telephone; \(owner) has no \(lacking.joined(separator: " and no ")). Add \(lacking.map { "a " + $0 }.joined(separator: " and ")) to that user "
              + "in CertCentral (Account › Users), or send the order with a verified contact: organization.contacts "
              + "[{contact_type: verified_contact, first_name, last_name, email, job_title, telephone}]")
    }

    /// A verified contact without one of its members (`first_name`, …, `job_title`).
    public static func contactFieldMissing(path: String, key: String) -> Self {
        .init(.contactFieldMissing, .error, .missing,
              "\(path) is required: CertCentral verifies a contact by name, email, job title and telephone; add '\(key) ...' to the contact")
    }

    /// A contact of another type than `verified_contact`, the one an order names.
    public static func contactTypeInvalid(_ type: String) -> Self {
        .init(.contactTypeInvalid, .error, .invalidValue,
              "an order's contact must be a verified_contact; got '\(type)'")
    }

    /// A telephone number that is not one.
    public static func contactTelephoneInvalid(_ telephone: String) -> Self {
        .init(.contactTelephoneInvalid, .error, .invalidValue,
              "'\(telephone)' is not a telephone number; write 7 to 15 digits, with an optional leading + and spaces, dashes, dots or parentheses, as +1 801 555 0100")
    }

    public static func paymentMethodInvalid(_ method: String, allowed: [String]) -> Self {
        .init(.paymentMethodInvalid, .error, .invalidValue,
              "payment_method must be balance, card or profile; got '\(method)'." + Suggestion.didYouMean(method, in: allowed))
    }

    public static func emailInvalid(_ email: String) -> Self {
        .init(.emailInvalid, .error, .invalidValue, "'\(email)' is not an email address; write it as name@example.com")
    }

    public static func alternativeOrderIDLength(_ count: Int) -> Self {
        .init(.alternativeOrderIDLength, .error, .invalidValue, "alternative_order_id must be 1 to 64 characters; got \(count)")
    }

    /// A field holding the API key: the message names the field, never the value.
    public static func secretInField(path: String) -> Self {
        .init(.secretInField, .error, .invalidValue,
              "\(path) holds the API key; an order's fields are stored in the journal and sent to CertCentral: remove the key from it")
    }

    /// The journal could not record a send's intent, so nothing left.
    public static func sendUnrecorded(_ reason: String) -> Self {
        .init(.sendUnrecorded, .error, .advice, "the journal could not record the send, so nothing was sent: \(reason)")
    }
}
