/// Every kind of ``Diagnostic`` CertOrder reports, each with its stable ``DiagnosticID``.
///
/// The table is `CaseIterable` so a test can hold each ID unique and give each one a golden test
/// of its wording; the raw values are the published IDs (never rename one: add a case instead).
/// The wording itself lives in ``ValidationMessage``, one constructor per case.
public enum ValidationMessageID: String, CaseIterable, Sendable {
    case organizationUnitEmpty = "order.unit.empty"
    case organizationUnitDropped = "order.unit.dropped"
    case serverPlatformInvalid = "order.platform.invalid"
    case signatureHashMissing = "order.hash.missing"
    case signatureHashInvalid = "order.hash.invalid"
    case csrRequiredForEmail = "order.csr.required_for_email"
    case csrRequiredForJava = "order.csr.required_for_java"
    case csrWeakKey = "order.csr.weak_key"
    case csrNotPEM = "order.csr.not_pem"
    case csrUnparsable = "order.csr.unparsable"
    case provisioningInvalid = "order.provisioning.invalid"
    case provisioningDefault = "order.provisioning.default"
    case orderValidityEmpty = "order.validity.empty"
    case validityMissing = "order.validity.missing"
    case validityConflict = "order.validity.conflict"
    case validityYearsRange = "order.validity.range"
    case validityYearsReissued = "order.validity.reissued"
    case validityDaysRange = "order.validity.days_range"
    case expirationDateInvalid = "order.expiration.invalid"
    case expirationDatePast = "order.expiration.past"
    case expirationDateTooFar = "order.expiration.too_far"
    case organizationMissing = "order.organization.missing"
    case idNotPositive = "order.id.not_positive"
    case autoRenewNegative = "order.auto_renew.negative"
    case shipFieldMissing = "order.ship.field_missing"
    case shipCountryInvalid = "order.ship.country"
    case shipMethodInvalid = "order.ship.method"
    case shipExpedited = "order.ship.expedited"
    case shipInfoUnused = "order.ship.unused"
    case customFieldEmpty = "order.custom_field.empty"
    case customFieldRequired = "order.custom_field.required"
    case organizationNotValidated = "order.organization.not_validated"
    case verifiedContactMissing = "order.contact.missing"
    case contactFieldMissing = "order.contact.field_missing"
    case contactTypeInvalid = "order.contact.type"
    case contactTelephoneInvalid = "order.contact.telephone"
    case paymentMethodInvalid = "order.payment.invalid"
    case emailInvalid = "order.email.invalid"
    case alternativeOrderIDLength = "order.alternative_id.length"
    case secretInField = "order.secret.in_field"
    case sendUnrecorded = "order.send.unrecorded"
    /// A finding made with the plain-text ``Diagnostic/init(_:_:path:_:)``, which has no kind of
    /// its own yet.
    case other = "order.other"

    /// The ID as carried by diagnostics of every module.
    public var id: DiagnosticID { DiagnosticID(rawValue: rawValue) }
}
