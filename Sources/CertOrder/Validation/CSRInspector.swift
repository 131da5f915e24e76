import Foundation
import Crypto
import _CryptoExtras
import X509

/// Reads a PEM certificate signing request and judges its key against DigiCert's code signing
/// minimums (RSA 3072 bits or ECC P-256 or larger), using swift-certificates for the ASN.1.
public enum CSRInspector {
    /// What the CSR's key is.
    public enum KeyKind: Hashable, Sendable, CustomStringConvertible {
        case rsa(bits: Int)
        case ecdsa(curve: String)
        case other(String)

        public var description: String {
            switch self {
            case .rsa(let bits): return "RSA \(bits)"
            case .ecdsa(let curve): return "ECC \(curve)"
            case .other(let name): return name
            }
        }

        /// Whether DigiCert accepts it for code signing.
        public var meetsCodeSigningMinimum: Bool {
            switch self {
            case .rsa(let bits): return bits >= 3072
            case .ecdsa: return true
            case .other: return false
            }
        }
    }

    /// What was read from a CSR.
    public struct Summary: Hashable, Sendable {
        public var subject: String
        public var key: KeyKind
    }

    /// Why a CSR was refused.
    public enum Failure: Error, Hashable, Sendable {
        case notPEM
        case unreadable(String)
    }

    /// Parses the PEM text of a CSR.
    public static func inspect(_ pem: String) throws(Failure) -> Summary {
        let trimmed = pem.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("-----BEGIN") else { throw .notPEM }
        let csr: CertificateSigningRequest
        do {
            csr = try CertificateSigningRequest(pemEncoded: trimmed)
        } catch {
            throw .unreadable(String(describing: error))
        }
        return Summary(subject: String(describing: csr.subject), key: keyKind(csr.publicKey))
    }

    static func keyKind(_ key: X509.Certificate.PublicKey) -> KeyKind {
        if let rsa = _RSA.Signing.PublicKey(key) { return .rsa(bits: rsa.keySizeInBits) }
        if P256.Signing.PublicKey(key) != nil { return .ecdsa(curve: "P-256") }
        if P384.Signing.PublicKey(key) != nil { return .ecdsa(curve: "P-384") }
        if P521.Signing.PublicKey(key) != nil { return .ecdsa(curve: "P-521") }
        if Curve25519.Signing.PublicKey(key) != nil { return .other("Ed25519") }
        return .other("an unsupported key type")
    }
}
