import Foundation
import X509

/// The formats `GET /certificate/{id}/download/format/{format}` serves: the four that public
/// clients ask for (Lemur, Infisical, Venafi and certmesh ask for `pem_all`).
enum CertificateFormat: String, CaseIterable, Sendable {
    /// The leaf, the intermediate and the root, PEM, in that order.
    case pemAll = "pem_all"
    /// The leaf and the intermediate, PEM.
    case pemNoRoot = "pem_noroot"
    /// A PKCS#7 bundle (certificates only) of the leaf and the intermediate, PEM-armoured
    /// (`-----BEGIN PKCS7-----`): our choice where the docs do not say.
    case p7b
    /// The leaf alone, DER (`cer` is read as the same).
    case der

    init?(name: String) {
        if name == "cer" { self = .der; return }
        self.init(rawValue: name)
    }

    /// The `Content-Type` of the answer (our choice; the docs do not list them).
    var contentType: String {
        switch self {
        case .pemAll, .pemNoRoot: return "application/x-pem-file"
        case .p7b: return "application/x-pkcs7-certificates"
        case .der: return "application/pkix-cert"
        }
    }

    /// The file's bytes for `leaf` issued by `ca`.
    func render(leaf: X509.Certificate, ca: SandboxCA) throws -> [UInt8] {
        switch self {
        case .pemAll:
            return Array((try leaf.serializeAsPEM().pemString + "\n" + ca.intermediatePEM + ca.rootPEM).utf8)
        case .pemNoRoot:
            return Array((try leaf.serializeAsPEM().pemString + "\n" + ca.intermediatePEM).utf8)
        case .der:
            return try Self.der(leaf)
        case .p7b:
            let bundle = Self.pkcs7(certificates: [try Self.der(leaf), try Self.der(ca.intermediate)])
            return Array(Self.pem(type: "PKCS7", der: bundle).utf8)
        }
    }

    /// `der` armoured: `-----BEGIN TYPE-----`, base64 in lines of 64, `-----END TYPE-----`, newline.
    static func pem(type: String, der: [UInt8]) -> String {
        let base64 = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN \(type)-----\n\(base64)\n-----END \(type)-----\n"
    }

    static func der(_ certificate: X509.Certificate) throws -> [UInt8] {
        try certificate.serializeAsPEM().derBytes
    }

    // MARK: - PKCS#7 (RFC 2315 / 5652), certificates only

    /// A degenerate `SignedData` (no signers) holding `certificates` (DER): the "p7b" of
    /// certificate bundles, written here by hand since it is five fixed fields.
    static func pkcs7(certificates: [[UInt8]]) -> [UInt8] {
        let signedDataOID: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02]
        let dataOID: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01]
        let signedData = tlv(0x30,
                             [0x02, 0x01, 0x01]            // version 1
                             + tlv(0x31, [])               // digestAlgorithms: none
                             + tlv(0x30, dataOID)          // encapContentInfo: data, absent
                             + tlv(0xA0, certificates.flatMap { $0 })  // [0] IMPLICIT certificates
                             + tlv(0x31, []))              // signerInfos: none
        return tlv(0x30, signedDataOID + tlv(0xA0, signedData))
    }

    /// One DER element: tag, definite length, contents.
    static func tlv(_ tag: UInt8, _ contents: [UInt8]) -> [UInt8] {
        let count = contents.count
        var length: [UInt8]
        if count < 0x80 {
            length = [UInt8(count)]
        } else {
            var bytes: [UInt8] = []
            var n = count
            while n > 0 { bytes.insert(UInt8(n & 0xFF), at: 0); n >>= 8 }
            length = [0x80 | UInt8(bytes.count)] + bytes
        }
        return [tag] + length + contents
    }
}
