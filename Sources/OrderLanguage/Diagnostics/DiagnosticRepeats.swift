import CertOrder

/// Diagnostics gathered one by one, each kept once: the same finding at the same place (a
/// recipe's statement used in a 10,000-row batch, a loop body) is shown the first time and its
/// repeats are counted in a note. The evaluator and the compiler's validation both gather
/// through it, so "the same diagnostic" means one thing: same source, same range, same severity,
/// same message (notes aside: the first one's are kept).
struct DiagnosticRepeats {
    private struct Key: Hashable {
        var source: ObjectIdentifier?
        var start: Int
        var end: Int
        var severity: Diagnostic.Severity
        var message: String

        init(_ diagnostic: LanguageDiagnostic) {
            source = diagnostic.range.map { ObjectIdentifier($0.source) }
            start = diagnostic.range?.start ?? 0
            end = diagnostic.range?.end ?? 0
            severity = diagnostic.severity
            message = diagnostic.message
        }
    }

    /// The diagnostics kept, first occurrences only, in the order they came.
    private(set) var kept: [LanguageDiagnostic] = []
    private var index: [Key: Int] = [:]
    private var repeats: [Int: Int] = [:]

    /// Keeps `diagnostic` unless the same one is kept already (then counts the repeat). Answers
    /// whether it was kept.
    @discardableResult
    mutating func add(_ diagnostic: LanguageDiagnostic) -> Bool {
        let key = Key(diagnostic)
        if let existing = index[key] {
            repeats[existing, default: 0] += 1
            return false
        }
        index[key] = kept.count
        kept.append(diagnostic)
        return true
    }

    /// The kept diagnostics, each repeated one with the note `note(count of repeats)`.
    func result(noting note: (Int) -> String) -> [LanguageDiagnostic] {
        var out = kept
        for (position, count) in repeats {
            out[position].notes.append(LanguageNote(note(count)))
        }
        return out
    }

    /// The same diagnostics, repeats and order with their places (and their notes' places)
    /// moved by `move` (an edit above them, `Evaluator+Patching.swift`); `nil` when `move` gives
    /// `nil` for one of them.
    func moved(_ move: (SourceRange) -> SourceRange?) -> DiagnosticRepeats? {
        var out = DiagnosticRepeats()
        out.repeats = repeats
        out.kept.reserveCapacity(kept.count)
        for var diagnostic in kept {
            if let range = diagnostic.range {
                guard let moved = move(range) else { return nil }
                diagnostic.range = moved
            }
            for n in diagnostic.notes.indices {
                guard let range = diagnostic.notes[n].range else { continue }
                guard let moved = move(range) else { return nil }
                diagnostic.notes[n].range = moved
            }
            out.index[Key(diagnostic)] = out.kept.count
            out.kept.append(diagnostic)
        }
        return out
    }
}
