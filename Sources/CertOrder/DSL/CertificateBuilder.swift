/// Builds the body of `Certificate { }`; accepts only ``CertificateComponent``s, so an
/// order-level component such as `Organization` inside a certificate is a compile error.
@resultBuilder
public enum CertificateBuilder {
    public static func buildExpression(_ component: some CertificateComponent) -> CertificateComponentGroup {
        CertificateComponentGroup([component])
    }

    public static func buildExpression(_ component: (some CertificateComponent)?) -> CertificateComponentGroup {
        CertificateComponentGroup(component.map { [$0] } ?? [])
    }

    public static func buildBlock(_ parts: CertificateComponentGroup...) -> CertificateComponentGroup {
        CertificateComponentGroup(parts.flatMap(\.components))
    }

    public static func buildOptional(_ part: CertificateComponentGroup?) -> CertificateComponentGroup {
        part ?? CertificateComponentGroup()
    }

    public static func buildEither(first part: CertificateComponentGroup) -> CertificateComponentGroup { part }
    public static func buildEither(second part: CertificateComponentGroup) -> CertificateComponentGroup { part }

    public static func buildArray(_ parts: [CertificateComponentGroup]) -> CertificateComponentGroup {
        CertificateComponentGroup(parts.flatMap(\.components))
    }

    public static func buildLimitedAvailability(_ part: CertificateComponentGroup) -> CertificateComponentGroup { part }
}
