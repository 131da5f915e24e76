/// Builds the body of `Order { }` and of order recipes:
/// `@OrderBuilder func defaults(org: Int) -> some OrderComponent { Organization(org); Payment(.balance) }`.
///
/// Accepts only ``OrderComponent``s, so a certificate-level component such as `Hash` placed
/// directly in an order is a compile error. Supports `if`, `if/else`, `switch`, `for` and
/// optional components.
@resultBuilder
public enum OrderBuilder {
    public static func buildExpression(_ component: some OrderComponent) -> OrderComponentGroup {
        OrderComponentGroup([component])
    }

    public static func buildExpression(_ component: (some OrderComponent)?) -> OrderComponentGroup {
        OrderComponentGroup(component.map { [$0] } ?? [])
    }

    public static func buildBlock(_ parts: OrderComponentGroup...) -> OrderComponentGroup {
        OrderComponentGroup(parts.flatMap(\.components))
    }

    public static func buildOptional(_ part: OrderComponentGroup?) -> OrderComponentGroup {
        part ?? OrderComponentGroup()
    }

    public static func buildEither(first part: OrderComponentGroup) -> OrderComponentGroup { part }
    public static func buildEither(second part: OrderComponentGroup) -> OrderComponentGroup { part }

    public static func buildArray(_ parts: [OrderComponentGroup]) -> OrderComponentGroup {
        OrderComponentGroup(parts.flatMap(\.components))
    }

    public static func buildLimitedAvailability(_ part: OrderComponentGroup) -> OrderComponentGroup { part }
}
