#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The one owner of SIGINT, SIGTERM and SIGHUP in `certorder`: the three are handled alike, as
/// cancellation of the work under way.
///
/// A command runs its work in ``cancellingOnSignal(_:)``; a signal cancels the task running it.
/// Everything below is async and honours cancellation: no request leaves after it (the client
/// checks before each one and ends with `cancelledBeforeSending`), a change already on its way
/// is awaited for a bounded grace and its answer recorded, so no journal entry is left `sending`
/// by a live process. The command then prints what it would have (a batch's summary) and exits
/// with ``exitStatus``: 130, 143 or 129. The interactive shell cancels only the entry under way
/// on Ctrl-C and goes back to the prompt (``take()``); SIGTERM and SIGHUP end it, with its history
/// saved (``onSignal(_:)`` wakes its pending read).
///
/// The signals are caught by a ``SignalTrap`` (a self-pipe and a thread of its own), installed
/// once per process by ``install()``.
package final class Interruption: @unchecked Sendable {
    /// The process's one owner of the signals.
    package static let shared = Interruption()
    /// The signals handled: SIGINT (Ctrl-C), SIGTERM (`kill`, a CI runner's cancel), SIGHUP (the
    /// terminal went away).
    package static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// A task to cancel; only used while the task runs the scope that registered it.
    private struct Scope: @unchecked Sendable {
        let task: UnsafeCurrentTask
    }

    private let lock = NSLock()
    private var trap: SignalTrap?
    private var scopes: [Int: Scope] = [:]
    private var handlers: [Int: @Sendable (Int32) -> Void] = [:]
    private var nextID = 0
    private var received: Int32?

    package init() {}

    /// Starts catching the signals (once; later calls do nothing). Until then they act as by default.
    package func install() {
        lock.withLock {
            guard trap == nil else { return }
            trap = SignalTrap(Self.signals) { [weak self] signal in self?.deliver(signal) }
        }
    }

    /// Handles `signal` as if it had been received: cancels every scope, tells every handler.
    package func deliver(_ signal: Int32) {
        let toTell: [@Sendable (Int32) -> Void] = lock.withLock {
            // A SIGTERM or SIGHUP after a Ctrl-C decides the exit status: it ends more.
            if received == nil || signal != SIGINT { received = signal }
            // Cancelled under the lock: a scope's task is alive until it unregisters, which takes it.
            for scope in scopes.values { scope.task.cancel() }
            return Array(handlers.values)
        }
        for handler in toTell { handler(signal) }
    }

    /// The signal received (since the last ``take()``), SIGTERM or SIGHUP rather than an earlier SIGINT.
    package var signal: Int32? { lock.withLock { received } }

    /// The exit status the received signal gives: 130, 143 or 129; `nil` when none came.
    package var exitStatus: ExitStatus? { signal.flatMap(ExitStatus.init(signal:)) }

    /// Answers the received signal and forgets it (the shell, once a Ctrl-C cancelled an entry).
    package func take() -> Int32? {
        lock.withLock {
            defer { received = nil }
            return received
        }
    }

    /// Runs `body` in a child task that a signal (or one already received and not taken)
    /// cancels. Only that child is cancelled, not the caller: the shell goes on after a Ctrl-C.
    package func cancellingOnSignal<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await withoutActuallyEscaping(body) { body in
            // The caller awaits the child before it returns, and does nothing meanwhile: the
            // body's non-Sendable captures are used by one task at a time.
            let work = Unchecked(body)
            return try await withThrowingTaskGroup(of: T.self) { group in
                group.addTask { try await self.registered { try await work.value() } }
                defer { group.cancelAll() }
                return try await group.next()!
            }
        }
    }

    /// ``cancellingOnSignal(_:)`` for a body that does not throw.
    package func cancellingOnSignal<T: Sendable>(_ body: () async -> T) async -> T {
        try! await cancellingOnSignal { () async throws -> T in await body() }
    }

    /// Runs `body` with the current task registered as cancelled by a signal.
    private func registered<T>(_ body: () async throws -> T) async rethrows -> T {
        let id: Int = withUnsafeCurrentTask { task in
            lock.withLock {
                nextID += 1
                if let task {
                    scopes[nextID] = Scope(task: task)
                    if received != nil { task.cancel() }
                }
                return nextID
            }
        }
        defer { _ = lock.withLock { scopes.removeValue(forKey: id) } }
        return try await body()
    }

    /// A value moved into a child task that its parent awaits.
    private struct Unchecked<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Awaits `work` unless one of `signals` comes first (or came already and was not taken):
    /// then answers `nil` at once, and `work` runs on unawaited (a blocking read of the terminal
    /// that the process is about to leave).
    package func unlessSignalled<T: Sendable>(_ signals: Set<Int32> = Set(Interruption.signals),
                                              _ work: @escaping @Sendable () async -> T) async -> T? {
        let gate = Gate<T>()
        let id = onSignal { signal in if signals.contains(signal) { gate.open(nil) } }
        defer { removeHandler(id) }
        return await withCheckedContinuation { continuation in
            gate.set(continuation)
            if let received = signal, signals.contains(received) { gate.open(nil) }
            Task { gate.open(await work()) }
        }
    }

    /// A continuation resumed once, by whichever comes first.
    private final class Gate<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<T?, Never>?
        private var early: T??

        func set(_ continuation: CheckedContinuation<T?, Never>) {
            let ready: T?? = lock.withLock {
                if let early { return early }
                self.continuation = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }

        func open(_ value: T?) {
            let waiting: CheckedContinuation<T?, Never>? = lock.withLock {
                defer { continuation = nil }
                if continuation == nil && early == nil { early = .some(value) }
                return continuation
            }
            waiting?.resume(returning: value)
        }
    }

    /// Calls `handler` on the signal thread for each signal, until ``removeHandler(_:)``.
    /// - Returns: the handler's id.
    package func onSignal(_ handler: @escaping @Sendable (Int32) -> Void) -> Int {
        lock.withLock {
            nextID += 1
            handlers[nextID] = handler
            return nextID
        }
    }

    /// Stops calling the handler ``onSignal(_:)`` answered `id` for.
    package func removeHandler(_ id: Int) {
        _ = lock.withLock { handlers.removeValue(forKey: id) }
    }
}
