import CertOrder

extension Evaluator {
    /// Puts the evaluator (new, with the checkpointed top scope object) in the state that running
    /// `statements` of `source` up to `checkpoint` would give, where `source` is the checkpoint's
    /// text changed by `edit` (``ScriptEdit``): the checkpoint's state with every place in the
    /// script moved to the new text, the top-level recipes rebound to their new declarations and,
    /// for an edited field statement, that statement run again for each order its `order`
    /// statement made, in the scope that order's block ran in.
    ///
    /// `scripts` are the versions of the script the checkpoint's places may point into. Answers
    /// which orders changed (by index), or `nil` when the state cannot be carried over exactly:
    /// then this evaluator is spoilt, and the caller runs the statements again in a new one.
    ///
    /// Why the result is what running the statements again gives: the statements before and
    /// after the edit are the same (only moved), so they do the same; the edited statement reads
    /// only its variables, which are the row's and the recipe's (scopes no later statement
    /// writes: no block on the way binds a name) or top-level ones bound once, before it; it
    /// writes one field and its origin, as the old statement did, so an order whose field the old
    /// statement wrote last gets the new value, and one whose field a later statement overwrote
    /// keeps that. Any diagnostic the new statement gives, or one the checkpoint holds inside the
    /// edited top-level statement or after the edit, leaves the state to a run.
    func restore(_ checkpoint: EvaluatorCheckpoint, scripts: [Source], carrying edit: ScriptEdit,
                 into source: Source, statements: [Statement]) -> [Int]? {
        guard edit.topLevelIndex <= checkpoint.statementCount, checkpoint.statementCount < statements.count,
              orderBase == 0 else { return nil }
        restore(checkpoint)
        let old = Set(scripts.map(ObjectIdentifier.init)).union([ObjectIdentifier(checkpoint.source)])
        func isOld(_ range: SourceRange) -> Bool { old.contains(ObjectIdentifier(range.source)) }

        // The diagnostics kept move with the text; none may be in the edited top-level statement
        // (one of the edited `order` statement's orders might have failed there).
        let edited = edit.statement == nil ? edit.editStart..<edit.oldEnd : edit.topLevelRange
        guard let diagnostics = reported.moved({ range in
            guard isOld(range) else { return range }
            guard range.end <= edited.lowerBound || range.start >= edited.upperBound,
                  let moved = edit.newRange(range.start, range.end) else { return nil }
            return SourceRange(source: source, start: moved.start, end: moved.end)
        }) else { return nil }
        reported = diagnostics
        if let statement = edit.statement {
            // The top-level variables it reads: bound once, before the statement.
            let run = statements[..<checkpoint.statementCount]
            for s in run {
                switch s {
                case .include, .command: return nil
                default: break
                }
            }
            for name in edit.variablesRead {
                let lets = run.indices.filter { i in
                    if case .binding(let b) = run[i], b.name == name { return true }
                    return false
                }
                guard lets.count <= 1, lets.allSatisfy({ $0 < edit.topLevelIndex }) else { return nil }
            }
            guard statement.spec != nil else { return nil }
        }

        // The recipes declared at the top level, as the new text declares them.
        var declarations: [Int: RecipeDeclaration] = [:]
        for case .recipe(let declaration) in statements[..<checkpoint.statementCount] {
            declarations[declaration.keywordRange.start] = declaration
        }
        var recipes = globals.recipes
        for (name, recipe) in recipes where isOld(recipe.declaration.range) {
            guard recipe.scope === globals, let start = edit.newRange(recipe.declaration.keywordRange.start, recipe.declaration.keywordRange.end)?.start,
                  let declaration = declarations[start], declaration.name == name else { return nil }
            recipes[name] = Recipe(declaration: declaration, scope: globals)
        }
        globals.recipes = recipes

        var failed = false
        func moved(_ range: SourceRange) -> SourceRange {
            guard isOld(range) else { return range }
            guard let new = edit.newRange(range.start, range.end) else {
                failed = true
                return range
            }
            return SourceRange(source: source, start: new.start, end: new.end)
        }
        func moved(_ frame: EvaluationFrame) -> EvaluationFrame {
            switch frame {
            case .recipe(let name, let use): return .recipe(name: name, use: moved(use))
            case .csvRow(let file, let row, let line, let range): return .csvRow(file: file, row: row, line: line, range: moved(range))
            case .item: return frame
            case .file(let name, let how, let at): return .file(name: name, how: how, at: moved(at))
            }
        }

        let reportsBefore = reportCount
        var changed: [Int] = []
        let scopes = orderScopes ?? []
        let keyword = edit.statement?.keywordRange.start
        let path = edit.statement?.spec?.path.template
        let reference = edit.statement?.spec?.idOf?.template
        func isStale(_ origin: FieldOrigin?) -> Bool {
            guard let keyword, let origin else { return false }
            return origin.statement.start == keyword && isOld(origin.statement)
        }
        for i in orders.indices {
            // An order the edited statement's `order` statement made: run it again.
            var rerun = false
            var wroteLast = false
            if let path, isOld(orders[i].orderRange), orders[i].orderRange.start == edit.orderKeyword.lowerBound {
                rerun = true
                wroteLast = isStale(orders[i].origins[path])
            }
            let before: CompiledOrder? = rerun && !wroteLast ? orders[i] : nil
            let count = orders[i].origins.count
            // The old statement's origins are left as they are, for it to write over them: the
            // same keys (its field's path, and the object an id is of), by the same field.
            let staleKeys = wroteLast ? 1 + (reference.map { isStale(orders[i].origins[$0]) ? 1 : 0 } ?? 0) : 0
            var stale = 0
            orders[i].orderRange = moved(orders[i].orderRange)
            orders[i].origins = orders[i].origins.mapValues { origin in
                if wroteLast, isStale(origin) {
                    stale += 1
                    return origin
                }
                return FieldOrigin(statement: moved(origin.statement), value: origin.value.map(moved))
            }
            if !orders[i].frames.isEmpty { orders[i].frames = orders[i].frames.map(moved) }
            if failed || stale != staleKeys { return nil }
            guard rerun, let statement = edit.statement, let path else { continue }
            guard i < scopes.count, let scope = scopes[i] else { return nil }
            do {
                try field(statement, scope: scope, target: Target(slot: .created(i), level: edit.level))
            } catch {
                return nil
            }
            if wroteLast {
                guard !isStale(orders[i].origins[path]), !(reference.map { isStale(orders[i].origins[$0]) } ?? false) else { return nil }
                changed.append(i)
            } else {
                // A later statement set the field again: the new value is overwritten, as the
                // old one was (the statement ran for its diagnostics, which there must be none of).
                guard let before else { return nil }
                orders[i] = before
                orders[i].orderRange = moved(before.orderRange)
                orders[i].origins = before.origins.mapValues { FieldOrigin(statement: moved($0.statement), value: $0.value.map(moved)) }
                if !before.frames.isEmpty { orders[i].frames = before.frames.map(moved) }
            }
            guard orders[i].origins.count == count, reportCount == reportsBefore, !failed else { return nil }
        }
        return reportCount == reportsBefore ? changed : nil
    }
}
