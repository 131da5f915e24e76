/// A status CertCentral reports as an open set of strings: the values CertOrder knows are
/// named by the conforming type (``known``), and any other value CertCentral sends is kept as
/// it came (``isKnown`` is false), never a decoding failure.
///
/// Compared and stored as its ``rawValue``; a string literal is one (`status == "issued"`).
/// Coded as the bare string, by the standard library's coding of a `String`-backed
/// `RawRepresentable`. ``OrderStatus`` and ``RequestStatus`` share this one implementation.
public protocol OpenStatus: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible
where RawValue == String, StringLiteralType == String {
    /// Any value is a status: the set is open.
    init(rawValue: String)

    /// The values CertOrder knows, in the order of their life.
    static var known: [Self] { get }
}

extension OpenStatus {
    public init(_ rawValue: String) {
        self.init(rawValue: rawValue)
    }

    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }

    /// Whether this is one of ``known``.
    public var isKnown: Bool { Self.known.contains(self) }

    /// The raw value, as the API spells it.
    public var description: String { rawValue }
}
