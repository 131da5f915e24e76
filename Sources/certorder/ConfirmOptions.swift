import ArgumentParser

/// `--yes`: only for the commands that can send (the shell, run, send); the read-only commands
/// do not show it.
struct ConfirmOptions: ParsableArguments {
    @Flag(name: .long, help: "Do not ask for confirmation before sending.")
    var yes = false
}
