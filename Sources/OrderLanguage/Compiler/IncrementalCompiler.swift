import Foundation
import CertOrder

/// Compiles the successive versions of one script as ``Compiler`` compiles each alone (the same
/// diagnostics, in the same order), keeping work between versions: the language server's
/// diagnostics on every keystroke.
///
/// Two things are kept. **Checkpoints**: the evaluator's state after some top-level statements
/// (after each stretch of a few thousand steps: a 10,000-row CSV loop is one statement, and the
/// state after it is one checkpoint). A new version whose text starts with the same bytes up to
/// a checkpoint's next statement, and whose files read so far (included scripts, CSV files,
/// `@file`s, through the same overlay of unsaved buffers) have the same text, resumes there.
/// **Validations**: each order's validator diagnostics, reused for an order equal to the one at
/// the same position last time (the orders a resumed evaluation starts with are those values).
///
/// Statements resumed from a checkpoint came from an earlier version's ``Source``: diagnostics
/// may point into it (``Result/earlierSources``). Its bytes up to the checkpoint are the current
/// ones, so its offsets are the current text's.
///
/// Not thread-safe: one compile at a time. A compile in a cancelled task returns `nil` (soon:
/// the evaluator looks every 4,096 steps), and keeps the checkpoints made before it stopped.
package final class IncrementalCompiler {
    /// One compile's outcome.
    package struct Result {
        /// What ``Compiler/compile(_:)`` gives for the same text and files.
        package var compilation: Compilation
        /// Earlier versions of the script that statements were resumed from: diagnostics and notes
        /// pointing into one of them point into the script.
        package var earlierSources: [Source]
        /// The files the evaluation read or tried to read (by path): a change to one calls for a
        /// new compile.
        package var files: Set<String>
        /// Top-level statements not run again (resumed from a checkpoint), of all.
        package var resumedStatements: Int
        package var statements: Int
        /// Orders whose validation was reused, of all.
        package var reusedValidations: Int
        package var orders: Int
    }

    /// Steps between checkpoints, at least (and at least an eighth of the steps before: a script of
    /// many small statements keeps a few dozen checkpoints, not one per statement, each of which
    /// costs a copy of the orders made so far).
    private let checkpointSteps: Int
    private let compiler: Compiler
    private let interpreter = Interpreter()
    /// The top scope of every evaluation: the recipes in a checkpoint look names up in this object.
    private let globals = Scope(parent: nil)
    private var checkpoints: [(checkpoint: EvaluatorCheckpoint, lineage: [Source])] = []
    private var validated: [(order: CompiledOrder, found: [LanguageDiagnostic])] = []

    /// `checkpointSteps`: the steps between checkpoints, at least (tests make one after every
    /// statement with 0).
    package init(validator: Validator = Validator(), checkpointSteps: Int = 2_000) {
        compiler = Compiler(validator: validator)
        self.checkpointSteps = checkpointSteps
    }

    /// Compiles `source` (parsed already as `parsed`, when given), reading the files at the paths
    /// of `overlay` as the texts there; `nil` when the task was cancelled meanwhile.
    package func compile(_ source: Source, parsed: Parser.Result? = nil, overlay: [String: String] = [:]) async -> Result? {
        let parsed = parsed ?? Parser.parse(source)
        let statements = parsed.statements
        if parsed.hasErrors {
            // Not evaluated (as the interpreter does): the checkpoints wait for a version that parses.
            return Result(compilation: Compilation(orders: [], diagnostics: parsed.diagnostics), earlierSources: [],
                          files: [], resumedStatements: 0, statements: statements.count, reusedValidations: 0, orders: 0)
        }
        let evaluator = Evaluator(interpreter: interpreter, globals: globals, fixedNames: [], handler: nil, draft: nil)
        evaluator.fileOverlay = overlay
        var files = FileTexts(overlay: overlay)
        var kept: [(checkpoint: EvaluatorCheckpoint, lineage: [Source])] = []
        if Evaluator.commandWithProblem(statements) == nil {
            kept = checkpoints.filter { isUsable($0.checkpoint, for: source, statements: statements, files: &files) }
        }
        var lineage: [Source] = []
        var first = 0
        if let resumed = kept.last {
            evaluator.restore(resumed.checkpoint)
            first = resumed.checkpoint.statementCount
            lineage = resumed.lineage
        } else {
            globals.values = [:]
            globals.recipes = [:]
        }
        let earlier = lineage
        lineage.append(source)

        var stepsAtLast = evaluator.steps
        await evaluator.perform(topLevel: statements, from: first, of: source) { index in
            let spent = evaluator.steps - stepsAtLast
            guard spent >= max(checkpointSteps, stepsAtLast / 8),
                  let checkpoint = evaluator.checkpoint(after: index + 1, of: statements, source: source) else { return }
            kept.append((checkpoint, lineage))
            stepsAtLast = evaluator.steps
        }
        // Made before any cancellation was seen, the checkpoints are sound either way.
        checkpoints = kept
        if Task.isCancelled { return nil }

        var diagnostics = evaluator.finishDiagnostics()
        let orders = evaluator.orders
        guard let (found, reused) = validate(orders) else { return nil }
        diagnostics += Compiler.bounded(found)
        return Result(compilation: Compilation(orders: orders, diagnostics: diagnostics), earlierSources: earlier,
                      files: Set(evaluator.fileCache.keys).union(evaluator.unreadFiles),
                      resumedStatements: first, statements: statements.count, reusedValidations: reused, orders: orders.count)
    }

    /// Whether the text of `source` is the same as the checkpoint's up to where it resumes, its
    /// statements so far end where they ended, and the files it read have the same text now.
    private func isUsable(_ checkpoint: EvaluatorCheckpoint, for source: Source, statements: [Statement], files: inout FileTexts) -> Bool {
        let count = checkpoint.statementCount, end = checkpoint.resumeOffset
        guard count > 0, count <= statements.count, source.bytes.count >= end,
              statements[count - 1].range.end <= end, count == statements.count || statements[count].range.start >= end,
              source.url == checkpoint.source.url, source.name == checkpoint.source.name else { return false }
        let same = source.bytes.withUnsafeBytes { new in
            checkpoint.source.bytes.withUnsafeBytes { old in memcmp(new.baseAddress!, old.baseAddress!, end) == 0 }
        }
        guard same else { return false }
        return checkpoint.fileCache.allSatisfy { path, text in files.text(atPath: path) == text }
    }

    /// The validator's diagnostics of the orders as ``Compiler/validate(_:)`` gives them, and how
    /// many orders' were reused; `nil` when the task was cancelled.
    private func validate(_ orders: [CompiledOrder]) -> ([LanguageDiagnostic], Int)? {
        var found = DiagnosticRepeats()
        var next: [(order: CompiledOrder, found: [LanguageDiagnostic])] = []
        next.reserveCapacity(orders.count)
        var reused = 0
        for (i, order) in orders.enumerated() {
            if i % 1_024 == 1_023, Task.isCancelled { return nil }
            let located: [LanguageDiagnostic]
            if i < validated.count, validated[i].order == order {
                located = validated[i].found
                reused += 1
            } else {
                located = compiler.located(order)
            }
            for diagnostic in located { found.add(diagnostic) }
            next.append((order, located))
        }
        validated = next
        return (Compiler.noted(found), reused)
    }

    /// The current text of files, read once per compile: the overlay's, else the disk's (`nil`
    /// when unreadable), as the evaluator reads them.
    private struct FileTexts {
        let overlay: [String: String]
        var read: [String: String?] = [:]

        mutating func text(atPath path: String) -> String? {
            if let text = overlay[path] { return text }
            if let known = read[path] { return known }
            let bytes = try? SourceReader.readFile(atPath: path, shownAs: path)
            let text = bytes.flatMap { String(validating: $0, as: UTF8.self) }
            read[path] = text
            return text
        }
    }
}
