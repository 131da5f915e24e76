import Foundation
import Testing

/// Issue 17, item 9: `json > FILE`, `export FORMAT > FILE`, `orders --json >> FILE` in the shell
/// (typed and piped) and in a script run by `certorder run`: the file holds exactly what the
/// command would have printed, is written `0600` and whole, and is refused when it is a symbolic
/// link.
@Suite("Shell output redirection")
struct ShellRedirectionTests {
    /// The permission bits of a file of the world.
    static func mode(_ world: CLIWorld, _ name: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: world.path + "/" + name)
        return (attributes[.posixPermissions] as? Int) ?? -1
    }

    @Test("piped: json > FILE holds the payload, >> adds to the end, export > FILE the snippet; all 0600, stdout empty")
    func piped() async throws {
        let world = try CLIWorld()
        let order = try CLIPackage.read("Examples/documented-ev.order")
        let printed = try await world.certorder([], stdin: order + "\nexport curl\n")
        #expect(printed.status == 0 && printed.stdout.hasPrefix("#!"), "\(printed)")
        // A file that was there (0644, other text) is replaced, and becomes 0600.
        try world.write("order.json", "an older payload\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: world.path + "/order.json")

        let result = try await world.certorder([], stdin: order + """

            json > order.json
            json >> both.json
            json >> both.json
            export curl > "place order.sh"

            """)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "" && result.stderr == "", "\(result)")
        #expect(try world.read("order.json") == CLIFixtures.documentedPayload)
        #expect(try world.read("both.json") == CLIFixtures.documentedPayload + CLIFixtures.documentedPayload)
        #expect(try world.read("place order.sh") == printed.stdout)
        for file in ["order.json", "both.json", "place order.sh"] {
            #expect(try Self.mode(world, file) == 0o600, "\(file)")
        }
    }

    @Test("a missing file name is an error at the '>' with line:column; a command that prints no data refuses '>'")
    func syntaxErrors() async throws {
        let world = try CLIWorld()
        let missing = try await world.certorder([], stdin: "new ev\njson >\n")
        #expect(missing.status == 65, "\(missing)")
        #expect(missing.stdout == "")
        #expect(missing.stderr == """
            <stdin>:2:6: error: '>' needs a file name after it: json > order.json
            json >
                 ^


            """)
        let send = try await world.certorder([], stdin: "new ev\nsend > sent.txt\n")
        #expect(send.status == 65, "\(send)")
        #expect(send.stderr.hasPrefix("<stdin>:2:6: error: 'send' prints no data to write to a file; '>' follows show, json, "), "\(send)")
        #expect(!FileManager.default.fileExists(atPath: world.path + "/sent.txt"))
    }

    @Test("a symbolic link is refused (exit 64) and what it points to is untouched; a failed command leaves the file as it was")
    func refusals() async throws {
        let world = try CLIWorld()
        try world.write("target.json", "keep\n")
        try FileManager.default.createSymbolicLink(atPath: world.path + "/link.json", withDestinationPath: "target.json")
        let linked = try await world.certorder([], stdin: "new ev\njson > link.json\n")
        #expect(linked.status == 64, "\(linked)")
        #expect(linked.stderr == """
            <stdin>:2:8: error: link.json is a symbolic link; certorder does not write through one: name the file itself
            json > link.json
                   ^^^^^^^^^


            """)
        #expect(try world.read("target.json") == "keep\n")

        try world.write("kept.json", "before\n")
        let failed = try await world.certorder([], stdin: "json > kept.json\n")
        #expect(failed.status == 65, "\(failed)")
        #expect(failed.stderr.hasPrefix("<stdin>:1:1: error: there is no draft yet"), "\(failed)")
        #expect(try world.read("kept.json") == "before\n")
    }

    @Test("a script run by certorder run writes its file, relative to the current folder")
    func script() async throws {
        let world = try CLIWorld()
        let order = try CLIPackage.read("Examples/documented-ev.order")
        let result = try await world.certorder("run", script: "redirect.order", order + "\njson > out.json\n")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "", "\(result)")
        #expect(try world.read("out.json") == CLIFixtures.documentedPayload)
    }

    @Test("typed at a terminal: json > FILE prints nothing and writes the payload; a block with '> FILE' inside continues until '>'",
          .enabled(if: TmuxSession.isAvailable, "needs tmux"))
    func terminal() async throws {
        let world = try CLIWorld(copying: "Examples/documented-ev.order")
        let shell = try await ShellDriver.start(world: world)
        let valid = ShellDriver.prompt("ev · valid")
        #expect(try await shell.enter("load documented-ev.order", expecting: valid).isEmpty)
        #expect(try await shell.enter("json > order.json", expecting: valid).isEmpty)
        #expect(try world.read("order.json") == CLIFixtures.documentedPayload)
        #expect(try Self.mode(world, "order.json") == 0o600)

        #expect(try await shell.enter("for copy in [1, 2] <", expecting: ShellDriver.continuation).isEmpty)
        #expect(try await shell.enter("  json >> copies.json", expecting: ShellDriver.continuation).isEmpty)
        #expect(try await shell.enter(">", expecting: valid).isEmpty)
        #expect(try world.read("copies.json") == CLIFixtures.documentedPayload + CLIFixtures.documentedPayload)

        let missing = try await shell.enter("json >", expecting: valid)
        #expect(missing.first == "<input>:1:6: error: '>' needs a file name after it: json > order.json", "\(missing)")
        // Leaving a terminal session is 0 whatever failed on the way (each error was shown).
        #expect(try await shell.leave() == 0)
    }
}
