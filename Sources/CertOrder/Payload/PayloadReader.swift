import Foundation

/// Reads a JSON request body into an ``OrderRequest``.
public enum PayloadReader {
    /// Why a body could not be read: the payload path at fault and what was wrong.
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// The payload path (`ship_info.zip`), empty for the whole document.
        public var path: String
        public var message: String
        /// The syntax error, with its line, column and offset, when the text is not JSON; nil
        /// for errors of a value, which ``path`` locates.
        public var syntax: JSONSyntaxError?
        public var description: String { path.isEmpty ? message : "\(path): \(message)" }

        public init(path: String, message: String, syntax: JSONSyntaxError? = nil) {
            self.path = path
            self.message = message
            self.syntax = syntax
        }
    }

    /// Decodes one body, strictly: the text must be JSON as RFC 8259 defines it, else the error
    /// says where (``Failure/syntax``). Unknown keys are ignored.
    ///
    /// Foundation's `JSONDecoder` accepts more than JSON (a comma before `}`, for one): checking
    /// the text first means a body CertOrder accepts is one CertCentral can read, whichever way it
    /// comes in (`export`, `load`, `send`, the sandbox).
    public static func read(_ data: Data) throws(Failure) -> OrderRequest {
        if let syntax = JSONSyntaxError.find(in: [UInt8](data)) {
            throw Failure(path: "", message: "the body is not valid JSON: \(syntax.message)", syntax: syntax)
        }
        do {
            return try JSONDecoder().decode(OrderRequest.self, from: data)
        } catch let error as DecodingError {
            throw failure(error)
        } catch {
            throw Failure(path: "", message: "not a JSON object: \(error.localizedDescription)")
        }
    }

    static func failure(_ error: DecodingError) -> Failure {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
                .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .typeMismatch(let type, let context):
            return Failure(path: path(context.codingPath), message: "expected \(describe(type)); fix the value's type")
        case .valueNotFound(let type, let context):
            return Failure(path: path(context.codingPath), message: "expected \(describe(type)), found null")
        case .keyNotFound(let key, let context):
            return Failure(path: path(context.codingPath + [key]), message: "'\(key.stringValue)' is required")
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.localizedDescription ?? context.debugDescription
            return Failure(path: path(context.codingPath), message: "the body is not valid JSON (\(underlying))")
        @unknown default:
            return Failure(path: "", message: "cannot read the body")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: return "an integer"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is [Any].Type: return "an array"
        default: return "an object"
        }
    }
}
