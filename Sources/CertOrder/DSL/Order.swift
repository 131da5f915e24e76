import Foundation

/// A code signing order written with the DSL:
///
/// ```swift
/// let order = Order(.codeSigningEV) {
///     Certificate { Hash(.sha256) }
///     Organization(123456)
///     Validity(years: 1)
/// }
/// let body = try order.payload()
/// ```
public struct Order: Sendable {
    /// The product ordered; it picks the endpoint.
    public var product: Product
    /// The request body the components wrote.
    public var request: OrderRequest

    public init(_ product: Product, @OrderBuilder _ content: () -> OrderComponentGroup) {
        self.product = product
        var request = OrderRequest()
        content().apply(to: &request)
        self.request = request
    }

    /// Wraps an existing request, e.g. one read from JSON or compiled from a script.
    public init(_ product: Product, request: OrderRequest) {
        self.product = product
        self.request = request
    }

    /// Every diagnostic of the order, errors and warnings, judged today.
    public var diagnostics: [Diagnostic] { Validator().validate(request, product: product) }

    /// The compact JSON body, validated.
    /// - Throws: ``InvalidOrderError`` carrying every error diagnostic.
    public func payload(validator: Validator = Validator()) throws(InvalidOrderError) -> Data {
        let errors = validator.validate(request, product: product).errors
        guard errors.isEmpty else { throw InvalidOrderError(product: product, diagnostics: errors) }
        return PayloadWriter.compact(request)
    }

    /// The body as pretty JSON in the documented key order, whether valid or not.
    public var json: String { PayloadWriter.pretty(request) }
}

/// Thrown by ``Order/payload(validator:)`` when the order has errors; holds all of them.
public struct InvalidOrderError: Error, Hashable, Sendable, CustomStringConvertible {
    public var product: Product
    public var diagnostics: [Diagnostic]

    public var description: String {
        "the \(product.rawValue) order has \(diagnostics.count) error\(diagnostics.count == 1 ? "" : "s"):\n"
            + diagnostics.map { "  \($0)" }.joined(separator: "\n")
    }
}
