import ArgumentParser
import Foundation
import LineEditor
import OrderShell

/// `certorder` without a subcommand: the interactive shell, a piped session, or `-c`.
struct ShellCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "The interactive session (the default): build, inspect, validate, export and send orders."
    )

    @Option(name: .customShort("c"), help: ArgumentHelp("Run these statements and commands, then exit.", valueName: "statements"))
    var commands: String?

    @Flag(name: .long, help: "In a piped session, go on after an entry that failed (the exit status still says so).")
    var keepGoing = false

    @OptionGroup var session: SessionOptions
    @OptionGroup var confirm: ConfirmOptions
    @OptionGroup var pacing: PacingOptions

    func run() async throws {
        if let commands {
            // A signal cancels the entry: exit 130/143/129.
            try await interruptible {
                try await session.withSession(assumeYes: confirm.yes, paced: !pacing.noPacing) { session in
                    session.hintPrefix = ""  // hints name the shell's commands
                    session.hintSuffix = ""
                    let ok = await session.evaluateEntry(commands, name: "<command line>")
                    if !ok { throw ExitCode(session.worstStatus == .success ? .dataError : session.worstStatus) }
                }
            }
            return
        }
        // The shell handles the signals entry by entry: on a terminal, Ctrl-C cancels the entry
        // under way and the session goes on; SIGTERM and SIGHUP (and SIGINT when piped) end it.
        Interruption.shared.install()
        try await session.withSession(assumeYes: confirm.yes, paced: !pacing.noPacing) { session in
            session.hintPrefix = ""  // hints name the shell's commands
            session.hintSuffix = ""
            try checkStandardInput(console: session.console)
            let reader = LineEditor.makeReader()
            let shell = OrderShell(session: session, reader: reader,
                                   historyPath: reader is LineEditor ? StatePaths.history() : nil)
            let status = await shell.run(keepGoing: keepGoing, interruption: .shared)
            if status != .success { throw ExitCode(status) }
        }
    }
}
