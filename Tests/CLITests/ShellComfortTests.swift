import Foundation
import Testing

/// Issue 17, item 9: at a terminal, a warning before `new` or `load` replaces an unsaved draft,
/// and a live endpoint is red in the prompt (never with NO_COLOR).
@Suite("Shell comforts", .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct ShellComfortTests {
    @Test("new and load warn before replacing a draft changed since it was started, saved or loaded; not otherwise")
    func warnsBeforeDiscardingAnUnsavedDraft() async throws {
        let world = try CLIWorld()
        let shell = try await ShellDriver.start(world: world)
        let ev3 = ShellDriver.prompt("ev · 3 errors"), ev2 = ShellDriver.prompt("ev · 2 errors")
        let cs3 = ShellDriver.prompt("cs · 3 errors"), cs2 = ShellDriver.prompt("cs · 2 errors")
        // No draft, then a fresh one: nothing to lose, no warning.
        #expect(try await shell.enter("new ev", expecting: ev3).isEmpty)
        #expect(try await shell.enter("new cs", expecting: cs3).isEmpty)
        // A changed draft nobody saved: the warning comes first, then the new draft.
        #expect(try await shell.enter("validity 1", expecting: cs2).isEmpty)
        let replaced = try await shell.enter("new ev", expecting: ev3)
        #expect(replaced == ["warning: 'new' replaces the draft (cs · 2 errors), which was not saved; 'save FILE' keeps a draft"], "\(replaced)")

        // Saved: replacing it loses nothing.
        #expect(try await shell.enter("validity 1", expecting: ev2).isEmpty)
        let saved = try await shell.enter("save d.order", expecting: ev2)
        #expect(saved == ["saved the draft to d.order"], "\(saved)")
        #expect(try await shell.enter("new cs", expecting: cs3).isEmpty)

        // load warns too; a draft just loaded is kept.
        #expect(try await shell.enter("validity 1", expecting: cs2).isEmpty)
        let loaded = try await shell.enter("load d.order", expecting: ev2)
        #expect(loaded == ["warning: 'load' replaces the draft (cs · 2 errors), which was not saved; 'save FILE' keeps a draft"], "\(loaded)")
        #expect(try await shell.enter("load d.order", expecting: ev2).isEmpty)
        #expect(try await shell.leave() == 0)
    }

    @Test("a live endpoint is red in the prompt; the sandbox is not; NO_COLOR turns it off")
    func liveEndpointIsRed() async throws {
        let world = try CLIWorld()
        let prompt = ShellDriver.prompt("no draft", endpoint: "us")
        for noColour in ["", "1"] {
            let tmux = try TmuxSession(
                command: [try CLIPackage.certorder(), "--endpoint", "us"],
                // A key that is never sent: us needs one to be selected; nothing here makes a request.
                environment: ["XDG_STATE_HOME": world.stateHome, "CERTORDER_JOURNAL": world.journal,
                              "DIGICERT_API_KEY": "certorder-test-key-that-is-never-sent-0123456789abcdef",
                              "NO_COLOR": noColour, "TERM": "screen"],
                width: 120, height: 20, workingDirectory: world.path)
            defer { tmux.kill() }
            try tmux.waitFor(prompt)
            let screen = try tmux.captureWithEscapes()
            let line = try #require(screen.split(separator: "\n").first { $0.contains("certorder [") }.map(String.init), "\(screen)")
            if noColour.isEmpty {
                // Red (SGR 31) just before the endpoint's name, and reset after it.
                #expect(line.firstMatch(of: /· \x1B\[[0-9;]*31m(\x1B\[[0-9;]*m)*us\x1B\[[0-9;]*m/) != nil, "\(line.debugDescription)")
                // The cursor stands right after the visible prompt: the escapes take no columns.
                #expect(try tmux.cursor().column == prompt.count, "\(line.debugDescription)")
                try tmux.sendKeys(.text("endpoint sandbox"), .enter)
                try tmux.waitFor(ShellDriver.prompt("no draft"))
                let sandbox = try tmux.captureWithEscapes().split(separator: "\n").last { $0.contains("certorder [") }.map(String.init) ?? ""
                #expect(!sandbox.contains("\u{1B}["), "\(sandbox.debugDescription)")
            } else {
                #expect(!line.contains("\u{1B}["), "NO_COLOR=1: \(line.debugDescription)")
            }
        }
    }
}
