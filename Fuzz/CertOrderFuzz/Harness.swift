import Foundation
import CertOrder
import OrderLanguage

// The libFuzzer target of the order language (issue 6, part 7), the shell's line handling and the
// command line (issue 13). Built and run by `scripts/fuzz`; see Docs/Fuzzing.md. Which layers an
// input goes through is the run's target (``Harness/Target``): by default, as bytes, to
// `PayloadReader.read` and, as a script, through the scanner, the parser, the formatter, the
// evaluator (with a command handler), the exporters and the validator (`Compiler.validate`). Any
// trap is a finding; so is a broken invariant below.

/// Called by libFuzzer for each input.
@_cdecl("LLVMFuzzerTestOneInput")
public func certOrderFuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    Harness.run(bytes)
    return 0
}

enum Harness {
    /// What each input goes through: `CERTORDER_FUZZ_TARGET` (`scripts/fuzz --target NAME`).
    enum Target: String, CaseIterable {
        /// The whole language pipeline on the input as one script, and `PayloadReader` on its bytes.
        case language
        /// Only the scanner, the parser and the evaluator on the input as one script (issue 6).
        case core
        /// The input as the piped shell's standard input (``ShellLines``).
        case shell
        /// The input as a `certorder` command line (``CommandLineArguments``).
        case cli
        /// `shell` and `cli`, both on every input: the run of issue 13.
        case all
    }

    nonisolated(unsafe) static var started = false
    nonisolated(unsafe) static var target = Target.language
    /// `CERTORDER_FUZZ_STRICT=1`: also check the round trips the language promises (see ``strictChecks``).
    nonisolated(unsafe) static var strict = false
    /// `CERTORDER_FUZZ_CORE=1`: only the scanner, the parser and the evaluator (what issue 6 asks
    /// to fuzz), several times faster than the whole pipeline, for long runs.
    nonisolated(unsafe) static var core = false
    /// `CERTORDER_FUZZ_PRINT=1`: print each input's diagnostics and payloads (to look at a
    /// reproduced input; far too slow for fuzzing).
    nonisolated(unsafe) static var verbose = false
    /// A fixed day, so date rules do not depend on when the fuzzer runs.
    static let validator = Validator(today: Validator.parseDate("2026-12-01")!)

    /// Holds an async result for ``wait(_:)``.
    final class Box<T>: @unchecked Sendable {
        var value: T?
    }

    /// Runs async work (the interpreter's evaluation is async) to its end from libFuzzer's
    /// synchronous callback: one input at a time, so blocking this thread is what is wanted.
    static func wait<T>(_ work: @escaping () async -> T) -> T {
        let box = Box<T>()
        nonisolated(unsafe) let work = work
        let done = DispatchSemaphore(value: 0)
        Task {
            box.value = await work()
            done.signal()
        }
        done.wait()
        return box.value!
    }

    static func run(_ bytes: [UInt8]) {
        if !started {
            started = true
            Sandbox.enter(arguments: CommandLine.arguments)
            strict = ProcessInfo.processInfo.environment["CERTORDER_FUZZ_STRICT"] == "1"
            core = ProcessInfo.processInfo.environment["CERTORDER_FUZZ_CORE"] == "1"
            verbose = ProcessInfo.processInfo.environment["CERTORDER_FUZZ_PRINT"] == "1"
            let name = ProcessInfo.processInfo.environment["CERTORDER_FUZZ_TARGET"] ?? (core ? "core" : "language")
            guard let named = Target(rawValue: name) else {
                fail("no fuzz target '\(name)'; use one of \(Target.allCases.map(\.rawValue).joined(separator: ", "))", detail: nil)
            }
            target = named
            FileHandle.standardError.write(Data("CertOrderFuzz: target \(target.rawValue)\n".utf8))
        }
        switch target {
        case .language:
            payload(bytes)
            script(bytes)
        case .core:
            coreScript(bytes)
        case .shell:
            ShellLines.run(bytes)
        case .cli:
            CommandLineArguments.run(bytes)
        case .all:
            ShellLines.run(bytes)
            CommandLineArguments.run(bytes)
        }
    }

