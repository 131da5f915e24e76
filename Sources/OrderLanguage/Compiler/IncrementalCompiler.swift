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
/// **Validations**: with each checkpoint, the validator's diagnostics of its orders that no later
/// statement edited; a resumed evaluation reuses those of the orders it did not edit either.
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
        /// Whether the state came from a checkpoint made before an edit above it (``ScriptEdit``),
        /// and how many of its orders the edited statement changed.
        package var carriedOverEdit = false
        package var changedOrders = 0
    }

    /// Steps between checkpoints, at least (and at least an eighth of the steps before: a script of
    /// many small statements keeps a few dozen checkpoints, not one per statement, each of which
    /// costs a copy of the orders made so far).
    private let checkpointSteps: Int
    private let compiler: Compiler
    private let interpreter = Interpreter()
    /// The top scope of every evaluation: the recipes in a checkpoint look names up in this object.
    private let globals = Scope(parent: nil)
    /// A checkpoint, the versions of the script its state comes from, and the validator's
    /// diagnostics of its first `validatedCount` orders (those no later statement edited).
    private struct Kept {
        var checkpoint: EvaluatorCheckpoint
        /// The statements of the text the checkpoint was made from (``ScriptEdit`` compares them).
        var statements: [Statement]
        var lineage: [Source]
        /// `nil` for an order whose validation is to be made again (one an edit changed).
        var validations: [[LanguageDiagnostic]?] = []
        var validatedCount = 0
    }

    private var checkpoints: [Kept] = []

    /// `checkpointSteps`: the steps between checkpoints, at least (with 0, tests of small scripts
    /// get one after nearly every statement, so that every edit resumes somewhere).
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
        func newEvaluator() -> Evaluator {
            let evaluator = Evaluator(interpreter: interpreter, globals: globals, fixedNames: [], handler: nil, draft: nil)
            evaluator.fileOverlay = overlay
            evaluator.orderScopes = []
            return evaluator
        }
        var evaluator = newEvaluator()
        var files = FileTexts(overlay: overlay)
        var kept: [Kept] = []
        var changed: [Int]?
        if Evaluator.commandWithProblem(statements) == nil {
            kept = checkpoints.filter { isUsable($0.checkpoint, for: source, statements: statements, files: &files) }
            // The latest checkpoint, made before an edit above it: carried over the edit when
            // that saves more steps than there are orders to move.
            if var latest = checkpoints.last, latest.checkpoint.statementCount > (kept.last?.checkpoint.statementCount ?? 0),
               latest.checkpoint.steps - (kept.last?.checkpoint.steps ?? 0) > latest.checkpoint.orders.count,
               latest.checkpoint.fileCache.allSatisfy({ files.text(atPath: $0.key) == $0.value }),
               let edit = ScriptEdit.between(latest.checkpoint.source, latest.statements, and: source, statements, upTo: latest.checkpoint.statementCount, resumeOffset: latest.checkpoint.resumeOffset) {
                let saved = (values: globals.values, recipes: globals.recipes)
                changed = evaluator.restore(latest.checkpoint, scripts: latest.lineage, carrying: edit, into: source, statements: statements)
                if let changed, let carried = evaluator.checkpoint(after: latest.checkpoint.statementCount, of: statements, source: source) {
                    latest.validations = Self.moved(latest.validations.prefix(latest.validatedCount), by: edit, into: source,
                                                    from: latest.lineage + [latest.checkpoint.source], except: changed)
                    latest.validatedCount = latest.validations.count
                    latest.checkpoint = carried
                    latest.statements = statements
                    latest.lineage.append(source)
                    kept.append(latest)
                } else {
                    changed = nil
                    globals.values = saved.values
                    globals.recipes = saved.recipes
                    evaluator = newEvaluator()
                }
            }
        }
        var lineage: [Source] = []
        var first = 0
        let resumed = kept.last
        if let resumed {
            if changed == nil { evaluator.restore(resumed.checkpoint) }
            first = resumed.checkpoint.statementCount
            lineage = resumed.lineage
        } else {
            globals.values = [:]
            globals.recipes = [:]
        }
        let earlier = lineage
        lineage.append(source)

        // The lowest order edited in each stretch between checkpoints made now (the last one
        // after the last checkpoint): a checkpoint's orders below the lowest edited after it are
        // the final ones, whose validation it can keep.
        var editedIn: [Int] = []
        var made: [Int] = []
        evaluator.lowestEditedOrder = Int.max
        var stepsAtLast = evaluator.steps
        await evaluator.perform(topLevel: statements, from: first, of: source) { index in
            let spent = evaluator.steps - stepsAtLast
            guard spent >= max(checkpointSteps, stepsAtLast / 8),
                  let checkpoint = evaluator.checkpoint(after: index + 1, of: statements, source: source) else { return }
            editedIn.append(evaluator.lowestEditedOrder)
            evaluator.lowestEditedOrder = Int.max
            made.append(kept.count)
            kept.append(Kept(checkpoint: checkpoint, statements: statements, lineage: lineage))
            stepsAtLast = evaluator.steps
        }
        editedIn.append(evaluator.lowestEditedOrder)
        // Made before any cancellation was seen, the checkpoints are sound either way.
        checkpoints = kept
        if Task.isCancelled { return nil }

        var diagnostics = evaluator.finishDiagnostics()
        let orders = evaluator.orders
        let unedited = resumed.map { min($0.validatedCount, editedIn.min() ?? Int.max) } ?? 0
        guard let (validations, reused) = validate(orders, reusing: resumed?.validations ?? [], count: unedited) else { return nil }
        let known = validations.map(Optional.some)
        if changed != nil, let position = kept.indices.last(where: { kept[$0].checkpoint.statementCount == first }) {
            checkpoints[position].validations = known
            checkpoints[position].validatedCount = min(checkpoints[position].checkpoint.orders.count, editedIn.min() ?? Int.max)
        }
        for (n, position) in made.enumerated() {
            checkpoints[position].validations = known
            checkpoints[position].validatedCount = min(checkpoints[position].checkpoint.orders.count, editedIn[(n + 1)...].min() ?? Int.max)
        }
        var found = DiagnosticRepeats()
        for located in validations {
            for diagnostic in located { found.add(diagnostic) }
        }
        diagnostics += Compiler.bounded(Compiler.noted(found))
        return Result(compilation: Compilation(orders: orders, diagnostics: diagnostics), earlierSources: earlier,
                      files: Set(evaluator.fileCache.keys).union(evaluator.unreadFiles),
                      resumedStatements: first, statements: statements.count, reusedValidations: reused, orders: orders.count,
                      carriedOverEdit: changed != nil, changedOrders: changed?.count ?? 0)
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

    /// Validations kept with a checkpoint, moved over `edit` as the orders were; `nil` (made
    /// again) for the orders in `changed` (ascending) and those with a diagnostic inside the edit.
    private static func moved(_ validations: ArraySlice<[LanguageDiagnostic]?>, by edit: ScriptEdit, into source: Source,
                              from scripts: [Source], except changed: [Int]) -> [[LanguageDiagnostic]?] {
        let old = Set(scripts.map(ObjectIdentifier.init))
        var out: [[LanguageDiagnostic]?] = []
        out.reserveCapacity(validations.count)
        var position = 0
        func moved(_ range: SourceRange?) -> SourceRange?? {
            guard let range, old.contains(ObjectIdentifier(range.source)) else { return .some(range) }
            guard let new = edit.newRange(range.start, range.end) else { return nil }
            return .some(SourceRange(source: source, start: new.start, end: new.end))
        }
        outer: for (i, found) in validations.enumerated() {
            if position < changed.count, changed[position] == i {
                position += 1
                out.append(nil)
                continue
            }
            guard var diagnostics = found, !diagnostics.isEmpty else {
                out.append(found)
                continue
            }
            for d in diagnostics.indices {
                guard let range = moved(diagnostics[d].range) else { out.append(nil); continue outer }
                diagnostics[d].range = range
                for n in diagnostics[d].notes.indices {
                    guard let range = moved(diagnostics[d].notes[n].range) else { out.append(nil); continue outer }
                    diagnostics[d].notes[n].range = range
                }
            }
            out.append(diagnostics)
        }
        return out
    }

    /// The validator's diagnostics of each order, the first `count` of them as in `reusing`;
    /// `nil` when the task was cancelled.
    private func validate(_ orders: [CompiledOrder], reusing known: [[LanguageDiagnostic]?], count: Int) -> ([[LanguageDiagnostic]], reused: Int)? {
        var validations: [[LanguageDiagnostic]] = []
        validations.reserveCapacity(orders.count)
        var reused = 0
        for i in orders.indices {
            if i < count, i < known.count, let found = known[i] {
                validations.append(found)
                reused += 1
                continue
            }
            if i % 1_024 == 1_023, Task.isCancelled { return nil }
            validations.append(compiler.located(orders[i]))
        }
        return (validations, reused)
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
