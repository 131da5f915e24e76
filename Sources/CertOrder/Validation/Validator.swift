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
        checkShipInfo(request, into: &out)
        checkRest(request, into: &out)
        return out
    }

    // MARK: - Rules

    private func checkCertificate(_ r: OrderRequest, into out: inout [Diagnostic]) {
        let cert = r.certificate
        if let units = cert.organizationUnits {
            for (i, unit) in units.enumerated() where Self.isBlank(unit) {
                out.append(.init(.error, .invalidValue, path: FieldPath.organizationUnits.entry(i),
                                 "organization unit \(i + 1) is empty; give a department name or remove it"))
            }
            if !units.isEmpty {
                out.append(.init(.warning, .advice, at: .organizationUnits,
                                 "DigiCert has been removing OU from certificates; the unit may not appear in the certificate"))
            }
        }
        if let id = cert.serverPlatform?.id, id != -1, id <= 0 {
            out.append(.init(.error, .invalidValue, at: .serverPlatformID,
                             "server_platform.id must be a positive platform id or -1 (other); got \(id)"))
        }
        switch cert.signatureHash {
        case nil:
            out.append(.init(.error, .missing, at: .signatureHash,
                             "\(FieldPath.signatureHash.key) is required; add 'hash sha256'"))
        case let hash? where hash != HashAlgorithm.sha256.rawValue:
            out.append(.init(.error, .invalidValue, at: .signatureHash,
                             "\(FieldPath.signatureHash.key) must be sha256; got '\(hash)'." + Suggestion.didYouMean(hash, in: ["sha256"])))
        default: break
        }
        let needsCSRForEmail = r.provisioningMethod == ProvisioningMethod.email.rawValue
        let needsCSRForJava = cert.serverPlatform?.id == Self.sunJavaPlatform
        if let csr = cert.csr {
            checkCSR(csr, into: &out)
        } else if needsCSRForEmail {
            out.append(.init(.error, .missing, at: .csr,
                             "a CSR is required when cs_provisioning_method is email; add 'csr @request.csr'"))
        } else if needsCSRForJava {
            out.append(.init(.error, .missing, at: .csr,
                             "a CSR is required for server platform 55 (Sun Java); add 'csr @request.csr'"))
        }
    }

    private func checkCSR(_ pem: String, into out: inout [Diagnostic]) {
        do {
            let summary = try CSRInspector.inspect(pem)
            if !summary.key.meetsCodeSigningMinimum {
                out.append(.init(.error, .invalidCSR, at: .csr,
                                 "the CSR's key is \(summary.key); code signing needs RSA 3072 bits or more, or ECC P-256 or larger"))
            }
        } catch .notPEM {
            out.append(.init(.error, .invalidCSR, at: .csr,
                             "the CSR is not PEM text; paste the whole '-----BEGIN CERTIFICATE REQUEST-----' block"))
        } catch {
            out.append(.init(.error, .invalidCSR, at: .csr,
                             "the CSR cannot be parsed as a PKCS #10 certificate request; generate it again"))
        }
    }

    private func checkProvisioning(_ r: OrderRequest, product: Product, into out: inout [Diagnostic]) {
        if let method = r.provisioningMethod {
            let allowed = Self.provisioningMethods
            if !allowed.contains(method) {
                out.append(.init(.error, .invalidValue, at: .provisioningMethod,
                                 "cs_provisioning_method must be ship_token, client_app or email; got '\(method)'."
                                 + Suggestion.didYouMean(method, in: allowed)))
            }
        } else if product == .codeSigningEV {
            out.append(.init(.warning, .advice, at: .provisioningMethod,
                             "no provisioning method: the account's default is used; add 'provisioning ship_token', 'client_app' or 'email'"))
        }
    }

    private func checkValidity(_ r: OrderRequest, into out: inout [Diagnostic]) {
        var forms: [String] = []
        if r.validityYears != nil { forms.append(FieldPath.validityYears.template) }
        if let ov = r.orderValidity {
            if ov.years != nil { forms.append(FieldPath.orderValidityYears.template) }
            if ov.days != nil { forms.append(FieldPath.orderValidityDays.template) }
            if ov.years == nil && ov.days == nil {
                out.append(.init(.error, .missing, at: .orderValidity,
                                 "order_validity is empty; give years or days"))
            }
        }
        if r.customExpirationDate != nil { forms.append(FieldPath.customExpirationDate.template) }
        if forms.isEmpty, r.orderValidity == nil {
            out.append(.init(.error, .missing, at: .validityYears,
                             "a validity is required; add 'validity 1' (years), 'validity N days' or 'validity until YYYY-MM-DD'"))
        } else if forms.count > 1 {
            out.append(.init(.error, .conflict, path: forms[1],
                             "give exactly one validity; \(forms.joined(separator: " and ")) are both set; remove all but one"))
        }
        if let years = r.validityYears { checkYears(years, path: FieldPath.validityYears.template, into: &out) }
        if let years = r.orderValidity?.years { checkYears(years, path: FieldPath.orderValidityYears.template, into: &out) }
        if let days = r.orderValidity?.days, !(1...Self.maximumCertificateDays).contains(days) {
            out.append(.init(.error, .invalidValue, at: .orderValidityDays,
                             "order_validity.days must be 1 to \(Self.maximumCertificateDays); got \(days)"))
        }
        if let text = r.customExpirationDate {
            checkExpirationDate(text, into: &out)
        }
    }

    private func checkYears(_ years: Int, path: String, into out: inout [Diagnostic]) {
        if !(1...3).contains(years) {
            out.append(.init(.error, .invalidValue, path: path, "\(path) must be 1, 2 or 3; got \(years)"))
        } else if years > 1 {
            out.append(.init(.warning, .advice, path: path,
                             "certificates are issued for at most \(Self.maximumCertificateDays) days; a \(years)-year order is covered by reissues"))
        }
    }

    private func checkExpirationDate(_ text: String, into out: inout [Diagnostic]) {
        let path = FieldPath.customExpirationDate.template
        guard let date = Self.parseDate(text) else {
            out.append(.init(.error, .invalidValue, path: path,
                             "custom_expiration_date must be a date as YYYY-MM-DD; got '\(text)'"))
            return
        }
        let start = Self.utcCalendar.startOfDay(for: today)
        let days = Self.utcCalendar.dateComponents([.day], from: start, to: date).day ?? 0
        if days < 1 {
            out.append(.init(.error, .invalidValue, path: path,
                             "custom_expiration_date \(text) is not in the future; give a later date"))
        } else if days > Self.maximumCertificateDays {
            out.append(.init(.error, .invalidValue, path: path,
                             "custom_expiration_date \(text) is \(days) days away; the most is \(Self.maximumCertificateDays)"))
        }
    }

    private func checkIDs(_ r: OrderRequest, into out: inout [Diagnostic]) {
        if let id = r.organization?.id {
            if id <= 0 { out.append(positive(FieldPath.organizationID.template, id)) }
        } else {
            out.append(.init(.error, .missing, at: .organizationID,
                             "an organization is required; add 'organization ID' (see 'orgs' for your validated organizations)"))
        }
        if let id = r.container?.id, id <= 0 { out.append(positive(FieldPath.containerID.template, id)) }
        if let id = r.renewalOfOrderID, id <= 0 { out.append(positive(FieldPath.renewalOfOrderID.template, id)) }
        if let n = r.autoRenew, n < 0 {
            out.append(.init(.error, .invalidValue, at: .autoRenew, "auto_renew must be 0 or more; got \(n)"))
        }
    }

    private func positive(_ path: String, _ value: Int) -> Diagnostic {
        .init(.error, .invalidValue, path: path, "\(path) must be a positive id; got \(value)")
    }

    private func checkShipInfo(_ r: OrderRequest, into out: inout [Diagnostic]) {
        guard let ship = r.shipInfo else { return }
        for field in Self.requiredShipFields where Self.isBlank(ship[field: field] ?? "") {
            out.append(.init(.error, .missing, path: "\(FieldPath.shipInfo).\(field)",
                             "\(FieldPath.shipInfo).\(field) is required when shipping a token; add '\(field) ...' to the ship block"))
        }
        if let country = ship.country, !Self.isBlank(country), !CountryCodes.isValid(country) {
            out.append(.init(.error, .invalidValue, at: .shipCountry,
                             "ship_info.country must be an ISO 3166 two-letter code such as 'us'; got '\(country)'."
                             + Suggestion.didYouMean(country.lowercased(), in: CountryCodes.all.sorted())))
        }
        if let method = ship.method, !Self.isBlank(method) {
            let allowed = Self.shippingMethods
            if !allowed.contains(method) && !allowed.contains(method.uppercased()) {
                out.append(.init(.error, .invalidValue, at: .shipMethod,
                                 "ship_info.method must be STANDARD or EXPEDITED; got '\(method)'."
                                 + Suggestion.didYouMean(method.uppercased(), in: allowed)))
            } else if method == ShippingMethod.expedited.rawValue || method.uppercased() == ShippingMethod.expedited.rawValue {
                out.append(.init(.warning, .advice, at: .shipMethod,
                                 "EXPEDITED shipping incurs an added cost; use STANDARD unless the token is urgent"))
            }
        }
        if r.provisioningMethod != ProvisioningMethod.shipToken.rawValue {
            out.append(.init(.warning, .advice, at: .shipInfo,
                             "ship_info is used only when cs_provisioning_method is ship_token; add 'provisioning ship_token' or remove the ship block"))
        }
    }

    private func checkRest(_ r: OrderRequest, into out: inout [Diagnostic]) {
        if let fields = r.customFields {
            for (i, field) in fields.enumerated() {
                if field.metadataID <= 0 { out.append(positive(FieldPath.customFieldMetadataID.filled(with: [i]), field.metadataID)) }
                if field.value.isEmpty {
                    out.append(.init(.error, .invalidValue, path: FieldPath.customFieldValue.filled(with: [i]),
                                     "custom field \(field.metadataID) has an empty value; give a value or remove it"))
                }
            }
        }
        if let method = r.paymentMethod {
            let allowed = Self.paymentMethods
            if !allowed.contains(method) {
                out.append(.init(.error, .invalidValue, at: .paymentMethod,
                                 "payment_method must be balance, card or profile; got '\(method)'." + Suggestion.didYouMean(method, in: allowed)))
            }
        }
        if let emails = r.additionalEmails {
            for (i, email) in emails.enumerated() where !Self.isEmail(email) {
                out.append(.init(.error, .invalidValue, path: FieldPath.additionalEmails.entry(i),
                                 "'\(email)' is not an email address; write it as name@example.com"))
            }
        }
        if let id = r.alternativeOrderID, Self.isBlank(id) || id.count > 64 {
            out.append(.init(.error, .invalidValue, at: .alternativeOrderID,
                             "alternative_order_id must be 1 to 64 characters; got \(id.count)"))
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

private extension Diagnostic {
    /// A diagnostic about the field at `path`.
    init(_ severity: Severity, _ kind: Kind, at path: FieldPath, _ message: String) {
        self.init(severity, kind, path: path.template, message)
    }
}
