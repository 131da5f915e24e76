import Foundation

/// The one rule set of CertOrder: every face (DSL, language, shell, sandbox) validates with it.
///
/// ``validate(_:product:)`` returns every diagnostic at once, errors and warnings, each with the
/// payload path at fault and a message that says what to do.
public struct Validator: Sendable {
    /// The longest certificate DigiCert issues for code signing since 2026-02-24.
    public static let maximumCertificateDays = 459
    /// Server platform 55 (Sun Java) needs a CSR.
    public static let sunJavaPlatform = 55

    /// The day against which `custom_expiration_date` is judged.
    public var today: Date

    public init(today: Date = Date()) {
        self.today = today
    }

    /// Every diagnostic of `request` ordered as `product`, errors and warnings, in payload order.
    public func validate(_ request: OrderRequest, product: Product) -> [Diagnostic] {
        var out: [Diagnostic] = []
        checkCertificate(request, into: &out)
        checkProvisioning(request, product: product, into: &out)
        checkValidity(request, into: &out)
        checkIDs(request, into: &out)
        checkContacts(request, into: &out)
        checkShipInfo(request, into: &out)
        checkRest(request, into: &out)
        return out
    }

    // MARK: - Rules

    private func checkCertificate(_ r: OrderRequest, into out: inout [Diagnostic]) {
        let cert = r.certificate
        if let units = cert.organizationUnits {
            for (i, unit) in units.enumerated() where Self.isBlank(unit) {
                out.append(.init(.organizationUnitEmpty(i + 1), path: FieldPath.organizationUnits.entry(i)))
            }
            if !units.isEmpty {
                out.append(.init(.organizationUnitDropped, at: .organizationUnits))
            }
        }
        if let id = cert.serverPlatform?.id, id != -1, id <= 0 {
            out.append(.init(.serverPlatformInvalid(id), at: .serverPlatformID))
        }
        switch cert.signatureHash {
        case nil:
            out.append(.init(.signatureHashMissing, at: .signatureHash))
        case let hash? where hash != HashAlgorithm.sha256.rawValue:
            out.append(.init(.signatureHashInvalid(hash), at: .signatureHash))
        default: break
        }
        let needsCSRForEmail = r.provisioningMethod == ProvisioningMethod.email.rawValue
        let needsCSRForJava = cert.serverPlatform?.id == Self.sunJavaPlatform
        if let csr = cert.csr {
            checkCSR(csr, into: &out)
        } else if needsCSRForEmail {
            out.append(.init(.csrRequiredForEmail, at: .csr))
        } else if needsCSRForJava {
            out.append(.init(.csrRequiredForJava, at: .csr))
        }
    }

    private func checkCSR(_ pem: String, into out: inout [Diagnostic]) {
        do {
            let summary = try CSRInspector.inspect(pem)
            if !summary.key.meetsCodeSigningMinimum {
                out.append(.init(.csrWeakKey("\(summary.key)"), at: .csr))
            }
        } catch .notPEM {
            out.append(.init(.csrNotPEM, at: .csr))
        } catch {
            out.append(.init(.csrUnparsable, at: .csr))
        }
    }

    private func checkProvisioning(_ r: OrderRequest, product: Product, into out: inout [Diagnostic]) {
        if let method = r.provisioningMethod {
            let allowed = Self.provisioningMethods
            if !allowed.contains(method) {
                out.append(.init(.provisioningInvalid(method, allowed: allowed), at: .provisioningMethod))
            }
        } else if product == .codeSigningEV {
            out.append(.init(.provisioningDefault, at: .provisioningMethod))
        }
    }

