/// A failure of a shell command or a CLI subcommand, with the message the user sees and the
/// exit status it gives.
public struct ShellError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var status: ExitStatus

    public init(_ message: String, status: ExitStatus = .dataError) {
        self.message = message
        self.status = status
    }

    public var description: String { message }
}
