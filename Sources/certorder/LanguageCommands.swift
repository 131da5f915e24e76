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

/// Compiles the scripts `files` with `parameters` and writes their diagnostics to stderr: what
/// `compile` and `check` share.
func compileReporting(_ files: [String], _ parameters: ParameterOptions, _ payload: PayloadOptions, console: Console) async throws -> Compilation {
    let compilation = await compile(try loadSources(files, console: console), parameters: try parameters.parameters(),
                                    payloadProduct: payload.product, console: console)
    if !compilation.diagnostics.isEmpty {
        console.error(DiagnosticRenderer(colour: console.colour).render(compilation.diagnostics))
    }
    return compilation
}

struct CompileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Print the request bodies of scripts: one object, or an array for several orders."
    )

    @Argument(help: "Order scripts or JSON payloads; - reads stdin.", completion: .file(extensions: ["order", "json"])) var files: [String]
    @Flag(help: "Print [{method, path, body}] so the product is kept.") var requests = false
    @Flag(help: "Print an array even for one order (a script's consumer then reads one shape).") var array = false
    @OptionGroup var parameters: ParameterOptions
    @OptionGroup var payload: PayloadOptions

    func run() async throws {
        let console = plainConsole()
        let compilation = try await compileReporting(files, parameters, payload, console: console)
        guard !compilation.hasErrors, let json = compilation.json(requests: requests, array: array) else { throw ExitCode(.dataError) }
        console.print(json)
    }
}

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Report every diagnostic of scripts; exit 0 or 65.")

    @Argument(help: "Order scripts or JSON payloads; - reads stdin.", completion: .file(extensions: ["order", "json"])) var files: [String]
    @Flag(help: "Print the diagnostics as a JSON array on stdout, each with its ID, place, path and notes.") var json = false
    @OptionGroup var parameters: ParameterOptions
    @OptionGroup var payload: PayloadOptions

    func run() async throws {
        let console = plainConsole()
        if json {
            // For tools: keyed by the diagnostics' stable IDs, so a rewording breaks no consumer.
            let compilation = await compile(try loadSources(files, console: console), parameters: try parameters.parameters(),
                                            payloadProduct: payload.product, console: console)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            console.print(String(decoding: try encoder.encode(compilation.diagnostics), as: UTF8.self))
            if compilation.hasErrors { throw ExitCode(.dataError) }
            return
        }
        let compilation = try await compileReporting(files, parameters, payload, console: console)
        console.error(DiagnosticRenderer.summary(compilation.diagnostics))
        if compilation.hasErrors { throw ExitCode(.dataError) }
    }
}

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Evaluate a script with its commands (json, show, validate, export, send, …)."
    )

    @Argument(help: "An order script; - reads stdin.", completion: .file(extensions: ["order"])) var file: String
    @OptionGroup var parameters: ParameterOptions
    @Flag(name: .long, help: """
        Run the later commands after one fails (the exit status still reports the failure). \
        An error in a statement still stops every later command.
        """)
    var keepGoing = false
    @OptionGroup var session: SessionOptions
    @OptionGroup var confirm: ConfirmOptions
    @OptionGroup var pacing: PacingOptions

    func run() async throws {
        // A signal cancels the script where it is (a send under way is recorded): exit 130/143/129.
        try await interruptible { try await runScript() }
    }

    private func runScript() async throws {
        try await session.withSession(assumeYes: confirm.yes, paced: !pacing.noPacing) { session in
            session.interpreter.keepsGoingAfterFailedCommands = keepGoing
            for (name, value) in try parameters.parameters() { session.interpreter.bind(name: name, value: value) }
            let ok: Bool
            if file == "-" {
                ok = await session.evaluate(try standardInputSource(console: session.console).text, name: "<stdin>")
            } else {
                guard FileManager.default.fileExists(atPath: file) else {
                    session.console.error("error: no such file: \(file)")
                    throw ExitCode(.usage)
                }
                ok = await session.evaluate(fileAtPath: file)
            }
            if !ok || session.worstStatus != .success {
                throw ExitCode(session.worstStatus == .success ? .dataError : session.worstStatus)
            }
        }
    }
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print a script's orders as curl, python, go, node, swift or order code."
    )

    @Argument(help: "An order script or a JSON payload; - reads stdin.", completion: .file(extensions: ["order", "json"])) var file: String
    // A string, not an ExportFormat, so that a misspelt format gets a did-you-mean; help and
    // completion list ExportFormat's cases all the same.
    @Option(help: ArgumentHelp("The format: \(ExportFormat.names.joined(separator: ", ")).", valueName: "format"),
            completion: .list(ExportFormat.names))
    var format: String
    @Option(help: "The base URL snippets default to (CERTCENTRAL_BASE_URL overrides it when they run).")
    var baseURL: String = "https://www.digicert.com/services/v2"
    @OptionGroup var parameters: ParameterOptions
    @OptionGroup var payload: PayloadOptions

    /// Usage errors before any work: a misspelt format is not worth compiling the script for.
    func validate() throws {
        guard ExportFormat(rawValue: format.lowercased()) != nil else {
            throw ValidationError("no export format '\(format)'; use one of \(ExportFormat.names.joined(separator: ", "))."
                                  + Suggestion.didYouMean(format, in: ExportFormat.names))
        }
    }

    func run() async throws {
        let console = plainConsole()
        // A script or a JSON payload, compiled and validated the same way: errors refuse the
        // export (65), warnings are shown.
        let compilation = await compile(try loadSources([file], console: console), parameters: try parameters.parameters(),
                                        payloadProduct: payload.product, console: console)
        if !compilation.diagnostics.isEmpty { console.error(DiagnosticRenderer(colour: console.colour).render(compilation.diagnostics)) }
        if compilation.hasErrors { throw ExitCode(.dataError) }
        let orders = compilation.orders.map { ($0.product, $0.request) }
        guard let format = ExportFormat(rawValue: format.lowercased()) else { throw ExitCode(.usage) }  // validate() said so
        for (index, (product, request)) in orders.enumerated() {
            if index > 0 { console.print("") }
            console.write(OrderSession.exportText(format: format, product: product, request: request, baseURL: baseURL)
                          .trimmingTrailingNewlines() + "\n")
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
