import Foundation
import Testing

/// Issue 13's hostile inputs (findings 7, 8, 11 and the input ones of 14), each given to the
/// built `certorder` as a user would: every one ends with a located error and an exit status,
/// never a crash, a hang, gigabytes of memory or megabytes of output. `scripts/hostile-inputs`
/// measures the same inputs' time and memory (Docs/Safety.md, "Hostile input").
@Suite("certorder on hostile input")
struct HostileInputTests {
    /// `certorder ARGUMENTS` run by `/bin/sh` with its stdin redirected as `redirect` says
    /// (`< /tmp`, `<&-`), which ``CLIWorld/certorder(_:stdin:environment:timeout:)`` cannot do.
    static func certorder(_ world: CLIWorld, _ arguments: [String], redirect: String) async throws -> CLIResult {
        try await world.run("/bin/sh", ["-c", "exec \"$@\" \(redirect)", "sh", try CLIPackage.certorder()] + arguments)
    }

    @Test("finding 7: a list nested 3,000 deep is a located error, in compile and in the shell")
    func finding7DeepListIsALocatedError() async throws {
        let world = try CLIWorld()
        let deep = "let a = " + String(repeating: "[", count: 3000) + String(repeating: "]", count: 3000) + "\n"
        let result = try await world.certorder("compile", script: "deep.order", deep)
        #expect(result.refused("deep.order:1:73: error: lists nest more than 64 deep; flatten the value\n"), "\(result)")
        #expect(result.stderr.utf8.count < 2_000)

        let shell = try await world.certorder([], stdin: deep)
        #expect(shell.status == 65, "\(shell)")
        #expect(shell.stderr.contains(":1:73: error: lists nest more than 64 deep"), "\(shell)")
    }

    @Test("finding 7: stdin a directory or closed is exit 66 with a message, not a trap")
    func finding7StdinDirectoryOrClosed() async throws {
        let world = try CLIWorld()
        for command in [["compile", "-"], ["run", "-"], ["check", "-"]] {
            let directory = try await Self.certorder(world, command, redirect: "< /tmp")
            #expect(directory.status == 66, "\(directory)")
            #expect(directory.stderr == "error: cannot read standard input: it is a directory\n", "\(directory)")
            let closed = try await Self.certorder(world, command, redirect: "<&-")
            #expect(closed.status == 66, "\(closed)")
            #expect(closed.stderr == "error: cannot read standard input: it is closed\n", "\(closed)")
        }
    }

