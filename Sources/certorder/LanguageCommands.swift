import ArgumentParser
import CertOrder
import Foundation
import OrderLanguage
import OrderShell

/// Loads the sources a command names; `-` reads stdin.
func loadSources(_ paths: [String], console: Console) throws -> [Source] {
    var sources: [Source] = []
    for path in paths {
        if path == "-" {
            sources.append(try standardInputSource(console: console))
            continue
        }
        do {
            sources.append(try Source.file(atPath: path))
        } catch {
            console.error("error: \(error.message)")
            throw ExitCode(error.isTooLarge ? .dataError : .usage)
        }
    }
    return sources
}

func plainConsole() -> Console { Console(redactor: SecretRedactor()) }

/// Parses `NAME=VALUE` parameters.
func parseParameters(_ params: [String]) throws -> [String: String] {
    var out: [String: String] = [:]
    for param in params {
        guard let eq = param.firstIndex(of: "="), Interpreter.isValidName(String(param[..<eq])) else {
            throw ValidationError("--param takes NAME=VALUE; got '\(param)'")
        }
        out[String(param[..<eq])] = String(param[param.index(after: eq)...])
    }
    return out
}

struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Print the request bodies of scripts: one object, or an array for several orders."
    )

    @ArgumentParser.Argument(help: "Order scripts; - reads stdin.") var files: [String]
    @ArgumentParser.Flag(help: "Print [{method, path, body}] so the product is kept.") var requests = false
    @Option(name: .customLong("param"), help: ArgumentHelp("Bind a variable before the script runs.", valueName: "NAME=VALUE"))
    var params: [String] = []

    func validate() throws { _ = try parseParameters(params) }

    func run() throws {
        let console = plainConsole()
        let compilation = Compiler(parameters: try parseParameters(params)).compile(try loadSources(files, console: console))
        if !compilation.diagnostics.isEmpty {
            console.error(DiagnosticRenderer(colour: console.colour).render(compilation.diagnostics))
        }
        guard !compilation.hasErrors, let json = compilation.json(requests: requests) else { throw ExitCode(.dataError) }
        console.print(json)
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Report every diagnostic of scripts; exit 0 or 65.")

    @ArgumentParser.Argument(help: "Order scripts; - reads stdin.") var files: [String]
    @Option(name: .customLong("param"), help: ArgumentHelp("Bind a variable before the script runs.", valueName: "NAME=VALUE"))
    var params: [String] = []

    func validate() throws { _ = try parseParameters(params) }

    func run() throws {
        let console = plainConsole()
        let compilation = Compiler(parameters: try parseParameters(params)).compile(try loadSources(files, console: console))
        if !compilation.diagnostics.isEmpty {
            console.error(DiagnosticRenderer(colour: console.colour).render(compilation.diagnostics))
        }
        console.error(DiagnosticRenderer.summary(compilation.diagnostics))
        if compilation.hasErrors { throw ExitCode(.dataError) }
    }
}

