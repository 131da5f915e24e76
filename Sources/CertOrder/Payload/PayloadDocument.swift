import Foundation

/// A JSON document of orders, read where a script could stand (`certorder send x.json`,
/// `export x.json`, the shell's `load x.json`): one request body (what `certorder compile`
/// prints for one order), an array of bodies (for several), or `compile --requests` output,
/// whose `{"method", "path", "body"}` elements name each order's product by its path.
///
/// The one reader of such documents, so that each way in parses as strictly (RFC 8259, errors
/// at their line and column) and names products the same way.
public struct PayloadDocument: Sendable {
    /// One order of the document.
    public struct Element: Sendable {
        /// The product the element's request path names (`compile --requests`), else nil.
        public var product: Product?
        public var request: OrderRequest
        /// The byte offset of the element in the document, where a diagnostic about it points.
        public var offset: Int
        /// Whether the element is a `{"method", "path", "body"}` envelope (its request's paths
        /// in the document start with `body.`).
        public var isEnvelope: Bool
    }

    public var elements: [Element]
    /// Whether the document is an array (even of one element).
    public var isArray: Bool

    /// Whether `text` looks like a document of orders rather than a script: its first
    /// character that is not white space opens a JSON object or array (a script never does).
    public static func looksLikeJSON(_ text: String) -> Bool {
        guard let first = text.utf8.first(where: { !Self.isSpace($0) }) else { return false }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    /// Reads a document. An element's value error names its index in the path (`[2].hash`).
    public static func read(_ data: Data) throws(PayloadReader.Failure) -> PayloadDocument {
        let bytes = [UInt8](data)
        if let syntax = JSONSyntaxError.find(in: bytes) {
            throw PayloadReader.Failure(path: "", message: "the body is not valid JSON: \(syntax.message)", syntax: syntax)
        }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }), bytes[start] == UInt8(ascii: "[") else {
            return PayloadDocument(elements: [try element(data, offset: 0)], isArray: false)
        }
        var elements: [Element] = []
        for (index, range) in topLevelElements(bytes, arrayStart: start).enumerated() {
            do {
                elements.append(try element(Data(bytes[range]), offset: range.lowerBound))
            } catch {
                throw PayloadReader.Failure(path: error.path.isEmpty ? "[\(index)]" : "[\(index)].\(error.path)", message: error.message)
            }
        }
        return PayloadDocument(elements: elements, isArray: true)
    }

    /// `{"method", "path", "body"}`: one element of `certorder compile --requests`.
    private struct RequestEnvelope: Decodable {
        var path: String?
        var body: OrderRequest
    }

    /// An object: an envelope when it has a `body` member, else a request body (a body has no
    /// member of that name, so the two cannot be mistaken).
    private static func element(_ data: Data, offset: Int) throws(PayloadReader.Failure) -> Element {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], object["body"] != nil else {
            return Element(product: nil, request: try PayloadReader.read(data), offset: offset, isEnvelope: false)
        }
        let envelope: RequestEnvelope
        do {
            envelope = try JSONDecoder().decode(RequestEnvelope.self, from: data)
        } catch let error as DecodingError {
            throw PayloadReader.failure(error)
        } catch {
            throw PayloadReader.Failure(path: "", message: "cannot read the request: \(error.localizedDescription)")
        }
        var product: Product?
        if let path = envelope.path {
            guard let named = Product.allCases.first(where: { path == $0.orderPath || path.hasSuffix($0.orderPath) }) else {
                throw PayloadReader.Failure(path: "path", message: "'\(path)' is not an order path; use \(Product.allCases.map(\.orderPath).joined(separator: " or "))")
            }
            product = named
        }
        return Element(product: product, request: envelope.body, offset: offset, isEnvelope: true)
    }

    /// The byte ranges of a valid JSON array's elements (the text was checked already).
    private static func topLevelElements(_ bytes: [UInt8], arrayStart: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var depth = 0, inString = false, escaped = false
        var elementStart: Int?
        var i = arrayStart
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
            } else {
                switch b {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
                default: break
                }
                if depth == 1, b == UInt8(ascii: ",") || (b == UInt8(ascii: "[") && i == arrayStart) {
                    if let s = elementStart { ranges.append(s..<trimmedEnd(bytes, s, i)) }
                    elementStart = nil
                } else if depth == 0 {
                    if let s = elementStart { ranges.append(s..<trimmedEnd(bytes, s, i)) }
                    return ranges
                } else if elementStart == nil, !isSpace(b) {
                    elementStart = i
                }
            }
            i += 1
        }
        return ranges
    }

    private static func trimmedEnd(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int {
        var e = end
        while e > start, isSpace(bytes[e - 1]) { e -= 1 }
        return e
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
}
