import Foundation
import CertOrder

/// What one evaluation produced.
package struct EvaluationResult: Sendable {
    /// The orders made in this evaluation (by `order`, `new` or `load`), in script order, each as
    /// it stands at the end of the evaluation.
    package var orders: [CompiledOrder]
    /// The language's diagnostics (syntax and evaluation), in the order found. The validator's
    /// are not included: see ``CompiledOrder/validate(with:)`` and ``Compiler``.
    package var diagnostics: [LanguageDiagnostic]
    /// The interpreter's draft after the evaluation (unchanged when it failed).
    package var draft: CompiledOrder?
    /// Whether the evaluation stopped early: too many errors (the orders it made are not
    /// judged), or an order sink that asked it to stop.
    package var stoppedEarly = false

    /// Whether any diagnostic is an error.
    package var hasErrors: Bool { diagnostics.hasErrors }
}

/// Runs order-language source and keeps its state across calls: the variables and recipes of
/// the top scope, the parameters bound with ``bind(name:value:)`` and the current draft (the
/// shell's order). One interpreter serves a whole shell session or one `certorder` run.
///
/// Each call of ``evaluate(_:handler:)`` is all or nothing: when it reports an error, the
/// variables, recipes and draft are left as they were before the call (commands that already
/// ran are not undone). A source with syntax errors is not evaluated at all.
///
/// Not thread-safe and not re-entrant: call it from one task at a time, and not from inside a
/// ``CommandHandler``.
package final class Interpreter {
    private let globals = Scope(parent: nil)
    private var fixedNames: Set<String> = []
    private var isEvaluating = false

    /// The current draft: the last order made by `order`, `new` or `load`, as later statements
    /// and `set` / `unset` edited it; `nil` before any.
    package private(set) var draft: CompiledOrder?

    /// Whether a command that fails (a refused `send`, an `export` to an unwritable file) lets the
    /// later commands of the same evaluation run (`certorder run --keep-going`). An error in a
    /// statement still stops them: the orders they would act on may be wrong. Off by default.
    package var keepsGoingAfterFailedCommands = false

    package init() {}

    /// Evaluates a source: declarations, orders, field statements (outside an order they edit the
    /// draft) and commands (`new`, `set`, `unset`, `load` act on the draft here; the others go to
    /// `handler`, or are skipped with a warning when it is `nil`).
    ///
    /// With `onOrder`, each order is handed to it as soon as it is finished (the next order
    /// started, or the end of the source) and is not kept: the result's ``EvaluationResult/orders``
    /// is then empty, and memory does not grow with the number of orders (a CSV batch). It
    /// returns false to stop the evaluation.
    package func evaluate(_ source: Source, handler: (any CommandHandler)? = nil,
                          onOrder: ((CompiledOrder) async -> Bool)? = nil) async -> EvaluationResult {
        guard !isEvaluating else {
            return EvaluationResult(orders: [], diagnostics: [LanguageDiagnostic(.interpreterBusy, at: nil)],
                                    draft: draft)
        }
        isEvaluating = true
        defer { isEvaluating = false }
        let parsed = Parser.parse(source)
        if parsed.hasErrors {
            return EvaluationResult(orders: [], diagnostics: parsed.diagnostics, draft: draft)
        }
        let savedValues = globals.values
        let savedRecipes = globals.recipes
        let evaluator = Evaluator(interpreter: self, globals: globals, fixedNames: fixedNames, handler: handler, draft: draft)
        evaluator.orderSink = onOrder
        await evaluator.evaluate(parsed.statements, of: source)
        // The draft before the last orders are handed on (and dropped).
        let finalDraft = evaluator.finalDraft
        await evaluator.handOnAllOrders()
        let diagnostics = evaluator.finishDiagnostics()
        if diagnostics.hasErrors {
            globals.values = savedValues
            globals.recipes = savedRecipes
        } else {
            draft = finalDraft
        }
        return EvaluationResult(orders: evaluator.orders, diagnostics: diagnostics, draft: draft, stoppedEarly: evaluator.stopped)
    }

    /// Reads and evaluates a file; a file that cannot be read gives one error diagnostic.
    package func evaluate(fileAtPath path: String, handler: (any CommandHandler)? = nil) async -> EvaluationResult {
        do {
            return await evaluate(try Source.file(atPath: path), handler: handler)
        } catch {
            return EvaluationResult(orders: [], diagnostics: [LanguageDiagnostic(.unreadableFile(error), at: nil)], draft: draft)
        }
    }

    /// Binds a variable in the top scope before a script runs (`--param NAME=VALUE`). The value
    /// is text, read by each field as its type (`--param org=123456` sets `organization $org`).
    /// A script's top-level `let NAME = ...` then keeps the bound value: the `let` serves as the
    /// default for when no parameter is given.
    package func bind(name: String, value: String) {
        globals.values[name] = .text(value, .parameter)
        fixedNames.insert(name)
    }

    /// Whether `name` is a valid variable or recipe name (letters, digits, `_`, not starting
    /// with a digit).
    package static func isValidName(_ name: String) -> Bool { Parser.isIdentifier(name) }

    /// The variables of the top scope with a single value, by name (for completion and `show`).
    package var variables: [String: String] {
        var out: [String: String] = [:]
        for (name, value) in globals.values {
            if case .text(let t, _) = value { out[name] = t }
        }
        return out
    }

    /// The recipes of the top scope, sorted by name.
    package var recipes: [RecipeInfo] {
        globals.recipes.values.map(\.info).sorted { $0.name < $1.name }
    }

    /// One recipe of the top scope.
    package func recipe(named name: String) -> RecipeInfo? {
        globals.recipes[name]?.info
    }

    /// Replaces the draft (the shell's `new` without a product, or discarding after `send`).
    package func setDraft(_ order: CompiledOrder?) {
        draft = order
    }

    /// Whether `text` is a complete input for the shell: no `<` block, `(` argument list, `[`
    /// list or `"""` string is left open. An input with too many closers is complete (it is an
    /// error to report, not more to read).
    package static func isComplete(_ text: String) -> Bool {
        let scan = ScriptScanner.scan(Source(name: "<input>", text: text))
        if scan.hasOpenBlockString { return false }
        var depth = BracketDepth()
        depth.count(scan.tokens[...])
        return depth.isClosed
    }
}
