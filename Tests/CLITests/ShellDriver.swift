import Foundation

/// Drives `certorder`'s interactive shell in a real terminal (tmux), the way a user does: it
/// waits for each prompt before typing, and reads what the shell printed from the screen.
///
/// "The prompt is there" means: the cursor sits right after the prompt's text, on a row below
/// the one the last entry was typed on. The screen is tall and wide enough that nothing scrolls
/// or wraps during a test, so rows are stable. Waits poll with `Task.sleep`, so a test waiting
/// for its shell holds no thread.
final class ShellDriver {
    let tmux: TmuxSession
    let world: CLIWorld
    /// The row of the last prompt waited for.
    private(set) var promptRow = -1

    static let noDraft = "certorder [no draft · sandbox]> "
    static let continuation = "      ...> "

    private init(world: CLIWorld, tmux: TmuxSession) {
        self.world = world
        self.tmux = tmux
    }

    /// Starts `certorder` (with `arguments`) in a new terminal, in the world's directory with its
    /// state, and waits for the first prompt.
    static func start(world: CLIWorld, arguments: [String] = [], firstPrompt: String = ShellDriver.noDraft) async throws -> ShellDriver {
        let tmux = try TmuxSession(
            command: [try CLIPackage.certorder()] + arguments,
            // Empty is no key: a developer's own key never reaches these tests.
            environment: ["XDG_STATE_HOME": world.stateHome, "CERTORDER_JOURNAL": world.journal, "DIGICERT_API_KEY": ""],
            width: 200, height: 150, workingDirectory: world.path)
        let driver = ShellDriver(world: world, tmux: tmux)
        try await driver.waitForPrompt(firstPrompt)
        return driver
    }

    deinit {
        tmux.kill()
    }

    /// The screen's rows, trailing spaces removed.
    func rows() throws -> [String] {
        try tmux.capture().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Polls until `condition` holds for the cursor and the rows; returns its value.
    private func poll<T>(
        _ what: @autoclosure () -> String,
        timeout: Duration,
        _ condition: ((column: Int, row: Int), [String]) -> T?
    ) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        // Each look runs two tmux clients: look often at first, then less (CPU is shared).
        var pause = Duration.milliseconds(5)
        while true {
            let cursor = try tmux.cursor()
            let rows = try rows()
            if let value = condition(cursor, rows) { return value }
            guard ContinuousClock.now < deadline else {
                throw CLIFailure("waited \(timeout) for \(what()); cursor at \(cursor); the screen was:\n\(rows.joined(separator: "\n"))")
            }
            try await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(50))
        }
    }

    /// Waits until the cursor is right after `prompt` on a row below the last prompt's.
    func waitForPrompt(_ prompt: String, timeout: Duration = .seconds(20)) async throws {
        let expected = Self.trimmed(prompt)
        let after = promptRow
        promptRow = try await poll("the prompt \(prompt.debugDescription) below row \(after)", timeout: timeout) { cursor, rows in
            cursor.row > after && cursor.row < rows.count && rows[cursor.row] == expected && cursor.column == prompt.count
                ? cursor.row : nil
        }
    }

    /// Waits until the row of the cursor reads `text` (trailing spaces aside) with the cursor
    /// at `column` (by default after the text), and returns the row's index.
    @discardableResult
    func waitForLine(_ text: String, cursorColumn column: Int? = nil, timeout: Duration = .seconds(20)) async throws -> Int {
        let expected = Self.trimmed(text)
        let column = column ?? text.count
        return try await poll("the line \(text.debugDescription) with the cursor at column \(column)", timeout: timeout) { cursor, rows in
            cursor.row < rows.count && rows[cursor.row] == expected && cursor.column == column ? cursor.row : nil
        }
    }

    /// Waits until the cursor is on row `row`.
    func waitForCursor(row: Int, timeout: Duration = .seconds(20)) async throws {
        _ = try await poll("the cursor on row \(row)", timeout: timeout) { cursor, _ in cursor.row == row ? true : nil }
    }

    /// Types `line`, presses Enter, waits for `prompt`, and returns the rows printed between
    /// the typed line and the new prompt (the entry's output).
    @discardableResult
    func enter(_ line: String, expecting prompt: String) async throws -> [String] {
        let typedRow = promptRow
        try tmux.type(line)
        try tmux.sendKeys(.enter)
        try await waitForPrompt(prompt)
        let rows = try rows()
        return Array(rows[(typedRow + 1)..<promptRow])
    }

    /// Types `typed` after `prompt`, presses Tab and waits for the one completion: the line
    /// `prompt + completed` with the cursor after the space it ends with; then Ctrl-C and the
    /// prompt again, an empty line.
    func expectCompletion(of typed: String, to completed: String, after prompt: String) async throws {
        try tmux.type(typed)
        try tmux.sendKeys(.tab)
        try await waitForLine(prompt + completed, cursorColumn: (prompt + completed + " ").count)
        try tmux.sendKeys(.controlC)
        try await waitForPrompt(prompt)
    }

    /// Presses Ctrl-D on an empty line and returns the exit status.
    func leave() async throws -> Int32 {
        try tmux.sendKeys(.controlD)
        return try await exitStatus()
    }

    /// Waits for the program to exit and returns its status.
    func exitStatus(timeout: Duration = .seconds(20)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while true {
            // With no time left to wait, TmuxSession answers at once: the status, or a failure.
            if let status = try? tmux.waitForExit(timeout: .zero) { return status }
            guard ContinuousClock.now < deadline else { return try tmux.waitForExit(timeout: .zero) }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    static func trimmed(_ text: String) -> String {
        String(text[..<(text.lastIndex { $0 != " " }.map(text.index(after:)) ?? text.startIndex)])
    }

    /// `certorder [ev · 2 errors · sandbox]> `.
    static func prompt(_ state: String, endpoint: String = "sandbox") -> String {
        "certorder [\(state) · \(endpoint)]> "
    }
}
