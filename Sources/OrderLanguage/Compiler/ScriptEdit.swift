import CertOrder

/// What changed between two versions of a script, when the change is one the incremental
/// compiler can carry into a checkpoint made from the old version instead of running the
/// statements before that checkpoint again (`Evaluator+Patching.swift`):
///
/// - **trivia**: the edit lies between statements (a comment, blank lines, spacing): every
///   statement is the same, at the same place or moved by the same number of bytes;
/// - **one field statement**: the edit lies inside the value of one ordinary field statement
///   (`comments "Token for ${name}"` → `comments "Token 0 for ${name}"`) inside an `order` block
///   (directly or in the order's `certificate` / `ship` / … blocks), itself at the top level or
///   in a top-level recipe: every other statement is the same. Each order made by that `order`
///   statement gets the statement run again, in the scope its block ran in.
///
/// Anything else (a `use`, a loop, a `let`, a block that binds names, a list or special field, a
/// keyword or the structure changed) is no such edit: the compiler runs the statements again.
struct ScriptEdit {
    /// The old text's bytes `editStart..<oldEnd` became the new text's `editStart..<newEnd`; the
    /// bytes before and after are the same in both (those after moved by `delta`).
    var editStart: Int
    var oldEnd: Int
    var newEnd: Int
    var delta: Int { newEnd - oldEnd }
    /// The top-level statement the edit is in (or, for trivia, the first one after it).
    var topLevelIndex: Int
    /// The changed field statement, as in the new text; `nil` for trivia.
    var statement: FieldStatement?
    /// Where the changed statement was in the old text (its keyword is unchanged).
    var oldStatementRange: Range<Int>
    /// The block level the statement is in (`.order`, `.certificate`, `.ship`, …).
    var level: BlockLevel = .order
    /// The keyword of the `order` statement the changed statement is in (the same offsets in
    /// both texts): the orders it made are those to run the statement again for.
    var orderKeyword: Range<Int> = 0..<0
    /// The top-level statement the changed statement is in, in the old text.
    var topLevelRange: Range<Int> = 0..<0

    /// Where the old text's bytes `start..<end` are in the new text: the same before the edit,
    /// moved by ``delta`` after it; `nil` for a range with an end inside the changed statement
    /// (or, for trivia, the edit). A range that starts where text was inserted is after it, one
    /// that ends there before it.
    func newRange(_ start: Int, _ end: Int) -> (start: Int, end: Int)? {
        let range = oldStatementRange
        let newStart = start >= range.upperBound ? start + delta : start <= range.lowerBound ? start : nil
        let newEnd = end <= range.lowerBound ? end : end >= range.upperBound ? end + delta : nil
        guard let newStart, let newEnd else { return nil }
        return (newStart, max(newStart, newEnd))
    }

    /// The edit from `old` (parsed as `oldStatements`) to `new` (parsed as `newStatements`) in
    /// their first `count` top-level statements, all that a checkpoint after them depends on (the
    /// old text up to `resumeOffset`, where statement `count` starts); `nil` when it is not one of
    /// the kinds above. What follows those statements may differ in any way.
    static func between(_ old: Source, _ oldStatements: [Statement], and new: Source, _ newStatements: [Statement],
                        upTo count: Int, resumeOffset: Int) -> ScriptEdit? {
        guard count > 0, oldStatements.count > count, newStatements.count > count,
              oldStatements[count].range.start == resumeOffset else { return nil }
        let newResume = newStatements[count].range.start
        let a = old.bytes, b = new.bytes
        let shorter = min(resumeOffset, newResume)
        var start = 0
        while start < shorter, a[start] == b[start] { start += 1 }
        guard start < resumeOffset || start < newResume else { return nil }
        var suffix = 0
        while suffix < shorter - start, a[resumeOffset - 1 - suffix] == b[newResume - 1 - suffix] { suffix += 1 }
        let edit = ScriptEdit(editStart: start, oldEnd: resumeOffset - suffix, newEnd: newResume - suffix, topLevelIndex: 0,
                              statement: nil, oldStatementRange: start..<(resumeOffset - suffix))
        guard let found = edit.locate(Array(oldStatements[..<count]), Array(newStatements[..<count]), inOrder: false, isTopLevel: true) else { return nil }
        return found
    }

