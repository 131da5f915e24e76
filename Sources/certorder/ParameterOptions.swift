import ArgumentParser
import OrderLanguage

/// `--param NAME=VALUE`: the variables bound before a script runs (compile, check, run, export,
/// send).
struct ParameterOptions: ParsableArguments {
    @Option(name: .customLong("param"), help: ArgumentHelp("Bind a variable before the script runs.", valueName: "NAME=VALUE"))
    var params: [String] = []

    func validate() throws { _ = try parameters() }

    /// The parameters by name.
    func parameters() throws -> [String: String] {
        var out: [String: String] = [:]
        for param in params {
            guard let eq = param.firstIndex(of: "="), Interpreter.isValidName(String(param[..<eq])) else {
                throw ValidationError("--param takes NAME=VALUE; got '\(param)'")
            }
            out[String(param[..<eq])] = String(param[param.index(after: eq)...])
        }
        return out
    }
}
