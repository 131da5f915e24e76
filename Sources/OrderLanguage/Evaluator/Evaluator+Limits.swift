/// The bounds of one evaluation, so that a hostile or mistaken script ends with an error instead
/// of taking the machine's memory or never finishing: a step budget (statements run and list
/// items built), a cap on the size and nesting of list values, and on the length of text built
/// by interpolation. Each is far above what real scripts need: a 100,000-row CSV batch with a
/// recipe per row uses a few million steps.
extension Evaluator {
    /// Statements run, loop iterations and list items built, per evaluation.
    static let maximumSteps = 5_000_000
    /// Items a list value may hold, counting the items of nested lists.
    static let maximumValueItems = 1_000_000
    /// How deeply list values may nest (`let b = [$a]` chains nest one deeper each).
    static let maximumValueDepth = 64
    /// Bytes of one string built by interpolation (1 MiB).
    static let maximumTextBytes = 1 << 20

    /// Counts `count` steps; past the budget the evaluation stops with one error at `range`.
    /// Every 4,096 steps it also looks whether the task was cancelled (Ctrl-C in the shell, a
    /// signal during `run`): a long evaluation then stops with one error, as over the budget.
    func step(_ count: Int = 1, at range: SourceRange) throws(Abort) {
        let before = steps
        steps += count
        if before >> 12 != steps >> 12, Task.isCancelled {
            if !stopped {
                report(.evaluationInterrupted, at: range)
                stopped = true
            }
            throw Abort()
        }
        guard steps > Self.maximumSteps else { return }
        if !stopped {
            report(.tooManySteps(Self.maximumSteps), at: range)
            stopped = true
        }
        throw Abort()
    }

    /// Refuses a list larger than ``maximumValueItems`` items or nested deeper than
    /// ``maximumValueDepth``: `let b = [$a, $a]` doubles at each line, 40 of them would
    /// ask for terabytes. Walks the value without recursion; the walk counts as steps.
    func checkSize(of items: [Value], at range: SourceRange) throws(Abort) {
        // The common case, a list of single values (`for v in [a, b]`), needs no walk.
        if !items.contains(where: { if case .list = $0 { return true } else { return false } }) {
            guard items.count <= Self.maximumValueItems else {
                throw fail(.listTooLarge(Self.maximumValueItems), at: range)
            }
            return try step(items.count, at: range)
        }
        var pending: [(items: [Value], depth: Int)] = [(items, 1)]
        var count = 0
        while let (list, depth) = pending.popLast() {
            guard depth <= Self.maximumValueDepth else {
                throw fail(.valueTooDeep(Self.maximumValueDepth), at: range)
            }
            count += list.count
            guard count <= Self.maximumValueItems else {
                throw fail(.nestedListTooLarge(Self.maximumValueItems), at: range)
            }
            for case .list(let inner) in list where !inner.isEmpty { pending.append((inner, depth + 1)) }
        }
        try step(count, at: range)
    }

    /// Refuses a string built by interpolation longer than ``maximumTextBytes``.
    func checkLength(of text: String, at range: SourceRange) throws(Abort) {
        guard text.utf8.count > Self.maximumTextBytes else { return }
        throw fail(.stringTooLong, at: range)
    }
}
