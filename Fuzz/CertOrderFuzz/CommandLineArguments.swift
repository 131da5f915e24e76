import ArgumentParser

/// The command-line layer (issue 13): the input is a `certorder` command line, parsed by the
/// real command tree (``CertOrderCommand``, compiled into this target from `Sources/certorder`).
///
/// The arguments are the input split at NUL bytes when it has one (so that an argument may hold
/// line feeds: `-c` with a multi-line entry), else at line feeds. Parsing is all that runs:
/// `parseAsRoot` picks the subcommand, converts every option and argument (`--port 65537`,
/// `--param NAME=VALUE`, `--state`, durations) and calls each command's `validate()`, which
/// reads no file and opens nothing; a command's `run()`, where the side effects are, is never
/// called. A refused command line (and `--help`, `--version`, `--generate-completion-script`,
/// `--experimental-dump-help`) is rendered as `certorder` would print it, and given its exit code.
/// A trap anywhere in there is a finding.
enum CommandLineArguments {
    static func run(_ bytes: [UInt8]) {
        let arguments = split(bytes)
        do {
            _ = try CertOrderCommand.parseAsRoot(arguments)
        } catch {
            let message = CertOrderCommand.fullMessage(for: error)
            let code = CertOrderCommand.exitCode(for: error)
            if Harness.verbose { print("exit \(code.rawValue): \(message)") }
        }
    }

    /// The arguments of a command line written one per line, or NUL-separated (a last empty
    /// argument after a final separator is dropped, as a file's last line end ends no line).
    static func split(_ bytes: [UInt8]) -> [String] {
        let separator: UInt8 = bytes.contains(0) ? 0 : 0x0A
        var parts = bytes.split(separator: separator, omittingEmptySubsequences: false)
        if parts.last?.isEmpty == true { parts.removeLast() }
        return parts.map { String(decoding: $0, as: UTF8.self) }
    }
}
