/// The signature hash of a code signing certificate (``FieldPath/signatureHash``).
public enum HashAlgorithm: String, CaseIterable, Sendable {
    /// SHA-256: the only value the API allows.
    case sha256
}

/// How the certificate's key is provisioned (`cs_provisioning_method`).
public enum ProvisioningMethod: String, CaseIterable, Sendable {
    /// DigiCert ships a hardware token.
    case shipToken = "ship_token"
    /// Your own supported token; `server_platform.id` names the token model.
    case clientApp = "client_app"
    /// Your own HSM: a CSR is required.
    case email
}

/// The shipping priority of a hardware token (`ship_info.method`).
public enum ShippingMethod: String, CaseIterable, Sendable {
    case standard = "STANDARD"
    /// Incurs an added cost.
    case expedited = "EXPEDITED"
}

/// How the order is paid (`payment_method`).
public enum PaymentMethod: String, CaseIterable, Sendable {
    case balance, card, profile
}
