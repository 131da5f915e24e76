/// A span of a ``Source``, by byte offsets: what a token, a statement or a diagnostic covers.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    /// The source the span is in.
    public let source: Source
    /// The first byte.
    public let start: Int
    /// One past the last byte.
    public let end: Int

    public init(source: Source, start: Int, end: Int) {
        self.source = source
        self.start = start
        self.end = max(start, end)
    }

    /// Where the span starts.
    public var location: SourceLocation { source.location(ofOffset: start) }
    /// Where the span ends (one past its last character).
    public var endLocation: SourceLocation { source.location(ofOffset: end) }
    /// The source text the span covers.
    public var text: String { source.slice(start, end) }

    /// The span from the start of `self` to the end of `other` (same source).
    public func through(_ other: SourceRange) -> SourceRange {
        SourceRange(source: source, start: min(start, other.start), end: max(end, other.end))
    }

    /// `name:line:col`.
    public var description: String { "\(source.name):\(location)" }
}
