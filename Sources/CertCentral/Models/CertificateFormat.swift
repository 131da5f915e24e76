/// A format of `GET /certificate/{id}/download/format/{format}`: the ones public clients ask for.
public enum CertificateFormat: String, CaseIterable, Sendable {
    /// The certificate, its intermediates and the root, PEM: what Lemur, Infisical, Venafi and
    /// certmesh download, and what `osslsigncode sign -certs` takes.
    case pemAll = "pem_all"
    /// The certificate and its intermediates, PEM.
    case pemNoRoot = "pem_noroot"
    /// A PKCS#7 bundle.
    case p7b
    /// The certificate alone, DER.
    case der

    /// The names, as the API spells them.
    public static let names = allCases.map(\.rawValue)

    /// Whether the file is text (PEM); `der` is binary.
    public var isText: Bool { self != .der }
}
