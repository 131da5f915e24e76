import CEditLine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An interactive line editor on the terminal, built on libedit (emacs key bindings).
///
/// Like LLDB's `Editline` wrapper, it leaves the meaning of a line to its caller: the caller
/// picks the prompt of each read (``prompt`` for a new entry, ``continuationPrompt`` while an
/// entry goes on over several lines), supplies completions through ``completer`` and decides
/// what goes into the ``history``.
///
/// Keys beyond libedit's emacs defaults:
/// - Tab asks ``completer``: one candidate is inserted; several insert their common prefix and
///   are listed in columns under the line, which is then drawn again.
/// - Ctrl-C drops the line being edited (the screen shows `^C`) and the read returns
///   ``LineEditorReadResult/interrupted``. While editing, Ctrl-C is a key, not a signal; between
///   reads the terminal is back to its own settings and Ctrl-C raises SIGINT as usual.
/// - Ctrl-D on an empty line ends the input (``LineEditorReadResult/endOfInput``).
/// - Ctrl-R searches the history backwards.
///
/// Use it only when both standard input and standard output are terminals
/// (``makeReader(programName:historyLimit:)`` checks). It reads and writes the process's
/// standard streams, so keep one instance per process.
package final class LineEditor: LineHistoryReading {
    /// A completion offered by ``completer``.
    package typealias Completion = LineCompletion

    /// Answers Tab: gets the whole line and the cursor position (in `Character`s) and returns
    /// the candidates and the part of the line they replace.
    package typealias Completer = (_ line: String, _ cursor: Int) -> LineCompletion

    /// The prompt of a new entry, shown by ``readLine()``. Invisible sequences (colour) go
    /// between two `\u{1}` characters, so that libedit counts only what shows.
    package var prompt: String

    /// The prompt of the following lines of an entry, shown by ``readContinuationLine()``.
    package var continuationPrompt: String

    /// Called on Tab; with no completer, Tab beeps.
    package var completer: Completer?

    /// The entries Up and Down walk through. The editor adds nothing by itself.
    package let history: LineHistory

    /// libedit's `EditLine *`.
    private let editLine: OpaquePointer
    /// The prompt being shown, as returned to libedit's prompt callback.
    private var promptText: String = ""
    private var promptBuffer: UnsafeMutablePointer<CChar>
    /// Set by the Ctrl-C key function during a read.
    private var interruptRequested = false

    private static let completeFunctionName = "lineeditor-complete"
    private static let interruptFunctionName = "lineeditor-interrupt"

    /// A line editor on the process's standard input and output, or nil when libedit cannot be
    /// set up.
    ///
    /// Sets the process's `LC_CTYPE` locale from the environment, falling back to `C.UTF-8`, so
    /// that UTF-8 input and output work.
    ///
    /// - Parameters:
    ///   - programName: the name libedit uses for `~/.editrc` sections (not read here).
    ///   - prompt: the prompt of ``readLine()``.
    ///   - continuationPrompt: the prompt of ``readContinuationLine()``.
    ///   - history: the history to walk with Up and Down.
    package init?(
        programName: String = "certorder",
        prompt: String = "> ",
        continuationPrompt: String = "... ",
        history: LineHistory = LineHistory()
    ) {
        _ = ceditline_use_utf8_ctype()
        guard let editLine = ceditline_init(programName), let promptBuffer = strdup("") else {
            return nil
        }
        self.editLine = editLine
        self.promptBuffer = promptBuffer
        self.prompt = prompt
        self.continuationPrompt = continuationPrompt
        self.history = history
        configure()
    }

    deinit {
        el_end(editLine)
        free(promptBuffer)
    }

    // MARK: - Reading

    /// Shows `prompt`, lets the user edit a line and returns it.
    ///
    /// Blocks the calling thread until Enter, Ctrl-C or Ctrl-D.
    package func readLine(prompt: String) -> LineEditorReadResult {
        setPromptText(prompt)
        interruptRequested = false
        while true {
            var count: Int32 = 0
            let characters = el_wgets(editLine, &count)
            if interruptRequested {
                interruptRequested = false
                return .interrupted
            }
            guard let characters, count > 0 else {
                if count < 0 && errno == EINTR {
                    // A signal meant for someone else interrupted the read: start the line again.
                    write("\n")
                    continue
                }
                // Ctrl-D on an empty line (libedit leaves the cursor after "^D") or an error.
                write("\n")
                return .endOfInput
            }
            var length = Int(count)
            if characters[length - 1] == wchar_t(UInt8(ascii: "\n")) { length -= 1 }
            return .line(WideText.string(characters, count: length))
        }
    }

    /// Reads a new entry with ``prompt``.
    package func readLine() -> LineEditorReadResult {
        readLine(prompt: prompt)
    }

    /// Reads the next line of an entry with ``continuationPrompt``.
    package func readContinuationLine() -> LineEditorReadResult {
        readLine(prompt: continuationPrompt)
    }

    // MARK: - History

    // MARK: - Setup

    private func configure() {
        _ = ceditline_set_client_data(editLine, Unmanaged.passUnretained(self).toOpaque())
        // The editor first: choosing it resets the key map that the bindings below change.
        _ = ceditline_set_editor(editLine, "emacs")
        _ = ceditline_set_signal_handling(editLine, 1)
        _ = ceditline_set_prompt(editLine) { editLine in
            LineEditor.editor(of: editLine)?.promptBuffer
        }
        _ = ceditline_set_history(editLine, history.handle)

        _ = ceditline_add_function(
            editLine, Self.completeFunctionName, "Complete the word at the cursor"
        ) { editLine, _ in
            LineEditor.editor(of: editLine)?.completeAtCursor() ?? UInt8(CC_ERROR)
        }
        _ = ceditline_bind_key(editLine, "^I", Self.completeFunctionName)

        _ = ceditline_disable_interrupt_character(editLine)
        _ = ceditline_add_function(
            editLine, Self.interruptFunctionName, "Drop the line being edited"
        ) { editLine, _ in
            LineEditor.editor(of: editLine)?.interruptLine() ?? UInt8(CC_ERROR)
        }
        _ = ceditline_bind_key(editLine, "^C", Self.interruptFunctionName)

        _ = ceditline_bind_key(editLine, "^R", "em-inc-search-prev")
    }

    /// The editor whose `EditLine` a libedit callback was given (through `EL_CLIENTDATA`).
    private static func editor(of editLine: OpaquePointer?) -> LineEditor? {
        guard let editLine, let data = ceditline_client_data(editLine) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    private func setPromptText(_ text: String) {
        guard text != promptText, let buffer = strdup(text) else { return }
        free(promptBuffer)
        promptBuffer = buffer
        promptText = text
    }

    private func write(_ text: String) {
        let output = ceditline_stdout()
        fputs(text, output)
        fflush(output)
    }

    // MARK: - Key functions

    /// Ctrl-C: marks the read as interrupted, shows `^C` after the text and ends the line the way
    /// Enter does, so that libedit moves below the line and leaves the terminal as it found it.
    private func interruptLine() -> UInt8 {
        interruptRequested = true
        if let line = el_wline(editLine)?.pointee, let cursor = line.cursor, let end = line.lastchar {
            _ = el_cursor(editLine, Int32(end - cursor))
        }
        insert("^C")
        el_push(editLine, "\n")
        return UInt8(CC_REFRESH)
    }

    /// Tab: asks the completer and applies its answer (see ``CompletionEdit``).
    private func completeAtCursor() -> UInt8 {
        guard let completer,
              let info = el_wline(editLine)?.pointee,
              let buffer = info.buffer, let cursorPointer = info.cursor, let end = info.lastchar
        else { return UInt8(CC_ERROR) }

        let line = WideText.string(buffer, count: end - buffer)
        let textBeforeCursor = WideText.string(buffer, count: cursorPointer - buffer)
        let cursor = textBeforeCursor.count
        let edit = CompletionEdit(line: line, completion: completer(line, cursor))
        if edit.beeps { return UInt8(CC_ERROR) }

        // Where libedit has drawn the line, measured before the line changes.
        let width = TerminalGeometry.columns(of: STDOUT_FILENO)
        let origin = TerminalGeometry.Position(row: 0, column: 0)
        let afterPrompt = TerminalGeometry.position(after: promptText, from: origin, width: width)
        let cursorPosition = TerminalGeometry.position(after: textBeforeCursor, from: afterPrompt, width: width)
        let endPosition = TerminalGeometry.position(after: line, from: afterPrompt, width: width)

        if let range = edit.replacedRange {
            let cursorScalars = cursorPointer - buffer
            let lower = CompletionEdit.scalarOffset(ofCharacterOffset: range.lowerBound, in: line)
            let upper = CompletionEdit.scalarOffset(ofCharacterOffset: range.upperBound, in: line)
            _ = el_cursor(editLine, Int32(upper - cursorScalars))
            el_deletestr(editLine, Int32(upper - lower))
            insert(edit.replacement)
        }
        guard !edit.listed.isEmpty else { return UInt8(CC_REFRESH) }

        // Go below the line, list, then leave the cursor as many rows below the list as it was
        // below the prompt's first row: libedit moves up from there to clear and redraw.
        var output = String(repeating: "\n", count: endPosition.row - cursorPosition.row + 1)
        for listLine in CandidateColumns.lines(for: edit.listed, width: width) {
            output += listLine + "\n"
        }
        output += String(repeating: "\n", count: cursorPosition.row)
        write(output)
        return UInt8(CC_REDISPLAY)
    }

    private func insert(_ text: String) {
        guard !text.isEmpty else { return }
        let characters = WideText.nulTerminated(text)
        _ = characters.withUnsafeBufferPointer { el_winsertstr(editLine, $0.baseAddress) }
    }
}
