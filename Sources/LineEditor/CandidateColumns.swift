/// Lays completion candidates out in columns for a terminal, filled top to bottom and then left
/// to right, as `ls` does.
///
/// Each `Character` counts as one column (candidates are expected to be plain text: keywords,
/// names, paths).
enum CandidateColumns {
    /// Spaces between two columns.
    static let gap = 2

    /// The lines to print for `candidates` on a terminal `width` columns wide, without
    /// trailing spaces. One candidate per line when even two columns do not fit.
    static func lines(for candidates: [String], width: Int) -> [String] {
        guard let widest = candidates.map(\.count).max() else { return [] }
        let columnWidth = widest + gap
        let columns = max(1, min(candidates.count, (width + gap) / columnWidth))
        let rows = (candidates.count + columns - 1) / columns

        return (0..<rows).map { row in
            var line = ""
            for column in 0..<columns {
                let index = column * rows + row
                guard index < candidates.count else { break }
                let candidate = candidates[index]
                line += candidate
                if (column + 1) * rows + row < candidates.count {
                    line += String(repeating: " ", count: columnWidth - candidate.count)
                }
            }
            return line
        }
    }
}
