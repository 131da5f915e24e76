/// A unified diff (`diff -u`'s form, three lines of context) between two texts, line by line:
/// what `fmt --diff` prints. Built on the standard library's `difference(from:)` (Myers), so
/// it needs no `diff` program.
struct UnifiedDiff {
    /// The diff, empty when the texts are equal.
    let text: String

    init(old: String, new: String, oldName: String, newName: String, context: Int = 3) {
        let oldLines = Self.lines(old), newLines = Self.lines(new)
        // The edit script: each line of either text once, in order, marked ' ', '-' or '+'.
        let changes = newLines.difference(from: oldLines)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in changes {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var edits: [(mark: Character, line: String, old: Int, new: Int)] = []
        var i = 0, j = 0
        while i < oldLines.count || j < newLines.count {
            if i < oldLines.count, removed.contains(i) {
                edits.append(("-", oldLines[i], i, j)); i += 1
            } else if j < newLines.count, inserted.contains(j) {
                edits.append(("+", newLines[j], i, j)); j += 1
            } else {
                edits.append((" ", oldLines[i], i, j)); i += 1; j += 1
            }
        }
        // Hunks: runs of changes closer than twice the context are one hunk.
        var out = ""
        var index = 0
        while let first = edits[index...].firstIndex(where: { $0.mark != " " }) {
            var last = first
            while let next = edits[(last + 1)...].firstIndex(where: { $0.mark != " " }), next - last <= 2 * context { last = next }
            let start = max(first - context, 0), end = min(last + context, edits.count - 1)
            let hunk = edits[start...end]
            let oldCount = hunk.filter { $0.mark != "+" }.count, newCount = hunk.filter { $0.mark != "-" }.count
            // A side with no lines names the line before the hunk (0 at the start), as diff does.
            let oldStart = oldCount == 0 ? hunk.first!.old : hunk.first!.old + 1
            let newStart = newCount == 0 ? hunk.first!.new : hunk.first!.new + 1
            if out.isEmpty { out = "--- \(oldName)\n+++ \(newName)\n" }
            out += "@@ -\(Self.range(oldStart, oldCount)) +\(Self.range(newStart, newCount)) @@\n"
            for edit in hunk {
                out += "\(edit.mark)\(edit.line)\n"
                if edit.mark != "+", edit.old == oldLines.count - 1, !old.hasSuffix("\n") { out += "\\ No newline at end of file\n" }
                if edit.mark != "-", edit.new == newLines.count - 1, !new.hasSuffix("\n") { out += "\\ No newline at end of file\n" }
            }
            index = end + 1
            if index >= edits.count { break }
        }
        text = out
    }

    private static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.hasSuffix("\n") { lines.removeLast() }
        return lines
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        count == 1 ? "\(start)" : "\(start),\(count)"
    }
}
