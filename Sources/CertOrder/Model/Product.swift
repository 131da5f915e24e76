/// A CertCentral code signing product: the `{product}` of
/// `POST /services/v2/order/certificate/{product}`.
public enum Product: String, Codable, CaseIterable, Sendable {
    /// A standard code signing certificate.
    case codeSigning = "code_signing"
    /// An extended validation (EV) code signing certificate.
    case codeSigningEV = "code_signing_ev"

    /// The product's API name, as in the order URL.
    public var nameID: String { rawValue }

    /// The request path of an order for this product, after the `/services/v2` base.
    public var orderPath: String { "/order/certificate/\(rawValue)" }

    /// A short label for prompts and tables (`cs`, `ev`).
    public var shortName: String { self == .codeSigningEV ? "ev" : "cs" }

    /// Reads a product name as the order language accepts it: the API name or the aliases
    /// `cs` and `ev`, case-insensitively.
    public init?(name: String) {
        switch name.lowercased() {
        case "code_signing", "cs": self = .codeSigning
        case "code_signing_ev", "ev": self = .codeSigningEV
        default: return nil
        }
    }
}
