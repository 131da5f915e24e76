import ArgumentParser
import OrderShell

/// `certorder`: the shell when run without a subcommand, and the non-interactive commands.
struct CertOrderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certorder",
        abstract: "Order DigiCert code signing certificates as code.",
        discussion: """
        Without a subcommand, certorder opens an interactive session on the order language \
        (or reads a session from piped stdin). Orders go to a local CertCentral sandbox unless \
        --endpoint names us, eu or a URL.

        Exit status: 0 success, 64 usage, 65 invalid script or refused order, 69 API unreachable, \
        70 internal error, 75 rate limit or server error (try later), 130 interrupted (Ctrl-C), \
        143 terminated (SIGTERM), 129 hung up (SIGHUP): what was under way is recorded first.
        """,
        version: CertOrderVersion.full,
        subcommands: [
            ShellCommand.self, CompileCommand.self, CheckCommand.self, FmtCommand.self, RunCommand.self,
            SendCommand.self, PlanCommand.self, ApplyCommand.self, StatusCommand.self, WaitCommand.self, DownloadCommand.self, RenewCommand.self, ReissueCommand.self, DuplicateCommand.self, RevokeCommand.self, RequestsCommand.self, ExpiringCommand.self, ApproveCommand.self, RejectCommand.self, CancelCommand.self,
            AccountCommand.self, ExportCommand.self, OrdersCommand.self, ReconcileCommand.self, SandboxCommand.self,
            LSPCommand.self, ConfigCommand.self,
        ],
        defaultSubcommand: ShellCommand.self
    )
}