struct FmtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fmt", abstract: "Print the canonical form of a script (comments kept).")

    @ArgumentParser.Argument(help: "An order script; - reads stdin.") var file: String
    @ArgumentParser.Flag(help: "Rewrite the file in place.") var write = false

    func run() throws {
        let console = plainConsole()
        let source = try loadSources([file], console: console)[0]
        let result = Formatter.format(source)
        guard let text = result.text else {
            console.error(DiagnosticRenderer(colour: console.colour).render(result.diagnostics))
            throw ExitCode(.dataError)
        }
        if write && file != "-" {
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        } else {
            console.write(text)
        }
    }
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Evaluate a script with its commands (json, show, validate, export, send, …)."
    )

    @ArgumentParser.Argument(help: "An order script; - reads stdin.") var file: String
    @Option(name: .customLong("param"), help: ArgumentHelp("Bind a variable before the script runs.", valueName: "NAME=VALUE"))
    var params: [String] = []
    @ArgumentParser.Flag(name: .long, help: """
        Run the later commands after one fails (the exit status still reports the failure). \
        An error in a statement still stops every later command.
        """)
    var keepGoing = false
    @OptionGroup var session: SessionOptions

    func validate() throws { _ = try parseParameters(params) }

    func run() throws {
        let session = try session.makeSession()
        defer { session.close() }
        session.interpreter.keepsGoingAfterFailedCommands = keepGoing
        for (name, value) in try parseParameters(params) { session.interpreter.bind(name: name, value: value) }
        let ok: Bool
        if file == "-" {
            ok = session.evaluate(try standardInputSource(console: session.console).text, name: "<stdin>")
        } else {
            guard FileManager.default.fileExists(atPath: file) else {
                session.console.error("error: no such file: \(file)")
                throw ExitCode(.usage)
            }
            ok = session.evaluate(fileAtPath: file)
        }
        if !ok || session.worstStatus != .success {
            throw ExitCode(session.worstStatus == .success ? .dataError : session.worstStatus)
        }
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print a script's orders as curl, python, go, node, swift or order code."
    )

    @ArgumentParser.Argument(help: "An order script or a JSON payload; - reads stdin.") var file: String
    @Option(help: "curl, python, go, node, swift or order.") var format: String
    @Option(help: "The product of a JSON payload (code_signing or code_signing_ev).") var product: String = "code_signing_ev"
    @Option(help: "The base URL snippets default to (CERTCENTRAL_BASE_URL overrides it when they run).")
    var baseURL: String = "https://www.digicert.com/services/v2"
    @Option(name: .customLong("param"), help: ArgumentHelp("Bind a variable before the script runs.", valueName: "NAME=VALUE"))
    var params: [String] = []

    static let formats = ["curl", "python", "go", "node", "swift", "order"]

    /// Usage errors before any work: a misspelt format is not worth compiling the script for.
    func validate() throws {
        guard Self.formats.contains(format.lowercased()) else {
            throw ValidationError("no export format '\(format)'; use one of \(Self.formats.joined(separator: ", "))."
                                  + Suggestion.didYouMean(format, in: Self.formats))
        }
        guard Product(name: product) != nil else {
            throw ValidationError("--product must be code_signing or code_signing_ev (cs, ev); got '\(product)'")
        }
        _ = try parseParameters(params)
    }

    func run() throws {
        let console = plainConsole()
        let source = try loadSources([file], console: console)[0]
        var orders: [(Product, OrderRequest)] = []
        if source.text.drop(while: \.isWhitespace).first == "{" {
            guard let product = Product(name: product) else { throw ValidationError("unknown product '\(self.product)'") }
            do {
                orders = [(product, try PayloadReader.read(Data(source.text.utf8)))]
            } catch {
                if let syntax = error.syntax {
                    // Shown at its place, with the line and a caret under it.
                    let range = SourceRange(source: source, start: syntax.offset, end: syntax.offset + 1)
                    console.error(DiagnosticRenderer(colour: console.colour).render([.error(error.description, at: range)]))
                } else {
                    console.error("\(source.name): error: \(error)")
                }
                throw ExitCode(.dataError)
            }
        } else {
            let compilation = Compiler(parameters: try parseParameters(params)).compile(source)
            if !compilation.diagnostics.isEmpty { console.error(DiagnosticRenderer(colour: console.colour).render(compilation.diagnostics)) }
            if compilation.hasErrors { throw ExitCode(.dataError) }
            orders = compilation.orders.map { ($0.product, $0.request) }
        }
        for (index, (product, request)) in orders.enumerated() {
            do {
                if index > 0 { console.print("") }
                console.write(try OrderSession.exportText(format: format.lowercased(), product: product, request: request, baseURL: baseURL)
                              .trimmingTrailingNewlines() + "\n")
            } catch {
                console.error("error: \(error.message)")
                throw ExitCode(.usage)
            }
        }
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
