/// `certificate < ... >`: the certificate's own details. Given twice, the second edits the first.
public struct Certificate: OrderComponent {
    let content: CertificateComponentGroup

    public init(@CertificateBuilder _ content: () -> CertificateComponentGroup) {
        self.content = content()
    }

    public func apply(to request: inout OrderRequest) {
        content.apply(to: &request.certificate)
    }
}

/// `hash sha256` → ``FieldPath/signatureHash``.
public struct Hash: CertificateComponent {
    public var algorithm: HashAlgorithm
    public init(_ algorithm: HashAlgorithm) { self.algorithm = algorithm }
    public func apply(to certificate: inout OrderRequest.CertificateDetails) {
        certificate.signatureHash = algorithm.rawValue
    }
}

/// `platform 52` / `platform other` → `certificate.server_platform.id`.
public struct Platform: CertificateComponent {
    public var id: Int
    public init(_ id: Int) { self.id = id }
    /// Server platform "other" (-1).
    public static let other = Platform(-1)
    public func apply(to certificate: inout OrderRequest.CertificateDetails) {
        certificate.serverPlatform = .init(id: id)
    }
}

/// `unit A, B` → appends to `certificate.organization_units`.
public struct OrganizationUnits: CertificateComponent {
    public var names: [String]
    public init(_ names: String...) { self.names = names }
    public init(_ names: [String]) { self.names = names }
    public func apply(to certificate: inout OrderRequest.CertificateDetails) {
        certificate.organizationUnits = (certificate.organizationUnits ?? []) + names
    }
}

/// `csr "..."` → `certificate.csr` (PEM text).
public struct CSR: CertificateComponent {
    public var pem: String
    public init(_ pem: String) { self.pem = pem }
    public func apply(to certificate: inout OrderRequest.CertificateDetails) {
        certificate.csr = pem
    }
}
