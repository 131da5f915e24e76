/// Anything that can appear directly inside `Order { }`: it writes itself into the request.
///
/// Scalar components set their field (the last one wins); list components append.
public protocol OrderComponent: Sendable {
    func apply(to request: inout OrderRequest)
}

/// Anything that can appear inside `Certificate { }`.
public protocol CertificateComponent: Sendable {
    func apply(to certificate: inout OrderRequest.CertificateDetails)
}

/// Several order components in source order: what an `@OrderBuilder` block produces.
public struct OrderComponentGroup: OrderComponent {
    public var components: [any OrderComponent]

    public init(_ components: [any OrderComponent] = []) {
        self.components = components
    }

    public func apply(to request: inout OrderRequest) {
        for component in components { component.apply(to: &request) }
    }
}

/// Several certificate components in source order: what a `@CertificateBuilder` block produces.
public struct CertificateComponentGroup: CertificateComponent {
    public var components: [any CertificateComponent]

    public init(_ components: [any CertificateComponent] = []) {
        self.components = components
    }

    public func apply(to certificate: inout OrderRequest.CertificateDetails) {
        for component in components { component.apply(to: &certificate) }
    }
}
