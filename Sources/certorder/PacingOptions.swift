import ArgumentParser

/// `--no-pacing`: only for the commands that send batches (the shell, run, send). Every
/// endpoint is paced to CertCentral's limits by default, so a rehearsal behaves like the live
/// run; lifting it is for a sandbox on this machine only (a live endpoint refuses it, exit 64).
struct PacingOptions: ParsableArguments {
    @Flag(name: .customLong("no-pacing"), help: "Do not pace requests to CertCentral's rate limits (loopback sandboxes only).")
    var noPacing = false
}
