import Foundation

/// Runs async work to completion from synchronous code (the language's command handlers are
/// synchronous). Called only from the main thread or a plain thread, never from the
/// cooperative pool, so the wait cannot starve the task it waits for.
public enum Blocking {
    private final class Box<T>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }

    public static func run<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    /// ``run(_:)`` for callers outside this module (the executable's commands).
    public static func wait<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        try run(work)
    }

    /// ``run(_:)`` for work that cannot throw.
    public static func wait<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
        try! run(work)
    }
}
