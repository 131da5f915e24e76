/// The identity of a kind of diagnostic: a stable dotted name such as `order.validity.range` or
/// `lang.block.unclosed`.
///
/// A message is for people and may be reworded; its ID is for machines (tests, an editor's
/// diagnostic `code`, a JSON report) and keeps its spelling once published, so a rewording never
/// breaks a consumer that keys on it. As in swift-syntax's `MessageID`, the first part names the
/// module that owns the message: `order.` for the validator and the send checks of
/// ``ValidationMessage``, `lang.` for the order language's scanner, parser and evaluator.
public struct DiagnosticID: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The dotted name, e.g. `order.hash.missing`.
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }
}