    private func checkValidity(_ r: OrderRequest, into out: inout [Diagnostic]) {
        var forms: [String] = []
        if r.validityYears != nil { forms.append(FieldPath.validityYears.template) }
        if let ov = r.orderValidity {
            if ov.years != nil { forms.append(FieldPath.orderValidityYears.template) }
            if ov.days != nil { forms.append(FieldPath.orderValidityDays.template) }
            if ov.years == nil && ov.days == nil {
                out.append(.init(.orderValidityEmpty, at: .orderValidity))
            }
        }
        if r.customExpirationDate != nil { forms.append(FieldPath.customExpirationDate.template) }
        if forms.isEmpty, r.orderValidity == nil {
            out.append(.init(.validityMissing, at: .validityYears))
        } else if forms.count > 1 {
            out.append(.init(.validityConflict(forms), path: forms[1]))
        }
        if let years = r.validityYears { checkYears(years, path: FieldPath.validityYears.template, into: &out) }
        if let years = r.orderValidity?.years { checkYears(years, path: FieldPath.orderValidityYears.template, into: &out) }
        if let days = r.orderValidity?.days, !(1...Self.maximumCertificateDays).contains(days) {
            out.append(.init(.validityDaysRange(days, maximumDays: Self.maximumCertificateDays), at: .orderValidityDays))
        }
        if let text = r.customExpirationDate {
            checkExpirationDate(text, into: &out)
        }
    }

    private func checkYears(_ years: Int, path: String, into out: inout [Diagnostic]) {
        if !(1...3).contains(years) {
            out.append(.init(.validityYearsRange(path: path, years), path: path))
        } else if years > 1 {
            out.append(.init(.validityYearsReissued(years, maximumDays: Self.maximumCertificateDays), path: path))
        }
    }

    private func checkExpirationDate(_ text: String, into out: inout [Diagnostic]) {
        let path = FieldPath.customExpirationDate.template
        guard let date = Self.parseDate(text) else {
            out.append(.init(.expirationDateInvalid(text), path: path))
            return
        }
        let start = Self.utcCalendar.startOfDay(for: today)
        let days = Self.utcCalendar.dateComponents([.day], from: start, to: date).day ?? 0
        if days < 1 {
            out.append(.init(.expirationDatePast(text), path: path))
        } else if days > Self.maximumCertificateDays {
            out.append(.init(.expirationDateTooFar(text, days: days, maximumDays: Self.maximumCertificateDays), path: path))
        }
    }

    private func checkIDs(_ r: OrderRequest, into out: inout [Diagnostic]) {
        if let id = r.organization?.id {
            if id <= 0 { out.append(positive(FieldPath.organizationID.template, id)) }
        } else {
            out.append(.init(.organizationMissing, at: .organizationID))
        }
        if let id = r.container?.id, id <= 0 { out.append(positive(FieldPath.containerID.template, id)) }
        if let id = r.renewalOfOrderID, id <= 0 { out.append(positive(FieldPath.renewalOfOrderID.template, id)) }
        if let n = r.autoRenew, n < 0 {
            out.append(.init(.autoRenewNegative(n), at: .autoRenew))
        }
    }

    private func positive(_ path: String, _ value: Int) -> Diagnostic {
        .init(.idNotPositive(path: path, value), path: path)
    }

    /// The verified contacts: every member given, the type `verified_contact`, the email and
    /// the telephone well formed.
    private func checkContacts(_ r: OrderRequest, into out: inout [Diagnostic]) {
        guard let contacts = r.organization?.contacts else { return }
        for (i, contact) in contacts.enumerated() {
            for key in OrderRequest.Contact.fieldNames where Self.isBlank(contact[field: key] ?? "") {
                let path = FieldPath.organizationContacts.entry(i) + "." + key
                out.append(.init(.contactFieldMissing(path: path, key: key == "contact_type" ? "set \(path) verified_contact" : key), path: path))
            }
            if let type = contact.contactType, !Self.isBlank(type), type != OrderRequest.Contact.verifiedContactType {
                out.append(.init(.contactTypeInvalid(type), path: FieldPath.contactType.filled(with: [i])))
            }
            if let email = contact.email, !Self.isBlank(email), !Self.isEmail(email) {
                out.append(.init(.emailInvalid(email), path: FieldPath.contactEmail.filled(with: [i])))
            }
            if let telephone = contact.telephone, !Self.isBlank(telephone), !Self.isTelephone(telephone) {
                out.append(.init(.contactTelephoneInvalid(telephone), path: FieldPath.contactTelephone.filled(with: [i])))
            }
        }
    }

