import CertOrder
import Foundation

/// What a streamed compilation keeps once its orders are gone: the diagnostics and the count.
public struct StreamedCompilation: Sendable {
    /// Language diagnostics, then validator diagnostics, as ``Compilation/diagnostics`` has them.
    public var diagnostics: [LanguageDiagnostic]
    /// How many orders were handed on.
    public var orderCount: Int
    /// Whether the evaluation stopped before the end (too many errors, or the consumer said stop).
    public var stoppedEarly: Bool

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.hasErrors }
}

extension Compiler {
    /// Compiles sources in order and hands each order to `each` as soon as the script has
    /// finished it, with its own validator diagnostics (placed at their sources), then drops it:
    /// memory does not grow with the number of orders, so a 100,000-row CSV batch compiles in
    /// the memory of a few orders. `each` gets the order's number (from 0) and returns false to
    /// stop. With `validating` false the orders are not validated (a batch compiled again to be
    /// sent, after its first pass validated every order): `problems` is empty.
    ///
    /// The diagnostics are those ``compile(_:)`` gives for the same sources, in the same order;
    /// a batch checked this way and compiled again gives the same orders (scripts are
    /// deterministic), which is how `certorder send` sends a big batch without holding it.
    public func compile(
        _ sources: [Source],
        validating: Bool = true,
        each: @escaping (_ order: CompiledOrder, _ index: Int, _ problems: [LanguageDiagnostic]) async -> Bool
    ) async -> StreamedCompilation {
        let interpreter = Interpreter()
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) { interpreter.bind(name: name, value: value) }
        var diagnostics: [LanguageDiagnostic] = []
        // Boxed: the sink closure below is escaping and mutates them.
        final class State {
            var found = DiagnosticRepeats()
            var count = 0
        }
        let state = State()
        let validator = self.validator
        let handOn: (CompiledOrder) async -> Bool = { order in
            let problems = validating ? order.judged(validator.validate(order.request, product: order.product)).map(order.locate) : []
            for problem in problems { state.found.add(problem) }
            let index = state.count
            state.count += 1
            return await each(order, index, problems)
        }
        var stopped = false
        for source in sources where !stopped {
            // A JSON payload document: its orders as `compile(_:)` reads them (PayloadOrders).
            if PayloadDocument.looksLikeJSON(source.text) {
                let payload = PayloadOrders.compile(source, product: payloadProduct)
                diagnostics += payload.diagnostics
                for order in payload.orders where !stopped { stopped = !(await handOn(order)) }
                continue
            }
            let result = await interpreter.evaluate(source, onOrder: handOn)
            diagnostics += result.diagnostics
            stopped = result.stoppedEarly
        }
        // An evaluation stopped by too many errors judges none of its orders (Compiler.compile):
        // what was judged before the stop is dropped, so both give the same diagnostics.
        if !diagnostics.contains(where: { $0.id == LanguageMessageID.tooManyErrors.id }) {
            diagnostics += Self.bounded(Self.noted(state.found))
        }
        return StreamedCompilation(diagnostics: diagnostics, orderCount: state.count, stoppedEarly: stopped)
    }
}
