#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Tells whether the process that recorded a `sending` entry still runs on this machine.
enum ProcessLiveness {
    /// This process's id, recorded as the owner of the intents it writes.
    static var currentPID: Int32 { getpid() }

    /// Whether a process with this id exists: `kill(pid, 0)` succeeds, or fails only for lack of
    /// permission (the process exists but belongs to another user).
    static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        if kill(pid, 0) == 0 { return true }
        return errno == EPERM
    }
}
