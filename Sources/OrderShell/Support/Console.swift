import Foundation
import OrderLanguage

/// Where the shell and the CLI write. Every line passes through the ``SecretRedactor`` so that
/// an API key can never reach the terminal, even from an error message of a library.
package final class Console: @unchecked Sendable {
    private let lock = NSLock()
    package let redactor: SecretRedactor
    /// Whether stdout is a terminal.
    package let isTerminal: Bool
    /// Whether stdin and stdout are both terminals (prompts and confirmations make sense).
    package let isInteractive: Bool
    /// ANSI colour for diagnostics and the draft tree: stderr a terminal, by the one colour rule
    /// (``DiagnosticRenderer/shouldUseColour(isTerminal:environment:)``: `NO_COLOR` set to
    /// anything but the empty string, or `TERM=dumb`, turns it off).
    package let colour: Bool
    /// ANSI colour for the prompt (stdin and stdout a terminal), by the same rule.
    package let promptColour: Bool
    private var captured: [String]?
    /// While a command's output goes to a file (`json > FILE`): what it writes to stdout.
    private var redirected: [String]?

    package init(redactor: SecretRedactor, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.redactor = redactor
        isTerminal = isatty(STDOUT_FILENO) == 1
        isInteractive = isTerminal && isatty(STDIN_FILENO) == 1
        colour = DiagnosticRenderer.shouldUseColour(isTerminal: isatty(STDERR_FILENO) == 1, environment: environment)
        promptColour = DiagnosticRenderer.shouldUseColour(isTerminal: isInteractive, environment: environment)
    }

    /// A console that collects what it is given (for tests of pure logic).
    package init(capturing redactor: SecretRedactor = SecretRedactor()) {
        self.redactor = redactor
        isTerminal = false
        isInteractive = false
        colour = false
        promptColour = false
        captured = []
    }

    /// What a capturing console has collected, stdout and stderr together.
    package var output: String { lock.withLock { (captured ?? []).joined() } }

    /// Writes a line to stdout.
    package func print(_ text: String) { write(text + "\n", toStandardOutput: true) }
    /// Writes text to stdout without a newline.
    package func write(_ text: String) { write(text, toStandardOutput: true) }
    /// Writes a line to stderr.
    package func error(_ text: String) { write(text + "\n", toStandardOutput: false) }
    /// Writes text to stderr without a newline (progress bars).
    package func errorWrite(_ text: String) { write(text, toStandardOutput: false) }

    /// Runs `body` with what it writes to stdout kept rather than written, and returns that
    /// (without colour: a file is not a terminal). Stderr (notes, errors, questions) still goes
    /// to the terminal.
    package func collectingStandardOutput(_ body: () async throws -> Void) async throws -> String {
        lock.withLock { redirected = [] }
        defer { lock.withLock { redirected = nil } }
        try await body()
        let text = lock.withLock { (redirected ?? []).joined() }
        return text.replacing(/\x1B\[[0-9;]*m/, with: "")
    }

    private func write(_ text: String, toStandardOutput: Bool) {
        let safe = redactor.redact(text)
        lock.withLock {
            if redirected != nil, toStandardOutput {
                redirected!.append(safe)
            } else if captured != nil {
                captured!.append(safe)
            } else {
                (toStandardOutput ? FileHandle.standardOutput : FileHandle.standardError).write(Data(safe.utf8))
            }
        }
    }
}