    /// The bytes as the script `fuzz.order`, scanned: its tokens must end with the end token and
    /// lie inside the source.
    static func scanned(_ bytes: [UInt8]) -> (text: String, source: Source, length: Int, scan: ScriptScanner.Result) {
        let text = String(decoding: bytes, as: UTF8.self)
        let source = Source(name: "fuzz.order", text: text, url: Sandbox.directory.appendingPathComponent("fuzz.order"))
        let length = text.utf8.count
        let scan = ScriptScanner.scan(source)
        check(scan.tokens.last?.kind == .end, "the scan does not end with an end token")
        for token in scan.tokens { checkRange(token.range, length, "token \(token.kind)") }
        return (text, source, length, scan)
    }

    /// The core: scan, parse and evaluate; the tokens' and diagnostics' ranges must lie inside
    /// the source.
    static func coreScript(_ bytes: [UInt8]) {
        let (_, source, length, _) = scanned(bytes)
        guard Sandbox.mayEvaluate(bytes) else { return }
        let result = wait { await Interpreter().evaluate(source, handler: Handler()) }
        for d in result.diagnostics {
            check(!d.message.isEmpty, "a diagnostic without a message")
            if let range = d.range, range.source === source { checkRange(range, length, "diagnostic '\(d.message)'") }
        }
    }

    // MARK: - The raw bytes as a JSON payload

    static func payload(_ bytes: [UInt8]) {
        guard let request = try? PayloadReader.read(Data(bytes)) else { return }
        let compact = PayloadWriter.compact(request)
        _ = PayloadWriter.pretty(request)
        for product in [Product.codeSigning, .codeSigningEV] {
            _ = validator.validate(request, product: product)
        }
        if strict {
            // JSON → request → JSON → request → JSON is stable after one step.
            guard let again = try? PayloadReader.read(compact) else {
                fail("PayloadReader refuses PayloadWriter's output", detail: String(decoding: compact, as: UTF8.self))
            }
            let twice = PayloadWriter.compact(again)
            if twice != compact {
                fail("PayloadWriter → PayloadReader → PayloadWriter changes the payload",
                     detail: "\(String(decoding: compact, as: UTF8.self))\n→ \(String(decoding: twice, as: UTF8.self))")
            }
        }
    }

    // MARK: - The bytes as a script

    static func script(_ bytes: [UInt8]) {
        let (text, source, length, scan) = scanned(bytes)
        // `fmt` parses (the parser scans again): its diagnostics are the parser's.
        let formatted = ScriptFormatter.format(source)
        let hasSyntaxErrors = formatted.text == nil
        check(!scan.diagnostics.hasErrors || hasSyntaxErrors, "scanner errors, yet the script formats")
        check(hasSyntaxErrors == formatted.diagnostics.hasErrors, "fmt gives no text without reporting an error")
        // The shell reads the same text line by line (EntryLines, issue 13 finding 9): it must
        // give the whole text's answer (unless the whole scan stopped at its error cap).
        var entry = EntryLines()
        for line in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            entry.append(String(decoding: line, as: UTF8.self))
        }
        if scan.diagnostics.count < ScriptScanner.maximumErrors {
            check(entry.isComplete == Interpreter.isComplete(text), "EntryLines and Interpreter.isComplete disagree")
        }
        checkDiagnostics(formatted.diagnostics, of: source, length)

        if strict, let canonical = formatted.text {
            // "Formatting twice gives the same text."
            let again = ScriptFormatter.format(Source(name: "fmt.order", text: canonical, url: source.url))
            if again.text != canonical {
                fail("fmt is not idempotent", detail: "first:\n\(canonical)\nsecond:\n\(again.text ?? "<syntax errors>")")
            }
        }

        // The interpreter does not evaluate a script with syntax errors (checked in strict mode).
        guard (!hasSyntaxErrors || strict), Sandbox.mayEvaluate(bytes) else {
            if verbose { print(DiagnosticRenderer().render(formatted.diagnostics)) }
            return
        }
        let result = wait { await Interpreter().evaluate(source, handler: Handler()) }
        checkDiagnostics(result.diagnostics, of: source, length)
        check(!hasSyntaxErrors || result.orders.isEmpty, "a script with syntax errors made orders")
        check(!hasSyntaxErrors || result.diagnostics == formatted.diagnostics, "the interpreter and fmt report different syntax errors")

