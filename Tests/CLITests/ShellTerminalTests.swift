import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The interactive shell in a real pseudo-terminal (tmux), as a user types at it.
@Suite("Shell in a terminal", .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct ShellTerminalTests {
    static let ev3 = ShellDriver.prompt("ev · 3 errors")
    static let evValid = ShellDriver.prompt("ev · valid")

    @Test("a multi-line order typed in continues with '      ...> ', then json prints the exact payload")
    func multiLineOrderThenJSON() async throws {
        let world = try CLIWorld()
        let shell = try await ShellDriver.start(world: world)
        // The documented example, as a user types it: one line at a time.
        let lines = try CLIPackage.read("Examples/documented-ev.order").cliLines.filter { !$0.hasPrefix("#") }
        #expect(lines.count == 22)
        for (index, line) in lines.enumerated() {
            let isLast = index == lines.count - 1
            let output = try await shell.enter(line, expecting: isLast ? Self.evValid : ShellDriver.continuation)
            if !isLast { #expect(output.isEmpty, "line \(index + 1) printed \(output)") }
        }
        // The entry shows as typed, the first line after the prompt, the rest after the continuation prompt.
        let rows = try shell.rows()
        #expect(rows[1] == ShellDriver.noDraft + "order code_signing_ev <")
        #expect(rows[2] == ShellDriver.continuation + "  certificate <")
        #expect(rows[22] == ShellDriver.continuation + ">")

        let json = try await shell.enter("json", expecting: Self.evValid)
        #expect(json.joined(separator: "\n") + "\n" == CLIFixtures.documentedPayload)
        #expect(try await shell.leave() == 0)
    }

    @Test("Tab completes a statement, then a value; a list when ambiguous")
    func tabCompletion() async throws {
        let world = try CLIWorld()
        let shell = try await ShellDriver.start(world: world)
        let prompt = ShellDriver.noDraft
        try shell.tmux.type("prov")
        try await shell.waitForLine(prompt + "prov")
        try shell.tmux.sendKeys(.tab)
        // One candidate: the word and a space, the cursor after it.
        try await shell.waitForLine(prompt + "provisioning", cursorColumn: (prompt + "provisioning ").count)
        try shell.tmux.type("sh")
        try shell.tmux.sendKeys(.tab)
        try await shell.waitForLine(prompt + "provisioning ship_token", cursorColumn: (prompt + "provisioning ship_token ").count)
        try shell.tmux.sendKeys(.controlC)
        try await shell.waitForPrompt(prompt)

        // Several candidates: listed under the line, which is drawn again as it was.
        try shell.tmux.type("p")
        let typedRow = try await shell.waitForLine(prompt + "p")
        try shell.tmux.sendKeys(.tab)
        try await shell.waitForCursor(row: typedRow + 2)
        let redrawn = try await shell.waitForLine(prompt + "p")
        #expect(redrawn == typedRow + 2)
        let rows = try shell.rows()
        #expect(rows[typedRow] == prompt + "p")
        #expect(rows[typedRow + 1] == "payment         payment_method  plan            platform        provisioning")
        try shell.tmux.sendKeys(.controlC)
        try await shell.waitForPrompt(prompt)

        // Values after 'new' (products, by their short names too) and after 'method' inside a block.
        try await shell.expectCompletion(of: "new e", to: "new ev", after: prompt)
        // On a continuation line, the entry's earlier lines give the context.
        try await shell.enter("order ev <", expecting: ShellDriver.continuation)
        // Inside the open order only statements: 'sh' is 'ship' or 'ship_info', not 'show'.
        try shell.tmux.type("  sh")
        let continuationRow = try await shell.waitForLine(ShellDriver.continuation + "  sh")
        try shell.tmux.sendKeys(.tab)
        try await shell.waitForCursor(row: continuationRow + 2)
        try await shell.waitForLine(ShellDriver.continuation + "  ship")
        let listed = try shell.rows()[continuationRow + 1]
        #expect(listed.split(separator: " ") == ["ship", "ship_info"], "\(listed)")
        try shell.tmux.sendKeys(.controlC)
        try await shell.waitForPrompt(prompt)
        try await shell.expectCompletion(of: "order ev < ship < method e", to: "order ev < ship < method expedited", after: prompt)
        #expect(try await shell.leave() == 0)
    }

    @Test("Up recalls the last entry, in the session and after a restart; history is 0600 under $XDG_STATE_HOME")
    func historyAcrossRestarts() async throws {
        let world = try CLIWorld()
        do {
            let shell = try await ShellDriver.start(world: world)
            try await shell.enter("new ev", expecting: Self.ev3)
            try await shell.enter("order ev <", expecting: ShellDriver.continuation)
            try await shell.enter("validity 1", expecting: ShellDriver.continuation)
            try await shell.enter(">", expecting: ShellDriver.prompt("ev · 2 errors"))
            try await shell.enter("organization 42", expecting: ShellDriver.prompt("ev · 1 error"))
            try shell.tmux.sendKeys(.up)
            try await shell.waitForLine(ShellDriver.prompt("ev · 1 error") + "organization 42")
            try shell.tmux.sendKeys(.controlC)
            try await shell.waitForPrompt(ShellDriver.prompt("ev · 1 error"))
            #expect(try await shell.leave() == 0)
        }

        var info = stat()
        #expect(stat(world.historyFile, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        let saved = try String(contentsOfFile: world.historyFile, encoding: .utf8)
        #expect(saved.hasPrefix("_HiStOrY_V2_\n"))

        let shell = try await ShellDriver.start(world: world)
        try shell.tmux.sendKeys(.up)
        try await shell.waitForLine(ShellDriver.noDraft + "organization 42")
        try shell.tmux.sendKeys(.up)
        // The multi-line entry came back as one entry, over its three lines.
        try await shell.waitForLine(">", cursorColumn: 1)
        let rows = try shell.rows()
        #expect(Array(rows[1...3]) == [ShellDriver.noDraft + "order ev <", "validity 1", ">"])
        try shell.tmux.sendKeys(.up)
        try await shell.waitForLine(ShellDriver.noDraft + "new ev")
        try shell.tmux.sendKeys(.enter)
        try await shell.waitForPrompt(Self.ev3)
        // The entries in order, the multi-line one as one entry, the recalled 'new ev' again, and
        // 'history' itself.
        let history = try await shell.enter("history", expecting: Self.ev3)
        #expect(history == [
            "   1  new ev",
            "   2  order ev <",
            "      validity 1",
            "      >",
            "   3  organization 42",
            "   4  new ev",
            "   5  history",
        ])
        #expect(try await shell.leave() == 0)
    }

    @Test("Ctrl-C drops a half-typed line and the session goes on; Ctrl-D leaves with status 0")
    func controlCAndControlD() async throws {
        let world = try CLIWorld()
        let shell = try await ShellDriver.start(world: world)
        try shell.tmux.type("new cs")
        try await shell.waitForLine(ShellDriver.noDraft + "new cs")
        try shell.tmux.sendKeys(.controlC)
        try await shell.waitForPrompt(ShellDriver.noDraft)
        #expect(try shell.rows()[shell.promptRow - 1] == ShellDriver.noDraft + "new cs^C")

        // In the middle of a multi-line entry, the whole entry goes.
        try await shell.enter("order ev <", expecting: ShellDriver.continuation)
        try shell.tmux.type("validity 1")
        try await shell.waitForLine(ShellDriver.continuation + "validity 1")
        try shell.tmux.sendKeys(.controlC)
        try await shell.waitForPrompt(ShellDriver.noDraft)

        // Nothing of either reached the draft; the shell still answers.
        let answer = try await shell.enter("json", expecting: ShellDriver.noDraft)
        #expect(answer == ["<input>:1:1: error: there is no draft yet; start one with 'new ev', 'order cs < … >' or 'load FILE'", "json", "^^^^", ""])
        try shell.tmux.type("new c")
        try shell.tmux.sendKeys(.controlD)  // not empty: Ctrl-D does not leave
        try shell.tmux.sendKeys(.controlC)
        try await shell.waitForPrompt(ShellDriver.noDraft)
        #expect(try await shell.leave() == 0)
        let rows = try shell.rows()
        #expect(rows[shell.promptRow] == ShellDriver.noDraft + "^D")
    }

    @Test("the prompt shows the draft's product, its error count and the endpoint as the draft changes")
    func promptFollowsTheDraft() async throws {
        let world = try CLIWorld()
        let shell = try await ShellDriver.start(world: world)
        try await shell.enter("new ev", expecting: ShellDriver.prompt("ev · 3 errors"))
        try await shell.enter("certificate < hash sha256 >", expecting: ShellDriver.prompt("ev · 2 errors"))
        try await shell.enter("validity 1", expecting: ShellDriver.prompt("ev · 1 error"))
        try await shell.enter("organization 42", expecting: ShellDriver.prompt("ev · valid"))
        try await shell.enter("unset organization.id", expecting: ShellDriver.prompt("ev · 1 error"))
        try await shell.enter("new cs", expecting: ShellDriver.prompt("cs · 3 errors"))
        let switched = try await shell.enter("endpoint http://127.0.0.1:9/services/v2", expecting: ShellDriver.prompt("cs · 3 errors", endpoint: "127.0.0.1:9"))
        #expect(switched == ["endpoint: http://127.0.0.1:9/services/v2"])
        try await shell.enter("endpoint sandbox", expecting: ShellDriver.prompt("cs · 3 errors"))
        #expect(try await shell.leave() == 0)
    }

    @Test("an error shows a caret under its column and leaves the draft as it was")
    func errorWithCaretLeavesDraft() async throws {
        let world = try CLIWorld()
        let shell = try await ShellDriver.start(world: world)
        try await shell.enter("new ev; organization 42", expecting: ShellDriver.prompt("ev · 2 errors"))
        let error = try await shell.enter("provisioning shipp", expecting: ShellDriver.prompt("ev · 2 errors"))
        #expect(error == [
            "<input>:1:14: error: 'provisioning' must be ship_token, client_app or email; got 'shipp'",
            "provisioning shipp",
            "             ^^^^^",
            "",
        ])
        // A line with an error changes nothing, not even its statements that were fine.
        let second = try await shell.enter("validity 1; provisioning email; hash md5", expecting: ShellDriver.prompt("ev · 2 errors"))
        #expect(second.first == "<input>:1:33: error: 'hash' belongs inside a certificate block: certificate < hash sha256 >")
        #expect(Array(second.dropFirst()) == [
            "validity 1; provisioning email; hash md5",
            "                                ^^^^",
            "",
        ])
        let json = try await shell.enter("json", expecting: ShellDriver.prompt("ev · 2 errors"))
        #expect(json == ["{", "  \"certificate\": {},", "  \"organization\": {", "    \"id\": 42", "  }", "}"])
        #expect(try await shell.leave() == 0)
    }

    @Test("send on a terminal shows the cost summary and asks: n sends nothing, y places the order")
    func sendAsks() async throws {
        let world = try CLIWorld(copying: "Examples/documented-ev.order")
        let shell = try await ShellDriver.start(world: world)
        try await shell.enter("load documented-ev.order", expecting: Self.evValid)
        let question = "Send this order? [y/N] "
        let summary = try await shell.enter("send", expecting: question)
        #expect(summary == [
            "About to order:",
            "  product       code_signing_ev",
            "  validity      1 year",
            "  provisioning  ship_token",
            "  shipping      EXPEDITED to Erin Guerra, Richmond US",
            "  payment       balance",
            "  endpoint      sandbox",
            "  price         1 × code_signing_ev, 1 year: 699.00 USD",
            "  balance       10000.00 USD, 9301.00 USD after this order",
        ])
        #expect(try await shell.enter("n", expecting: Self.evValid) == ["not sent; the draft is unchanged"])
        #expect(try await shell.enter("orders", expecting: Self.evValid) == ["the journal is empty: nothing was sent yet"])

        #expect(try await shell.enter("send", expecting: question) == summary)
        let placed = try await shell.enter("y", expecting: Self.evValid)
        #expect(placed.count == 4)
        #expect(placed.first?.wholeMatch(of: /placed order 112233 \(journal #1, alternative id certorder-[0-9a-f-]{36}\)/) != nil,
                "\(placed)")
        #expect(Array(placed.dropFirst()) == [
            "  request 113: approved",
            "  certificate 113",
            "next: status 112233  # DigiCert validates and issues",
        ])
        let orders = try await shell.enter("orders", expecting: Self.evValid)
        #expect(orders.count == 2)
        #expect(orders.first == "#  time                  endpoint  product          state   order   requests      label")
        #expect(orders.last?.firstMatch(of: /^1  \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ  sandbox   code_signing_ev  placed  112233  113:approved/) != nil,
                "\(orders)")
        #expect(try await shell.leave() == 0)
    }
}
