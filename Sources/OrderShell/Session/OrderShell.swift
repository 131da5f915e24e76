import CBuildInfo
import CertOrder
import Foundation
import LineEditor
import OrderLanguage

/// The interactive `certorder` session and its non-interactive forms (piped stdin).
///
/// Reads entries (an entry continues over lines while a `<`, `(`, `[` or `"""` is open) from
/// the ``LineFeed``'s stream, whose blocking reads run on the session's ``TerminalThread``,
/// evaluates each through the ``OrderSession``, and keeps the history: one entry per history
/// line even when it spans several, saved under `$XDG_STATE_HOME/certorder/history`, never
/// holding a secret.
package final class OrderShell {
    package let session: OrderSession
    private let reader: any LineReading
    private let feed: LineFeed
    private let historyPath: String?
    /// The lines of the entry being read before the current one (shared with the completer).
    private let pending = PendingLines()

    private final class PendingLines {
        /// Appended to in place, never copied per line: reading an entry stays linear.
        var entry = EntryLines()
        var lines: [String] { entry.lines }
    }

    package init(session: OrderSession, reader: any LineReading, historyPath: String?) {
        self.session = session
        self.reader = reader
        self.feed = LineFeed(reader: reader, terminal: session.terminal)
        self.historyPath = historyPath
        session.historyEntries = { [reader] in reader.historyEntries }
        if let editor = reader as? LineEditor {
            session.warnsBeforeDiscardingDraft = true
            editor.completer = { [session, pending] line, cursor in
                Completer(recipes: session.interpreter.recipes).complete(pending: pending.lines, line: line, cursor: cursor)
            }
            session.confirm = { [feed] question in
                if case .line(let answer) = await feed.readLine(prompt: question) {
                    return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
                }
                return false
            }
        }
        if let historyPath { _ = try? reader.loadHistory(path: historyPath) }
    }

    /// Whether this session reads from a terminal with the line editor.
    package var isInteractive: Bool { reader is LineEditor }

    /// Runs until `quit`, Ctrl-D, or the end of piped input.
    /// - Parameter keepGoing: for piped input, go on after an entry that failed (the exit status
    ///   still says it failed); otherwise stop at the first error.
    /// - Returns: the session's exit status: for piped input, the worst failure's; at a terminal,
    ///   success.
    /// - Parameter interruption: the owner of SIGINT, SIGTERM and SIGHUP (``Interruption``). Each
    ///   entry runs cancelled by a signal. At a terminal, Ctrl-C (SIGINT) cancels the entry under
    ///   way — a send's outcome is recorded, the draft stays as it was — and the session goes on;
    ///   SIGTERM and SIGHUP, and any of the three in a piped session, end it: the entry under way
    ///   is cancelled, a read waiting for input is abandoned, the history is saved, and the status
    ///   is 143, 129 or 130. `nil`: signals act as by default.
    package func run(keepGoing: Bool = false, interruption: Interruption? = nil) async -> ExitStatus {
        if isInteractive {
            session.console.print("certorder \(CertOrderVersion.current): order DigiCert code signing certificates. 'help' lists commands; Ctrl-D leaves.")
            await session.noticeUnresolvedSends()
        }
        // The signals that end the session rather than the entry.
        let ending: Set<Int32> = isInteractive ? [SIGTERM, SIGHUP] : Set(Interruption.signals)
        let handler = interruption?.onSignal { [feed] signal in if ending.contains(signal) { feed.stop() } }
        defer { if let handler { interruption?.removeHandler(handler) } }
        // libedit puts the terminal back on a signal it sees; this covers the rest.
        let terminalSettings = isInteractive ? TerminalSettings.current() : nil
        var lineNumber = 0
        // Each line is read with the prompt of the moment it is asked for: after the entry
        // before it was evaluated.
        var lines = feed.lines { [session, pending] in pending.entry.isEmpty ? session.prompt : PromptRenderer.continuation }
            .makeAsyncIterator()
        while !session.shouldQuit {
            // A Ctrl-C sent while nothing ran (a `kill -INT` at the prompt) cancels nothing.
            if isInteractive, interruption?.signal == SIGINT { _ = interruption?.take() }
            let entry = await readEntry(from: &lines, lineNumber: &lineNumber)
            if let signal = interruption?.signal, ending.contains(signal) { break }
            guard let entry else { break }
            let text = entry.text
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
            remember(text)
            // Piped entries keep their line numbers in diagnostics (`<stdin>:12:5`).
            let evaluate = { [session, isInteractive] in
                isInteractive
                    ? await session.evaluateEntry(text, name: "<input>")
                    : await session.evaluateEntry(text, name: "<stdin>", firstLine: entry.firstLine)
            }
            let succeeded = if let interruption { await interruption.cancellingOnSignal(evaluate) } else { await evaluate() }
            if let signal = interruption?.signal {
                if ending.contains(signal) { break }
                // Ctrl-C at a terminal: the entry was cancelled; back to the prompt.
                _ = interruption?.take()
                session.console.error("interrupted")
                continue
            }
            if !succeeded && !isInteractive && !keepGoing { break }
        }
        if isInteractive { saveHistory() }
        if let status = interruption?.exitStatus {
            terminalSettings?.restore()
            return status
        }
        // At a terminal, each error was shown when it happened and leaving is not a failure
        // (Ctrl-D and 'quit' exit 0, as a REPL does); a piped session's status says whether
        // every entry succeeded.
        return isInteractive ? .success : session.worstStatus
    }

    /// Saves the history; a history that cannot be written is a warning, not silence (issue
    /// 13, finding 14): the user learns that this session's entries will not come back. The
    /// folder is made by StateDirectory, the one owner of the 0700 rule (the line editor's own
    /// fallback then finds it made).
    func saveHistory() {
        guard let historyPath else { return }
        do {
            try? StateDirectory.createDirectory((historyPath as NSString).deletingLastPathComponent)
            try reader.saveHistory(path: historyPath)
        } catch LineHistoryError.saveFailed(_, let code) where code != 0 {
            session.console.error("warning: the history could not be saved to \(historyPath): \(String(cString: strerror(code)))")
        } catch {
            session.console.error("warning: the history could not be saved to \(historyPath): \(error)")
        }
    }

    /// The terminal's settings at the start, put back when a signal ends the session while the
    /// line editor had it in its own mode.
    private struct TerminalSettings {
        var saved: termios

        static func current() -> TerminalSettings? {
            var settings = termios()
            guard tcgetattr(STDIN_FILENO, &settings) == 0 else { return nil }
            return TerminalSettings(saved: settings)
        }

        func restore() {
            var settings = saved
            _ = tcsetattr(STDIN_FILENO, TCSANOW, &settings)
        }
    }

    private struct Entry {
        var text: String
        var firstLine: Int
    }

    /// Reads one whole entry, with continuation lines; `nil` at the end of input. Each line is
    /// scanned once as it arrives (``EntryLines``), and the entry is joined once, when complete.
    private func readEntry(from reads: inout AsyncStream<LineEditorReadResult>.Iterator, lineNumber: inout Int) async -> Entry? {
        defer { pending.entry.removeAll() }
        while true {
            switch await reads.next() ?? .endOfInput {
            case .line(let line):
                lineNumber += 1
                pending.entry.append(line)
                if pending.entry.isComplete {
                    return Entry(text: pending.entry.text, firstLine: lineNumber - pending.entry.lines.count + 1)
                }
            case .interrupted:
                // Ctrl-C drops the entry being typed; the session goes on.
                pending.entry.removeAll()
            case .endOfInput:
                // At the end of piped input, an unfinished entry is still evaluated so its error is reported.
                let lines = pending.entry.lines
                return lines.isEmpty ? nil : Entry(text: pending.entry.text, firstLine: lineNumber - lines.count + 1)
            }
        }
    }

    /// Adds an entry to the history unless it could hold a secret: an entry with a `key`
    /// command (a key typed after it by mistake, and `key` itself, which the docs promise is
    /// never kept), or a known secret.
    private func remember(_ text: String) {
        if Self.mentionsKeyCommand(text) || session.console.redactor.containsSecret(text) { return }
        reader.addHistory(text)
    }

    /// Whether a word of the entry is `key` (any case): over-careful on purpose, so that no
    /// spelling of the command slips into the history file.
    static func mentionsKeyCommand(_ text: String) -> Bool {
        ScriptScanner.scan(Source(name: "<input>", text: text)).tokens.contains {
            $0.kind == .word && $0.text.lowercased() == CommandName.key.rawValue
        }
    }
}

/// The version `certorder --version` and the banner print.
package enum CertOrderVersion {
    package static let current = "0.1.0"

    /// The commit the binary was built from, when its build said (scripts/install does, through
    /// the `CBuildInfo` header's macro); nil for a plain `swift build`.
    package static let commit: String? = {
        let commit = String(cString: certorder_build_commit())
        return commit.isEmpty ? nil : commit
    }()

    /// What `certorder --version` prints: `0.1.0 (commit 1a2b3c4d5e6f)`.
    package static var full: String { "\(current) (commit \(commit ?? "unknown"))" }
}