    /// Finds the edit in a list of statements (the same count in both versions): every
    /// statement before it the same, every one after it moved by ``delta``, and at most one
    /// holding it, which is looked into.
    private func locate(_ old: [Statement], _ new: [Statement], inOrder: Bool, isTopLevel: Bool) -> ScriptEdit? {
        guard old.count == new.count else { return nil }
        var holding: Int?
        var firstAfter = old.count
        for i in old.indices {
            let o = old[i].range, n = new[i].range
            if o.end <= editStart, n.end <= editStart {
                guard o.start == n.start, o.end == n.end else { return nil }
            } else if o.start >= oldEnd, n.start >= newEnd {
                guard n.start == o.start + delta, n.end == o.end + delta else { return nil }
                firstAfter = min(firstAfter, i)
            } else {
                guard holding == nil else { return nil }
                holding = i
            }
        }
        guard let i = holding else {
            // Between statements: trivia.
            var edit = self
            if isTopLevel { edit.topLevelIndex = firstAfter }
            edit.oldStatementRange = editStart..<oldEnd
            return edit
        }
        var edit = self
        if isTopLevel {
            edit.topLevelIndex = i
            edit.topLevelRange = old[i].range.start..<old[i].range.end
        }
        switch (old[i], new[i]) {
        case (.recipe(let o), .recipe(let n)):
            // Only the body's statements changed, at the top level (a recipe in a block is in a
            // scope of its own, which no checkpoint keeps).
            guard isTopLevel, !inOrder, o.body.open.end <= editStart, n.body.open.end <= editStart,
                  o.body.close.start >= oldEnd, n.body.close.start >= newEnd,
                  !o.body.declaresNames, !n.body.declaresNames else { return nil }
            return edit.locate(o.body.statements, n.body.statements, inOrder: false, isTopLevel: false)
        case (.order(let o), .order(let n)):
            guard !inOrder, let ob = o.block, let nb = n.block, ob.open.end <= editStart, nb.open.end <= editStart,
                  ob.close.start >= oldEnd, nb.close.start >= newEnd,
                  !ob.declaresNames, !nb.declaresNames else { return nil }
            edit.level = .order
            edit.orderKeyword = o.keywordRange.start..<o.keywordRange.end
            return edit.locate(ob.statements, nb.statements, inOrder: true, isTopLevel: false)
        case (.field(let o), .field(let n)):
            guard inOrder, o.keywordRange.end <= editStart, n.keywordRange.end <= editStart,
                  let field = n.spec, let statement = field.statement, o.spec?.path.template == field.path.template else { return nil }
            if case .block(let level)? = statement.special {
                guard let ob = o.block, let nb = n.block, ob.open.end <= editStart, nb.open.end <= editStart,
                      ob.close.start >= oldEnd, nb.close.start >= newEnd,
                      !ob.declaresNames, !nb.declaresNames, o.arguments.isEmpty, n.arguments.isEmpty else { return nil }
                edit.level = level
                return edit.locate(ob.statements, nb.statements, inOrder: true, isTopLevel: false)
            }
            // An ordinary field of one value: running it again sets the value and its origin
            // and reads nothing of the order (a list appends to what is there).
            guard statement.special == nil, o.block == nil, n.block == nil, field.access.set != nil else { return nil }
            if case .list = field.kind { return nil }
            edit.statement = n
            edit.oldStatementRange = o.range.start..<o.range.end
            guard o.range.start <= editStart, o.range.end >= oldEnd, n.range.end == o.range.end + delta else { return nil }
            return edit
        default:
            return nil
        }
    }

    /// The variables the changed statement reads (by name).
    var variablesRead: Set<String> {
        var names: Set<String> = []
        func visit(_ e: ValueExpression) {
            switch e.kind {
            case .variable(let name, _): names.insert(name)
            case .string(let parts, _), .fileString(let parts):
                for case .interpolation(let name, _, _) in parts { names.insert(name) }
            case .list(let items): items.forEach(visit)
            case .word, .number, .date, .file: break
            }
        }
        statement?.arguments.forEach { visit($0.value) }
        return names
    }
}
