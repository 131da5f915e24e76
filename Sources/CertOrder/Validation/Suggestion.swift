/// Did-you-mean suggestions for near-miss values and names.
public enum Suggestion {
    /// The candidate closest to `word` (case-insensitively), if it is close enough to be a typo:
    /// an edit distance of at most a third of the word (at least 1, at most 3), or a prefix.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        guard !lowered.isEmpty else { return nil }
        // Ties go to the candidate sharing the longest prefix with the word ("usa" → "us", not "sa").
        var best: (candidate: String, distance: Int, shared: Int)?
        for candidate in candidates {
            let lowerCandidate = candidate.lowercased()
            let distance = editDistance(lowered, lowerCandidate)
            let shared = zip(lowered, lowerCandidate).prefix { $0 == $1 }.count
            if best == nil || distance < best!.distance || (distance == best!.distance && shared > best!.shared) {
                best = (candidate, distance, shared)
            }
        }
        guard let best else { return nil }
        let allowed = min(3, max(1, lowered.count / 3))
        if best.distance <= allowed { return best.candidate }
        return candidates.first { $0.lowercased().hasPrefix(lowered) && lowered.count >= 2 }
    }

    /// ` Did you mean 'x'?` or the empty string.
    public static func didYouMean(_ word: String, in candidates: [String]) -> String {
        guard let match = closest(to: word, in: candidates), match != word else { return "" }
        return " Did you mean '\(match)'?"
    }

    /// Edit distance over characters where a swap of two neighbours counts as one edit
    /// (optimal string alignment), so `nmae` is one edit from `name`.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = Swift.min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
