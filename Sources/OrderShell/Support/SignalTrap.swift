#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Runs a Swift closure when the process gets one of the given signals (``Interruption`` traps
/// SIGINT, SIGTERM and SIGHUP with it; `certorder sandbox` SIGINT and SIGTERM).
///
/// The classic self-pipe: an async-signal-safe handler writes the signal number to a pipe, and
/// a plain thread reads it and calls the closure. The signals are also unblocked in the calling
/// thread: a process started by a Swift program through Foundation's `Process` inherits the
/// blocked signals of a concurrency thread, and would otherwise never see them.
package final class SignalTrap: @unchecked Sendable {
    nonisolated(unsafe) private static var pipeWriteEnd: Int32 = -1
    private let signals: [Int32]
    private var previous: [sigaction] = []
    private let readEnd: Int32
    private let writeEnd: Int32

    /// Traps `signals` until ``cancel()``; `handler` runs on a background thread, once per signal.
    package init(_ signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
        var fds: [Int32] = [0, 0]
        _ = pipe(&fds)
        readEnd = fds[0]
        writeEnd = fds[1]
        Self.pipeWriteEnd = fds[1]
        self.signals = signals
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in signals { sigaddset(&unblock, signal) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(SignalTrap.pipeWriteEnd, &byte, 1)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            var old = sigaction()
            sigaction(signal, &action, &old)
            previous.append(old)
        }
        let readEnd = self.readEnd
        let thread = Thread {
            var byte: UInt8 = 0
            while read(readEnd, &byte, 1) == 1 {
                if byte == 0 { return }  // cancel()
                handler(Int32(byte))
            }
        }
        thread.start()
    }

    /// Restores the earlier handlers and ends the reader thread.
    package func cancel() {
        for (signal, old) in zip(signals, previous) {
            var old = old
            sigaction(signal, &old, nil)
        }
        var zero: UInt8 = 0
        _ = write(writeEnd, &zero, 1)
    }
}
