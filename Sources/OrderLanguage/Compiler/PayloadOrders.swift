import Foundation
import CertOrder

/// The orders of a JSON payload document given where a script could stand (`certorder send
/// x.json`, `check`, `compile`, `export`): a body, an array of bodies, or `compile --requests`
/// output (``PayloadDocument``).
///
/// Each member of the document is recorded as a field origin (its key as the statement, its
/// value as the value), so the validator's diagnostics point into the JSON as they point into a
/// script: a bad value at the value, a missing field at the object that should hold it.
enum PayloadOrders {
    /// The document's orders, and the diagnostics that stopped any of them. `product` names
    /// the product of elements whose request path does not (`--product`).
    static func compile(_ source: Source, product: Product?) -> (orders: [CompiledOrder], diagnostics: [LanguageDiagnostic]) {
        let bytes = Array(source.text.utf8)
        let origins = JSONOrigins(bytes: bytes, source: source).map()
        let document: PayloadDocument
        do {
            document = try PayloadDocument.read(Data(bytes))
        } catch {
            let range: SourceRange
            if let syntax = error.syntax {
                range = SourceRange(source: source, start: syntax.offset, end: min(syntax.offset + 1, bytes.count))
            } else {
                range = origins[error.path].map { $0.value ?? $0.statement } ?? SourceRange(source: source, start: 0, end: min(1, bytes.count))
            }
            return ([], [LanguageDiagnostic(.payloadSyntax(error.description), at: range)])
        }
        var orders: [CompiledOrder] = []
        var diagnostics: [LanguageDiagnostic] = []
        for (index, element) in document.elements.enumerated() {
            let start = SourceRange(source: source, start: element.offset, end: min(element.offset + 1, bytes.count))
            guard let product = element.product ?? product else {
                diagnostics.append(LanguageDiagnostic(.payloadProductUnnamed(), at: start))
                continue
            }
            // The element's own paths: `[2].body.hash` of the document is `hash` of the order.
            let prefix = (document.isArray ? "[\(index)]" : "") + (element.isEnvelope ? (document.isArray ? ".body" : "body") : "")
            var own: [String: FieldOrigin] = [:]
            for (path, origin) in origins {
                if prefix.isEmpty { own[path] = origin } else if path.hasPrefix(prefix + ".") {
                    own[String(path.dropFirst(prefix.count + 1))] = origin
                }
            }
            orders.append(CompiledOrder(product: product, request: element.request, orderRange: start, origins: own))
        }
        return (orders, diagnostics)
    }
}

/// Every member and element of a valid JSON text by its payload path (`certificate.hash`,
/// `custom_fields[0].value`, `[1].body.validity_years`): the key as the statement, the value as
/// the value. Keys are taken as written (payload keys have no escapes).
private struct JSONOrigins {
    let bytes: [UInt8]
    let source: Source
    var found: [String: FieldOrigin] = [:]

    init(bytes: [UInt8], source: Source) {
        self.bytes = bytes
        self.source = source
    }

    /// The origins; partial (up to the first error) when the text is not JSON.
    func map() -> [String: FieldOrigin] {
        var walker = self
        var i = walker.skipSpace(0)
        _ = walker.value(at: &i, path: "", depth: 0)
        return walker.found
    }

    private func range(_ start: Int, _ end: Int) -> SourceRange { SourceRange(source: source, start: start, end: end) }

    private func skipSpace(_ from: Int) -> Int {
        var i = from
        while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
        return i
    }

    /// Walks the value at `i` (left just after it); false on text that is not JSON.
    private mutating func value(at i: inout Int, path: String, depth: Int) -> Bool {
        guard i < bytes.count, depth < 512 else { return false }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i = skipSpace(i + 1)
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return true }
            while i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
                let keyStart = i
                guard string(at: &i) else { return false }
                let key = String(decoding: bytes[(keyStart + 1)..<(i - 1)], as: UTF8.self)
                i = skipSpace(i)
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return false }
                i = skipSpace(i + 1)
                let valueStart = i
                let child = path.isEmpty ? key : "\(path).\(key)"
                guard value(at: &i, path: child, depth: depth + 1) else { return false }
                found[child] = FieldOrigin(statement: range(keyStart, keyStart + key.utf8.count + 2), value: range(valueStart, i))
                i = skipSpace(i)
                guard i < bytes.count else { return false }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return true }
                guard bytes[i] == UInt8(ascii: ",") else { return false }
                i = skipSpace(i + 1)
            }
            return false
        case UInt8(ascii: "["):
            i = skipSpace(i + 1)
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return true }
            var index = 0
            while i < bytes.count {
                let valueStart = i
                let child = "\(path)[\(index)]"
                guard value(at: &i, path: child, depth: depth + 1) else { return false }
                found[child] = FieldOrigin(statement: range(valueStart, i), value: range(valueStart, i))
                index += 1
                i = skipSpace(i)
                guard i < bytes.count else { return false }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return true }
                guard bytes[i] == UInt8(ascii: ",") else { return false }
                i = skipSpace(i + 1)
            }
            return false
        case UInt8(ascii: "\""):
            return string(at: &i)
        default:
            // A number or a literal: up to the next delimiter.
            let start = i
            while i < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), 0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
            return i > start
        }
    }

    /// Skips the string at `i` (its opening quote), leaving `i` after the closing one.
    private func string(at i: inout Int) -> Bool {
        i += 1
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\\"): i += 2
            case UInt8(ascii: "\""): i += 1; return true
            default: i += 1
            }
        }
        return false
    }
}