        // What `certorder compile` does next: judge the orders and place the diagnostics.
        let judged = Compiler(validator: validator).validate(result.orders)
        checkDiagnostics(judged, of: source, length)
        if verbose {
            print(DiagnosticRenderer().render(result.diagnostics + judged), terminator: "")
            for order in result.orders { print(String(decoding: PayloadWriter.compact(order.request), as: UTF8.self)) }
        }
        for order in result.orders {
            _ = PayloadWriter.compact(order.request)
            _ = ScriptExporter.script(for: order)
            _ = SwiftExporter.code(for: order)
        }
        if strict, !result.hasErrors {
            strictChecks(result.orders, source: source)
        }
    }

    /// The promise of ScriptExporter: compiling its script gives back the same payload, byte for
    /// byte, for any request whose enumerated values are ones the API allows (checked here for
    /// orders the validator accepts).
    static func strictChecks(_ orders: [CompiledOrder], source: Source) {
        for order in orders where !order.validate(with: validator).hasErrors {
            let script = ScriptExporter.script(for: order)
            let back = wait { await Interpreter().evaluate(Source(name: "export.order", text: script, url: source.url)) }
            let original = String(decoding: PayloadWriter.compact(order.request), as: UTF8.self)
            guard !back.hasErrors, back.orders.count == 1 else {
                fail("the exported script does not compile",
                     detail: "payload: \(original)\nscript:\n\(script)\n\(DiagnosticRenderer().render(back.diagnostics))")
            }
            let again = String(decoding: PayloadWriter.compact(back.orders[0].request), as: UTF8.self)
            if again != original || back.orders[0].product != order.product {
                fail("script → payload → script → payload changes the payload",
                     detail: "payload: \(original)\nscript:\n\(script)\nback: \(again)")
            }
            if let request = try? PayloadReader.read(Data(original.utf8)) {
                let reread = String(decoding: PayloadWriter.compact(request), as: UTF8.self)
                if reread != original { fail("JSON → request → JSON changes a compiled payload", detail: "\(original)\n→ \(reread)") }
            } else {
                fail("PayloadReader refuses a compiled payload", detail: original)
            }
        }
    }

    // MARK: - Invariants

    /// Diagnostics are well formed: a message, and a range inside its source; they render (the
    /// first few: rendering a hundred diagnostics of one input would halve the executions per second).
    static func checkDiagnostics(_ diagnostics: [LanguageDiagnostic], of source: Source, _ length: Int) {
        let renderer = DiagnosticRenderer()
        for (index, d) in diagnostics.enumerated() {
            check(!d.message.isEmpty, "a diagnostic without a message")
            if let range = d.range {
                if range.source === source { checkRange(range, length, "diagnostic '\(d.message)'") }
                _ = range.location
                _ = range.endLocation
                _ = range.text
            }
            if index < 16 { _ = renderer.render(d) }
        }
        _ = DiagnosticRenderer.summary(diagnostics)
    }

    static func checkRange(_ range: SourceRange, _ length: Int, _ what: @autoclosure () -> String) {
        check(range.start >= 0 && range.start <= range.end && range.end <= length,
              "\(what()) has range \(range.start)..<\(range.end) in a source of \(length) bytes")
    }

    static func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fail(message(), detail: nil) }
    }

    static func fail(_ message: String, detail: String?) -> Never {
        var text = "CertOrderFuzz: invariant broken: \(message)\n"
        if let detail { text += detail + "\n" }
        FileHandle.standardError.write(Data(text.utf8))
        abort()
    }
}

/// Answers the shell's commands the way the shell would, as far as the language's own types go,
/// so the fuzzer reaches the exporters and `validate` through scripts too. Writes nothing.
final class Handler: CommandHandler {
    func handle(_ command: EvaluatedCommand, context: CommandContext) throws(CommandError) {
        let draft = context.draft
        switch command.name {
        case "json", "show":
            guard let draft else { throw CommandError("no draft") }
            _ = PayloadWriter.pretty(draft.request)
            _ = ScriptExporter.script(for: draft)
        case "validate":
            guard let draft else { throw CommandError("no draft") }
            _ = draft.validate(with: Harness.validator)
        case "export":
            guard let draft else { throw CommandError("no draft") }
            switch command.texts.first {
            case "swift": _ = SwiftExporter.code(for: draft)
            case "order", nil: _ = ScriptExporter.script(for: draft)
            default: throw CommandError("export order or export swift", argument: 0)
            }
        case "recipes":
            _ = context.interpreter.recipes.map(\.signature)
        case "recipe":
            guard let name = command.texts.first else { throw CommandError("'recipe' needs a name") }
            guard context.interpreter.recipe(named: name) != nil else { throw CommandError("unknown recipe '\(name)'", argument: 0) }
        case "vars":
            _ = context.interpreter.variables
        default:
            break
        }
    }
}
