import Foundation

/// Mutual exclusion across suspension points: one task at a time runs its body, the others
/// suspend (not block) in the order they arrived.
///
/// A PostgreSQL connection carries one transaction at a time, and a transaction spans several
/// `await`s; an actor would interleave callers at each of them, and a lock held across an
/// `await` would block a cooperative-pool thread. This hands the connection over instead: the
/// caller that leaves resumes the next one waiting.
final class AsyncExclusion: @unchecked Sendable {
    private let lock = NSLock()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` once no other caller's body runs.
    func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        let free: Bool = lock.withLock {
            if busy { return false }
            busy = true
            return true
        }
        if free { return }
        await withCheckedContinuation { continuation in
            let nowFree: Bool = lock.withLock {
                // Released between the check above and here: take it at once.
                if !busy {
                    busy = true
                    return true
                }
                waiting.append(continuation)
                return false
            }
            if nowFree { continuation.resume() }
        }
    }

    private func release() {
        let next: CheckedContinuation<Void, Never>? = lock.withLock {
            if waiting.isEmpty {
                busy = false
                return nil
            }
            // Ownership passes straight to the next caller: `busy` stays set.
            return waiting.removeFirst()
        }
        next?.resume()
    }
}
