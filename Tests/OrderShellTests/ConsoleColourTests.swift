import Foundation
import OrderLanguage
import OrderShell
import Testing

/// The console colours by the one colour rule (``DiagnosticRenderer/shouldUseColour(isTerminal:environment:)``),
/// which no-color.org defines: an empty `NO_COLOR` is as if unset. They used to disagree on it.
@Suite struct ConsoleColourTests {
    @Test(arguments: [[:], ["NO_COLOR": ""], ["NO_COLOR": "1"], ["TERM": "dumb"], ["NO_COLOR": "", "TERM": "xterm"]])
    func theConsoleFollowsTheOneRule(environment: [String: String]) {
        let console = Console(redactor: SecretRedactor(), environment: environment)
        #expect(console.colour == DiagnosticRenderer.shouldUseColour(isTerminal: isatty(STDERR_FILENO) == 1, environment: environment))
        if environment["NO_COLOR"] == "1" || environment["TERM"] == "dumb" { #expect(!console.colour) }
    }
}
