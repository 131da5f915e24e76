import Foundation

/// The state of an evaluation between two top-level statements, kept so that a later evaluation
/// of a script that starts with the same text can resume there instead of running the start
/// again (``IncrementalCompiler``). Between top-level statements the evaluator holds no recipe,
/// loop or include frame and no scheduled block: what is left is value state (copied cheaply, as
/// Swift's collections share storage until written) and the top scope's variables and recipes.
struct EvaluatorCheckpoint {
    /// How many top-level statements were run.
    var statementCount: Int
    /// The source those statements came from, and the offset up to which a later text must be
    /// the same bytes for the checkpoint to serve it: the start of the next statement, so the
    /// statements run and the line break ending the last one are all unchanged.
    var source: Source
    var resumeOffset: Int
    var steps: Int
    var orders: [CompiledOrder]
    var draftSlot: Evaluator.Slot?
    var reported: DiagnosticRepeats
    var errorCount: Int
    var failedCommandCount: Int
    var warnedSkippedCommands: Bool
    var values: [String: Value]
    var recipes: [String: Recipe]
    var fileCache: [String: String]
    var parseCache: [String: Evaluator.ParsedFile]
    var csvCache: [String: Evaluator.CSVTable]
    /// The scope each order's block ran in (``Evaluator/orderScopes``).
    var orderScopes: [Scope?]
}

extension Evaluator {
    /// Runs a script's top-level statements from `first` on (the ones before ran already, or
    /// were restored from a checkpoint), calling `record` after each statement with the
    /// evaluation still going. Runs what ``evaluate(_:of:)`` runs, one statement at a time.
    func perform(topLevel statements: [Statement], from first: Int, of source: Source,
                 afterEach record: (_ index: Int) -> Void) async {
        if first == 0 {
            if let url = source.url { includeStack.append((url.path, source.name)) }
            holdCommands(ifAnyIsWrongIn: statements)
        }
        for index in first..<statements.count {
            if stopped { break }
            await perform([statements[index]], scope: globals, target: .top)
            record(index)
        }
        if source.url != nil, !includeStack.isEmpty { includeStack.removeLast() }
    }

    /// The state after `statementCount` top-level statements of `source`; `nil` when it cannot
    /// be resumed from (the evaluation stopped; a command holds the others, which depends on the
    /// whole script, not on the statements run so far; or a file could not be read, whose error
    /// a later evaluation might not give in the same words).
    func checkpoint(after statementCount: Int, of statements: [Statement], source: Source) -> EvaluatorCheckpoint? {
        guard !stopped, heldBy == nil, unreadFiles.isEmpty, frames.isEmpty, recipeStack.isEmpty,
              statementCount < statements.count else { return nil }
        return EvaluatorCheckpoint(
            statementCount: statementCount, source: source, resumeOffset: statements[statementCount].range.start,
            steps: steps, orders: orders, draftSlot: draftSlot, reported: reported, errorCount: errorCount,
            failedCommandCount: failedCommandCount, warnedSkippedCommands: warnedSkippedCommands,
            values: globals.values, recipes: globals.recipes,
            fileCache: fileCache, parseCache: parseCache, csvCache: csvCache, orderScopes: orderScopes ?? [])
    }

    /// Puts the evaluator (new, with the same top scope object as the one checkpointed: the
    /// recipes declared there look their names up in it) in the state of `checkpoint`, ready to
    /// run the statements after it.
    func restore(_ checkpoint: EvaluatorCheckpoint) {
        steps = checkpoint.steps
        orders = checkpoint.orders
        draftSlot = checkpoint.draftSlot
        reported = checkpoint.reported
        errorCount = checkpoint.errorCount
        failedCommandCount = checkpoint.failedCommandCount
        warnedSkippedCommands = checkpoint.warnedSkippedCommands
        globals.values = checkpoint.values
        globals.recipes = checkpoint.recipes
        fileCache = checkpoint.fileCache
        parseCache = checkpoint.parseCache
        csvCache = checkpoint.csvCache
        orderScopes = checkpoint.orderScopes
        if let url = checkpoint.source.url { includeStack = [(url.path, checkpoint.source.name)] }
    }
}
