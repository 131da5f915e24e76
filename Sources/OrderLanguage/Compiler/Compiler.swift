import Foundation
import CertOrder

/// Compiles scripts to request payloads: evaluates them in one ``Interpreter`` (so a recipe
/// library given first serves the scripts after it), then validates every order and places each
/// validator diagnostic at the statement that set the field (or the `order` keyword).
///
/// ```swift
/// let compilation = await Compiler(parameters: ["org": "123456"]).compile(filesAtPaths: ["batch.order"])
/// if !compilation.hasErrors { print(compilation.json()!) }
/// ```
public struct Compiler {
    /// The rule set orders are judged by (its `today` fixes date checks in tests).
    public var validator: Validator
    /// Variables bound before the scripts run (`--param NAME=VALUE`).
    public var parameters: [String: String]
    /// The product of JSON payload sources whose request path does not name one (`--product`);
    /// nil makes such a payload an error, not a guess (EV and standard cost different sums).
    public var payloadProduct: Product?

    public init(validator: Validator = Validator(), parameters: [String: String] = [:], payloadProduct: Product? = nil) {
        self.validator = validator
        self.parameters = parameters
        self.payloadProduct = payloadProduct
    }

    /// Compiles sources in order. A source that is a JSON payload document (its first
    /// character opens an object or an array) gives its orders as `load` of it would.
    public func compile(_ sources: [Source]) async -> Compilation {
        let interpreter = Interpreter()
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) { interpreter.bind(name: name, value: value) }
        var orders: [CompiledOrder] = []
        var diagnostics: [LanguageDiagnostic] = []
        for source in sources {
            if PayloadDocument.looksLikeJSON(source.text) {
                let payload = PayloadOrders.compile(source, product: payloadProduct)
                orders += payload.orders
                diagnostics += payload.diagnostics
                continue
            }
            let result = await interpreter.evaluate(source)
            orders += result.orders
            diagnostics += result.diagnostics
        }
        // Every error in one run, as a compiler gives them: the orders are judged even when a
        // statement was refused, with the refused fields unknown (not missing), so a refusal
        // does not show up again as a missing field (CompiledOrder.unknownPaths). A script the
        // interpreter stopped in (too many errors) made orders that are not judged.
        // Bounded output: the first 100, then how many more (an error if any of them is one).
        diagnostics += Self.bounded(validate(orders))
        return Compilation(orders: orders, diagnostics: diagnostics)
    }

    /// The first ``Parser/maximumErrors`` of the validator's diagnostics, then how many more.
    static func bounded(_ found: [LanguageDiagnostic]) -> [LanguageDiagnostic] {
        var diagnostics = Array(found.prefix(Parser.maximumErrors))
        let hidden = found.dropFirst(Parser.maximumErrors)
        if !hidden.isEmpty {
            diagnostics.append(LanguageDiagnostic(.moreDiagnosticsNotShown(hidden.count, severity: hidden.contains(where: \.isError) ? .error : .warning),
                                                  at: nil))
        }
        return diagnostics
    }

    /// Compiles one source.
    public func compile(_ source: Source) async -> Compilation { await compile([source]) }

    /// Reads and compiles files in order; a file that cannot be read is an error diagnostic.
    public func compile(filesAtPaths paths: [String]) async -> Compilation {
        var sources: [Source] = []
        var unreadable: [LanguageDiagnostic] = []
        for path in paths {
            do {
                sources.append(try Source.file(atPath: path))
            } catch {
                unreadable.append(LanguageDiagnostic(.unreadableFile(error), at: nil))
            }
        }
        if !unreadable.isEmpty { return Compilation(orders: [], diagnostics: unreadable) }
        return await compile(sources)
    }

    /// Validator diagnostics of the orders, placed at their sources. A diagnostic repeated at
    /// the same place with the same message (a recipe's statement in a 10,000-row batch) is
    /// given once, with a note counting the other orders.
    public func validate(_ orders: [CompiledOrder]) -> [LanguageDiagnostic] {
        var found = DiagnosticRepeats()
        for order in orders {
            for diagnostic in located(order) { found.add(diagnostic) }
        }
        return Self.noted(found)
    }

    /// The validator's diagnostics of one order, placed at its sources.
    func located(_ order: CompiledOrder) -> [LanguageDiagnostic] {
        order.judged(validator.validate(order.request, product: order.product)).map(order.locate)
    }

    /// The validator's diagnostics gathered over the orders, with the count of the other orders
    /// each repeated one was found in.
    static func noted(_ found: DiagnosticRepeats) -> [LanguageDiagnostic] {
        found.result { count in "and in \(count) other order\(count == 1 ? "" : "s")" }
    }
}

/// The result of compiling: the orders and every diagnostic.
public struct Compilation: Sendable {
    public var orders: [CompiledOrder]
    /// Language diagnostics, then (when the scripts evaluated cleanly) validator diagnostics.
    public var diagnostics: [LanguageDiagnostic]

    public init(orders: [CompiledOrder], diagnostics: [LanguageDiagnostic]) {
        self.orders = orders
        self.diagnostics = diagnostics
    }

    /// Whether any diagnostic is an error (then there is no payload: exit status 65).
    public var hasErrors: Bool { diagnostics.hasErrors }

    /// The compact body of each order, as sent.
    public var payloads: [Data] { orders.map { PayloadWriter.compact($0.request) } }

    /// What `certorder compile` prints (without a final newline); `nil` when there are errors.
    /// One order gives its body as a JSON object, several a JSON array of bodies in script order.
    /// With `array`, an array even for one order (`compile --array`). With `requests`, always an array of `{"method": "POST", "path": "/order/certificate/<product>", "body": {...}}`.
    public func json(requests: Bool = false, array: Bool = false, pretty: Bool = true) -> String? {
        guard !hasErrors else { return nil }
        var w = JSONWriter(pretty: pretty, capacity: 1024 * max(1, orders.count))
        if requests {
            w.beginArray()
            for order in orders {
                w.element()
                w.beginObject()
                w.key("method"); w.string("POST")
                w.key("path"); w.string(order.product.orderPath)
                w.key("body"); PayloadWriter.write(order.request, to: &w)
                w.endObject()
            }
            w.endArray()
        } else if orders.count == 1 && !array {
            PayloadWriter.write(orders[0].request, to: &w)
        } else {
            w.beginArray()
            for order in orders {
                w.element()
                PayloadWriter.write(order.request, to: &w)
            }
            w.endArray()
        }
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