    @Test("finding 7: compile - < /dev/zero stops at 16 MiB with exit 65")
    func finding7EndlessStdinIsBounded() async throws {
        let world = try CLIWorld()
        let result = try await Self.certorder(world, ["compile", "-"], redirect: "< /dev/zero")
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr == "error: cannot read standard input: it is larger than 16 MiB, the most a script or data file may have\n")
    }

    @Test("finding 8: 30 KB of NUL bytes give 100 errors, then 'too many errors', in a few KB")
    func finding8NulBytesAreCapped() async throws {
        let world = try CLIWorld()
        let result = try await world.certorder("check", script: "nul.order", String(repeating: "\0", count: 30_000))
        #expect(result.status == 65)
        #expect(result.stderr.utf8.count < 100_000, "\(result.stderr.utf8.count) bytes")
        #expect(result.stderr.contains("nul.order:1:101: error: too many errors (100); stopping here\n"))
        #expect(result.stderr.hasSuffix("\n101 errors\n"))
    }

    @Test("finding 8: a 2 MB line of errors echoes at most ~200 columns per diagnostic")
    func finding8LongLinesAreEchoedAroundTheCaret() async throws {
        let world = try CLIWorld()
        let result = try await world.certorder("check", script: "long.order", "city " + String(repeating: "a", count: 2_000_000) + " ' x\n")
        #expect(result.status == 65)
        let lines = result.stderr.cliLines
        #expect(lines.allSatisfy { $0.count <= 210 }, "\(lines.map(\.count))")
        #expect(lines.first == "long.order:1:2000007: error: unexpected \"'\"; strings use double quotes: \"...\""
                || lines.first?.hasPrefix("long.order:1:2000007: error: ") == true, "\(lines.prefix(3))")
        // The caret is under the quote in the echoed window.
        if lines.count >= 3 {
            let echo = Array(lines[1]), caret = lines[2]
            let column = caret.firstIndex(of: "^").map { caret.distance(from: caret.startIndex, to: $0) } ?? -1
            #expect(column >= 0 && column < echo.count && echo[column] == "'", "\(lines[1])\n\(caret)")
        }
    }

    @Test("finding 8: 100,000 '${' in one string: 100 errors, no gigabytes")
    func finding8ManyInterpolationsAreCapped() async throws {
        let world = try CLIWorld()
        let result = try await world.certorder("check", script: "interpolations.order", "let a = \"" + String(repeating: "${", count: 100_000) + "\"\n")
        #expect(result.status == 65)
        #expect(result.stderr.utf8.count < 100_000)
        #expect(result.stderr.contains("error: too many errors (100); stopping here\n"))
    }

    @Test("finding 8: 40 doubling lists stop at the value size cap")
    func finding8DoublingListsStopAtTheSizeCap() async throws {
        let world = try CLIWorld()
        var script = "let a0 = [x, x]\n"
        for i in 1...40 { script += "let a\(i) = [$a\(i - 1), $a\(i - 1)]\n" }
        let result = try await world.certorder("compile", script: "doubling.order", script + "order cs < organization $a40 >\n")
        #expect(result.refused("doubling.order:19:11: error: this list holds more than 1000000 items (counting nested lists); a value may be at most that large\n"), "\(result)")
    }

    @Test("finding 8: 40 doubling strings stop at the text length cap")
    func finding8DoublingStringsStopAtTheLengthCap() async throws {
        let world = try CLIWorld()
        var script = "let a0 = \"xy\"\n"
        for i in 1...40 { script += "let a\(i) = \"${a\(i - 1)}${a\(i - 1)}\"\n" }
        let result = try await world.certorder("check", script: "doubling.order", script)
        #expect(result.refused("doubling.order:21:18: error: this string is longer than 1 MiB once its variables are put in; a value may be at most that long\n"), "\(result)")
    }

    @Test("finding 8: 30 nested loops over two values stop at the step limit")
    func finding8NestedLoopsStopAtTheStepLimit() async throws {
        let world = try CLIWorld()
        let script = (0..<30).map { "for v\($0) in [1, 2] < " }.joined() + String(repeating: "> ", count: 30) + "\n"
        let result = try await world.certorder("check", script: "loops.order", script, timeout: .seconds(300))
        #expect(result.status == 65)
        #expect(result.stderr.contains("error: the script runs more than 5000000 steps (statements, loop iterations and list items); it probably loops far more than intended\n"),
                "\(result)")
        #expect(result.stderr.hasSuffix("\n1 error\n"))
    }

    @Test("finding 11: a script with CR-only line ends compiles as with LF (and CRLF)")
    func finding11CarriageReturnsEndLines() async throws {
        let world = try CLIWorld()
        let text = try CLIPackage.read("Examples/documented-ev.order")
        try world.write("cr.order", text.replacingOccurrences(of: "\n", with: "\r"))
        try world.write("crlf.order", text.replacingOccurrences(of: "\n", with: "\r\n"))
        for name in ["cr.order", "crlf.order"] {
            let result = try await world.certorder(["compile", name])
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout == CLIFixtures.documentedPayload)
            #expect(result.stderr == CLIFixtures.documentedWarnings(name))
        }
        // line:column stay right: the error is on line 3, column 3.
        let bad = try await world.certorder("check", script: "bad.order", "# a comment\rorder cs <\r  organizaton 123456\r>\r")
        #expect(bad.refused("bad.order:3:3: error: "), "\(bad)")
        #expect(bad.stderr.contains("\n  organizaton 123456\n  ^^^^^^^^^^^\n"), "\(bad)")
    }

    @Test("finding 14: include of /dev/zero or a FIFO: not a regular file")
    func finding14IncludeOfADeviceOrFIFO() async throws {
        let world = try CLIWorld()
        let zero = try await world.certorder("check", script: "zero.order", "include \"/dev/zero\"\n")
        #expect(zero.refused("zero.order:1:9: error: cannot read '/dev/zero': it is not a regular file\n"), "\(zero)")

        #expect(mkfifo(world.path + "/pipe", 0o600) == 0)
        let fifo = try await world.certorder("check", script: "fifo.order", "include \"pipe\"\n", timeout: .seconds(30))
        #expect(fifo.refused("fifo.order:1:9: error: cannot read 'pipe': it is not a regular file\n"), "\(fifo)")
    }

    @Test("finding 14: a NUL byte inside a string is refused at its place")
    func finding14NulInAStringIsRefused() async throws {
        let world = try CLIWorld()
        let result = try await world.certorder("compile", script: "nul.order", "order cs <\n  comments \"a\0b\"\n>\n")
        #expect(result.refused("nul.order:2:14: error: a string cannot contain a NUL byte (0x00); remove it\n"), "\(result)")
        #expect(result.stdout == "")
    }

    @Test("finding 14: certorder < /tmp (the shell, stdin a directory) is an error")
    func finding14ShellWithStdinADirectory() async throws {
        let world = try CLIWorld()
        let result = try await Self.certorder(world, [], redirect: "< /tmp")
        #expect(result.status == 66, "\(result)")
        #expect(result.stderr == "error: cannot read standard input: it is a directory\n")
    }

    @Test("finding 14: sandbox --port above 65535 is refused")
    func finding14SandboxPortRange() async throws {
        let world = try CLIWorld()
        for port in ["65536", "65537", "-1"] {
            let result = try await world.certorder(["sandbox", "--port=\(port)"])
            #expect(result.status == 64, "\(result)")
            #expect(result.stderr.contains("--port must be between 0 and 65535 (0 picks a free one); got \(port)"), "\(result)")
        }
    }

    @Test("finding 14: a 65-deep recipe chain reports the depth limit, not a cycle")
    func finding14DeepRecipeChain() async throws {
        let world = try CLIWorld()
        var script = ""
        for i in 0..<65 { script += "recipe r\(i) < use r\(i + 1) >\n" }
        script += "recipe r65 < >\norder cs < use r0 >\n"
        let result = try await world.certorder("check", script: "chain.order", script)
        #expect(result.refused("chain.order:64:18: error: recipes use one another more than 64 deep (r0 → … → r64); flatten the chain\n"), "\(result)")
        #expect(!result.stderr.contains("uses itself"))
    }
}