    /// A telephone number as people write it: an optional leading `+`, then 7 to 15 digits (the
    /// most E.164 allows) with spaces, dashes, dots or parentheses between them.
    public static func isTelephone(_ text: String) -> Bool {
        var digits = 0
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "+"): if offset != 0 { return false }
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"): break
            default: return false
            }
        }
        return (7...15).contains(digits)
    }

    private func checkShipInfo(_ r: OrderRequest, into out: inout [Diagnostic]) {
        guard let ship = r.shipInfo else { return }
        for field in Self.requiredShipFields where Self.isBlank(ship[field: field] ?? "") {
            let path = "\(FieldPath.shipInfo).\(field)"
            out.append(.init(.shipFieldMissing(path: path, key: field), path: path))
        }
        if let country = ship.country, !Self.isBlank(country), !CountryCodes.isValid(country) {
            out.append(.init(.shipCountryInvalid(country, known: CountryCodes.all.sorted()), at: .shipCountry))
        }
        if let method = ship.method, !Self.isBlank(method) {
            let allowed = Self.shippingMethods
            if !allowed.contains(method) && !allowed.contains(method.uppercased()) {
                out.append(.init(.shipMethodInvalid(method, allowed: allowed), at: .shipMethod))
            } else if method == ShippingMethod.expedited.rawValue || method.uppercased() == ShippingMethod.expedited.rawValue {
                out.append(.init(.shipExpedited, at: .shipMethod))
            }
        }
        if r.provisioningMethod != ProvisioningMethod.shipToken.rawValue {
            out.append(.init(.shipInfoUnused, at: .shipInfo))
        }
    }

    private func checkRest(_ r: OrderRequest, into out: inout [Diagnostic]) {
        if let fields = r.customFields {
            for (i, field) in fields.enumerated() {
                if field.metadataID <= 0 { out.append(positive(FieldPath.customFieldMetadataID.filled(with: [i]), field.metadataID)) }
                if field.value.isEmpty {
                    out.append(.init(.customFieldEmpty(field.metadataID), path: FieldPath.customFieldValue.filled(with: [i])))
                }
            }
        }
        if let method = r.paymentMethod {
            let allowed = Self.paymentMethods
            if !allowed.contains(method) {
                out.append(.init(.paymentMethodInvalid(method, allowed: allowed), at: .paymentMethod))
            }
        }
        if let emails = r.additionalEmails {
            for (i, email) in emails.enumerated() where !Self.isEmail(email) {
                out.append(.init(.emailInvalid(email), path: FieldPath.additionalEmails.entry(i)))
            }
        }
        if let id = r.alternativeOrderID, Self.isBlank(id) || id.count > 64 {
            out.append(.init(.alternativeOrderIDLength(id.count), at: .alternativeOrderID))
        }
    }

    // MARK: - Helpers

    static let provisioningMethods = ProvisioningMethod.allCases.map(\.rawValue)
    static let shippingMethods = ShippingMethod.allCases.map(\.rawValue)
    static let paymentMethods = PaymentMethod.allCases.map(\.rawValue)
    /// The keys of the shipping fields the catalogue marks required, in payload order.
    static let requiredShipFields = FieldCatalog.builtIn
        .filter { $0.isRequired && $0.path.parent == .shipInfo }
        .map(\.path.key)

    /// Empty or only spaces and tabs. Works on UTF-8 bytes: Foundation's trimming was the
    /// validator's hot spot in `scripts/bench`.
    static func isBlank(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// Parses `YYYY-MM-DD` strictly (a real calendar date), at midnight UTC.
    public static func parseDate(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        let components = DateComponents(year: y, month: m, day: d)
        guard components.isValidDate(in: utcCalendar), let date = utcCalendar.date(from: components) else { return nil }
        return date
    }

    /// Formats a date as `YYYY-MM-DD` in UTC.
    public static func formatDate(_ date: Date) -> String {
        let c = utcCalendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// A plain `local@domain.tld` check: one `@`, no spaces, a dot in the domain.
    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
    }
}
