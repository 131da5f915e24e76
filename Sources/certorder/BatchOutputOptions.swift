import ArgumentParser
import OrderShell

/// `--verbose` and `--quiet`: what a batch prints. By default the progress bar (on a terminal),
/// each failure as it happens, and at the end the failures and the counts.
struct BatchOutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print every order as it is sent, and every order in the summary.")
    var verbose = false
    @Flag(name: .long, help: "Print nothing but errors: no progress, no summary.")
    var quiet = false

    func validate() throws {
        if verbose, quiet { throw ValidationError("--verbose and --quiet cannot be used together") }
    }

    var mode: BatchSender.Output { quiet ? .quiet : verbose ? .verbose : .failures }
}
