import CertOrder
import Crypto
import Foundation
import X509

/// The sandbox's own certificate authority: a root ("CertOrder Sandbox Root CA") and an
/// intermediate ("CertOrder Sandbox Code Signing CA") made with swift-certificates, which issue
/// real X.509 code signing certificates, so that what the sandbox issues can be checked and used
/// by tools nobody here wrote (openssl, osslsigncode).
///
/// Made the first time a certificate is needed (an issuance, or `certorder sandbox --ca-cert`)
/// and kept in the sandbox's state file with the orders, so a restarted sandbox issues from the
/// same root. Keys are P-256 (our choice: made in microseconds, so the hundreds of sandboxes the
/// tests start pay nothing; DigiCert's own chain is RSA).
struct SandboxCA: Sendable {
    static let rootName = "CertOrder Sandbox Root CA"
    static let intermediateName = "CertOrder Sandbox Code Signing CA"
    static let organizationName = "CertOrder Sandbox"

    let root: X509.Certificate
    let intermediate: X509.Certificate
    private let intermediateKey: X509.Certificate.PrivateKey
    private let stored: Stored

    /// The CA as the state file keeps it: PEM texts.
    struct Stored: Codable, Hashable, Sendable {
        var rootCertificate: String
        var rootKey: String
        var intermediateCertificate: String
        var intermediateKey: String
    }

    /// Why a certificate could not be made.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A new CA, valid from a day before `now` (clocks differ) for 20 years (root) and 15
    /// (intermediate): longer than any rehearsal moves the sandbox's clock.
    static func make(now: Date) throws -> SandboxCA {
        let rootKey = P256.Signing.PrivateKey()
        let intermediateKey = P256.Signing.PrivateKey()
        let start = now.addingTimeInterval(-86_400)
        let rootSubject = try DistinguishedName {
            CountryName("US")
            OrganizationName(organizationName)
            CommonName(rootName)
        }
        let intermediateSubject = try DistinguishedName {
            CountryName("US")
            OrganizationName(organizationName)
            CommonName(intermediateName)
        }
        let rootPrivate = X509.Certificate.PrivateKey(rootKey)
        let intermediatePrivate = X509.Certificate.PrivateKey(intermediateKey)
        let root = try X509.Certificate(
            version: .v3, serialNumber: X509.Certificate.SerialNumber(), publicKey: rootPrivate.publicKey,
            notValidBefore: start, notValidAfter: start.addingTimeInterval(20 * 365 * 86_400),
            issuer: rootSubject, subject: rootSubject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try X509.Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: rootPrivate.publicKey)
            },
            issuerPrivateKey: rootPrivate)
        let intermediate = try X509.Certificate(
            version: .v3, serialNumber: X509.Certificate.SerialNumber(), publicKey: intermediatePrivate.publicKey,
            notValidBefore: start, notValidAfter: start.addingTimeInterval(15 * 365 * 86_400),
            issuer: rootSubject, subject: intermediateSubject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try X509.Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
                // As DigiCert's code signing intermediates: the chain is for code signing only.
                try ExtendedKeyUsage([.codeSigning])
                SubjectKeyIdentifier(hash: intermediatePrivate.publicKey)
                AuthorityKeyIdentifier(keyIdentifier: SubjectKeyIdentifier(hash: rootPrivate.publicKey).keyIdentifier)
            },
            issuerPrivateKey: rootPrivate)
        let stored = Stored(
            rootCertificate: try root.serializeAsPEM().pemString, rootKey: rootKey.pemRepresentation.trimmed,
            intermediateCertificate: try intermediate.serializeAsPEM().pemString,
            intermediateKey: intermediateKey.pemRepresentation.trimmed)
        return SandboxCA(root: root, intermediate: intermediate, intermediateKey: intermediatePrivate, stored: stored)
    }

    /// The CA a state file kept.
    init(stored: Stored) throws {
        root = try X509.Certificate(pemEncoded: stored.rootCertificate)
        intermediate = try X509.Certificate(pemEncoded: stored.intermediateCertificate)
        intermediateKey = X509.Certificate.PrivateKey(try P256.Signing.PrivateKey(pemRepresentation: stored.intermediateKey))
        self.stored = stored
    }

    private init(root: X509.Certificate, intermediate: X509.Certificate, intermediateKey: X509.Certificate.PrivateKey, stored: Stored) {
        self.root = root
        self.intermediate = intermediate
        self.intermediateKey = intermediateKey
        self.stored = stored
    }

    /// What the state file keeps.
    var storedForm: Stored { stored }

    /// The root's PEM text, as `certorder sandbox --ca-cert` writes it.
    var rootPEM: String { stored.rootCertificate + "\n" }

    /// The intermediate's PEM text.
    var intermediatePEM: String { stored.intermediateCertificate + "\n" }

    /// What a leaf certificate says of its subject.
    struct Subject: Sendable {
        var organization: String
        var city: String?
        var state: String?
        var country: String?
    }

    /// A code signing certificate for `publicKey`, issued by the intermediate: the subject's
    /// organisation as common name and organisation (as DigiCert's code signing certificates
    /// name their owner), code signing extended key usage, digital signature key usage.
    func issue(publicKey: X509.Certificate.PublicKey, subject: Subject, notBefore: Date, notAfter: Date) throws -> X509.Certificate {
        let name = try DistinguishedName {
            if let country = subject.country, country.count == 2 { CountryName(country.uppercased()) }
            if let state = subject.state, !state.isEmpty { StateOrProvinceName(state.uppercased()) }
            if let city = subject.city, !city.isEmpty { LocalityName(city) }
            OrganizationName(subject.organization)
            CommonName(subject.organization)
        }
        return try X509.Certificate(
            version: .v3, serialNumber: X509.Certificate.SerialNumber(), publicKey: publicKey,
            notValidBefore: notBefore, notValidAfter: notAfter,
            issuer: intermediate.subject, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try X509.Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.codeSigning])
                SubjectKeyIdentifier(hash: publicKey)
                AuthorityKeyIdentifier(keyIdentifier: SubjectKeyIdentifier(hash: intermediate.publicKey).keyIdentifier)
            },
            issuerPrivateKey: intermediateKey)
    }
}

extension String {
    /// Without surrounding whitespace: PEM texts are stored without their final newline.
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
