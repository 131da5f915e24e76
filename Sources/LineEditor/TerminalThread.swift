import Foundation

/// A thread of its own for the work that blocks on the user: libedit's `el_gets`, a no-echo
/// read of a key, a yes/no answer. Callers await the result, so the blocking read never holds a
/// thread of Swift's cooperative pool (where it could starve the tasks it waits for). Work runs
/// one piece at a time, in the order it was asked for, so the terminal has one reader.
package final class TerminalThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [() -> Void] = []
    private var started = false

    package init() {}

    /// Runs `work` on the terminal thread and returns its result.
    package func run<T: Sendable>(_ work: @escaping () -> T) async -> T {
        await withCheckedContinuation { continuation in
            enqueue { continuation.resume(returning: work()) }
        }
    }

    /// ``run(_:)`` for work that throws.
    package func run<T: Sendable>(_ work: @escaping () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            enqueue { continuation.resume(with: Result { try work() }) }
        }
    }

    func enqueue(_ job: @escaping () -> Void) {
        condition.lock()
        jobs.append(job)
        if !started {
            started = true
            // The thread lives as long as the process: a session has one terminal.
            let thread = Thread { [self] in loop() }
            thread.name = "certorder terminal"
            thread.start()
        }
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}
