import ArgumentParser
import OrderShell

/// Runs a command's work with SIGINT, SIGTERM and SIGHUP turned into its cancellation
/// (``Interruption``): what it does after the signal (record, summarise) runs to its end, then
/// the command exits 130, 143 or 129 whatever the work answered.
func interruptible(_ body: () async throws -> Void) async throws {
    let interruption = Interruption.shared
    interruption.install()
    do {
        try await interruption.cancellingOnSignal(body)
    } catch {
        if let status = interruption.exitStatus { throw ExitCode(status) }
        throw error
    }
    if let status = interruption.exitStatus { throw ExitCode(status) }
}
