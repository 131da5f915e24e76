#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation
import LineEditor
import OrderLanguage

/// The piped shell's line handling (issue 13): the input is the shell's standard input.
///
/// `certorder < session.order` reads its lines with `PlainLineReader` and gathers them into
/// entries with `EntryLines` (`OrderShell.readEntry`: an entry goes on while a `<`, `(`, `[` or
/// `"""` is open; an unfinished entry at the end of input is still evaluated), then evaluates each
/// entry in one interpreter, the session's, as `<stdin>` with its first line's number. The
/// interactive shell gathers its lines the same way (only the reader differs: libedit). This runs
/// that path without a terminal: the bytes go through a pipe to a real `PlainLineReader`, so its
/// line ends, CR stripping and UTF-8 decoding are the shell's own.
///
/// Invariants (each a finding when broken):
/// - the reader gives exactly the input's lines (split at LF, one CR before it dropped, a last
///   line without LF kept);
/// - an entry `EntryLines` calls complete is complete for `Interpreter.isComplete` too (unless the
///   scan stopped at its error cap), and the one left at the end of input is not;
/// - every diagnostic of an entry has a message, a range inside the entry and a line number
///   inside the entry's lines (`firstLine` offsets them: `<stdin>:12:5`), and renders.
enum ShellLines {
    static func run(_ bytes: [UInt8]) {
        guard let fd = makePipe(holding: bytes) else { return }
        defer { close(fd) }
        // One task for the whole input (the evaluator is async; the reads are not).
        Harness.wait { await read(bytes, from: fd) }
    }

    /// What `OrderShell.readEntry` and the session's loop do with piped input.
    static func read(_ bytes: [UInt8], from fd: Int32) async {
        let reader = PlainLineReader(fileDescriptor: fd)
        let expected = lines(of: bytes)
        let interpreter = Interpreter()
        let evaluate = Sandbox.mayEvaluate(bytes)
        var entry = EntryLines()
        var lineNumber = 0
        while true {
            switch reader.readLine(prompt: "") {
            case .line(let line):
                Harness.check(lineNumber < expected.count, "PlainLineReader gives more lines than the input has")
                Harness.check(line == expected[lineNumber], "PlainLineReader's line \(lineNumber + 1) differs from the input's")
                lineNumber += 1
                entry.append(line)
                if entry.isComplete {
                    await finish(entry, lastLine: lineNumber, complete: true, interpreter: interpreter, evaluate: evaluate)
                    entry.removeAll()
                }
            case .interrupted:
                Harness.fail("PlainLineReader was interrupted", detail: nil)
            case .endOfInput:
                Harness.check(lineNumber == expected.count, "PlainLineReader ends after \(lineNumber) of \(expected.count) lines")
                if !entry.isEmpty {
                    await finish(entry, lastLine: lineNumber, complete: false, interpreter: interpreter, evaluate: evaluate)
                }
                return
            }
        }
    }

    /// One entry, as the shell evaluates it.
    static func finish(_ entry: EntryLines, lastLine: Int, complete: Bool, interpreter: Interpreter, evaluate: Bool) async {
        let text = entry.text
        let firstLine = lastLine - entry.lines.count + 1
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return }
        let source = Source(name: "<stdin>", text: text, url: Sandbox.directory.appendingPathComponent("<stdin>"), firstLine: firstLine)
        let scan = ScriptScanner.scan(source)
        let length = text.utf8.count
        Harness.check(scan.tokens.last?.kind == .end, "the scan of an entry does not end with an end token")
        for token in scan.tokens { Harness.checkRange(token.range, length, "token \(token.kind) of an entry") }
        if scan.diagnostics.count < ScriptScanner.maximumErrors {
            Harness.check(Interpreter.isComplete(text) == complete,
                          complete ? "EntryLines ends an entry that Interpreter.isComplete calls unfinished"
                                   : "EntryLines waits for more of an entry that Interpreter.isComplete calls complete")
        }
        guard evaluate else { return }
        let result = await interpreter.evaluate(source, handler: Handler())
        // The entry's line ends as the source counts them (LF, and CR where the language takes it
        // for one): a diagnostic's line lies between the entry's first line and its last.
        let lineEnds = text.utf8.reduce(0) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
        for d in result.diagnostics {
            guard let range = d.range, range.source === source else { continue }
            let line = range.location.line
            Harness.check(line >= firstLine && line <= firstLine + lineEnds,
                          "diagnostic '\(d.message)' on line \(line) of an entry on lines \(firstLine)...\(firstLine + lineEnds)")
        }
        Harness.checkDiagnostics(result.diagnostics, of: source, length)
    }

    /// The lines the shell must read: split at LF, one CR before each LF (or at the end) dropped,
    /// a last line without LF kept, bytes that are not UTF-8 read as U+FFFD.
    static func lines(of bytes: [UInt8]) -> [String] {
        var parts = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if parts.last?.isEmpty == true { parts.removeLast() }
        return parts.map { part in
            String(decoding: part.last == 0x0D ? part.dropLast() : part[...], as: UTF8.self)
        }
    }

    /// A pipe's reading end holding `bytes`, its writing end closed (the end of input). Inputs
    /// longer than a pipe holds by default (64 KB) get a larger pipe; nil when even that fails.
    static func makePipe(holding bytes: [UInt8]) -> Int32? {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { Harness.fail("pipe() failed: errno \(errno)", detail: nil) }
        if bytes.count >= 65536, fcntl(fds[1], 1031 /* F_SETPIPE_SZ: Linux, not in Glibc's Swift overlay */, Int32(bytes.count + 1)) < 0 {
            close(fds[0]); close(fds[1])
            return nil
        }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fds[1], $0.baseAddress! + written, bytes.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { Harness.fail("write to the pipe failed: errno \(errno)", detail: nil) }
            written += n
        }
        close(fds[1])
        return fds[0]
    }
}
