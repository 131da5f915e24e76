/// A failure of a shell command or a CLI subcommand, with the message the user sees and the
/// exit status it gives.
package struct ShellError: Error, CustomStringConvertible, Sendable {
    package var message: String
    package var status: ExitStatus

    package init(_ message: String, status: ExitStatus = .dataError) {
        self.message = message
        self.status = status
    }

    package var description: String { message }
}
