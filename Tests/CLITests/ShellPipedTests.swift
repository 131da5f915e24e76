import Foundation
import Testing

/// `certorder < session.txt` and `certorder -c '…'`: the shell without a terminal.
@Suite("Piped sessions and -c")
struct ShellPipedTests {
    @Test("a session file gives the same payload as compiling the same order as a script")
    func sessionMatchesCompile() async throws {
        let world = try CLIWorld()
        let script = try world.copy(packageFile: "Examples/documented-ev.order")
        let compiled = try await world.certorder(["compile", script])
        #expect(compiled.status == 0, "\(compiled)")
        #expect(compiled.stdout == CLIFixtures.documentedPayload)

        let session = try CLIPackage.read("Examples/documented-ev.order") + "json\n"
        let piped = try await world.certorder([], stdin: session)
        #expect(piped.status == 0, "\(piped)")
        // No banner, no prompt, no escape codes: only what the commands print.
        #expect(piped.stdout == compiled.stdout)
        // The shell keeps warnings for 'show' and 'validate'.
        #expect(piped.stderr == "")
        // A piped session keeps no history.
        #expect(!FileManager.default.fileExists(atPath: world.historyFile))
    }

    @Test("the one-line form, statements on the draft and set give the same payload")
    func draftCommandsMatch() async throws {
        let world = try CLIWorld()
        let oneLine = try CLIPackage.read("Examples/documented-ev-one-line.order")
        let piped = try await world.certorder([], stdin: oneLine + "\njson\n")
        #expect(piped.status == 0, "\(piped)")
        #expect(piped.stdout == CLIFixtures.documentedPayload)

        let edited = try await world.certorder([], stdin: """
            # the draft, built up statement by statement
            new code_signing_ev
            certificate <
              hash sha256; platform 52
              unit Engineering
            >
            provisioning ship_token; validity 1; comments "Message for the approver"
            skip_approval
            set organization.id 123456
            set container.id 654321
            ship < name "Erin Guerra"; addr1 "360 Taylor Street"; addr2 "Floor 74"; city Richmond; state va; zip "69662"; country us; method expedited >
            auto_renew 1; renewal_message "Renew this please."
            custom_field 12 "123456"
            payment balance
            json

            """)
        #expect(edited.status == 0, "\(edited)")
        #expect(edited.stdout == CLIFixtures.documentedPayload)
    }

    @Test("an error stops the session with exit 65 and a located message")
    func errorStops() async throws {
        let world = try CLIWorld()
        let result = try await world.certorder([], stdin: """
            new ev
            organization 42

            provisioning shipp
            json

            """)
        #expect(result.status == 65)
        #expect(result.stdout == "")  // 'json' never ran
        #expect(result.stderr == """
            <stdin>:4:14: error: 'provisioning' must be ship_token, client_app or email; got 'shipp'
            provisioning shipp
                         ^^^^^


            """)
    }

    @Test("an error in a multi-line entry is located by its line in the session")
    func errorInMultiLineEntry() async throws {
        let world = try CLIWorld()
        let result = try await world.certorder([], stdin: "new cs\norder ev <\n  validity 1\n  payment cash\n>\njson\n")
        #expect(result.status == 65)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("<stdin>:4:11: error: 'payment' must be balance, card or profile; got 'cash'\n  payment cash\n          ^^^^\n"),
                "\(result)")
    }

    @Test("an entry left open at the end of input is an error, not silently dropped")
    func unfinishedEntry() async throws {
        let world = try CLIWorld()
        let result = try await world.certorder([], stdin: "new ev\norder ev <\n  validity 1\n")
        #expect(result.status == 65)
        #expect(result.stderr == """
            <stdin>:2:10: error: the block of 'order' is not closed; add '>' to close it
            order ev <
                     ^


            """)
    }

    @Test("--keep-going goes on after an error; the exit status still says 65")
    func keepGoing() async throws {
        let world = try CLIWorld()
        let session = "new ev\nprovisioning shipp\norganization 42\njson\n"
        let stopped = try await world.certorder([], stdin: session)
        #expect(stopped.status == 65)
        #expect(stopped.stdout == "")

        let result = try await world.certorder(["--keep-going"], stdin: session)
        #expect(result.status == 65)
        #expect(result.stdout == "{\n  \"certificate\": {},\n  \"organization\": {\n    \"id\": 42\n  }\n}\n")
        #expect(result.stderr.hasPrefix("<stdin>:2:14: error: 'provisioning' must be ship_token, client_app or email; got 'shipp'\n"))
    }

    @Test("'quit' and 'exit' end a piped session early with status 0", arguments: ["quit", "exit"])
    func quitEnds(_ command: String) async throws {
        let world = try CLIWorld()
        let result = try await world.certorder([], stdin: "new ev\n\(command)\nprovisioning shipp\n")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "")
        #expect(result.stderr == "")
    }

    @Test("-c runs statements and commands, then exits; an error gives 65 and its column")
    func dashC() async throws {
        let world = try CLIWorld()
        let ok = try await world.certorder(["-c", "new ev; certificate < hash sha256 >; organization 42; json"])
        #expect(ok.status == 0, "\(ok)")
        #expect(ok.stdout == """
            {
              "certificate": {
                "signature_hash": "sha256"
              },
              "organization": {
                "id": 42
              }
            }

            """)
        #expect(ok.stderr == "")

        let failed = try await world.certorder(["-c", "new ev; validity 9"])
        #expect(failed.status == 65)
        #expect(failed.stdout == "")
        #expect(failed.stderr.hasPrefix("<command line>:1:18: error: "), "\(failed)")
        #expect(failed.stderr.contains("\nnew ev; validity 9\n                 ^\n"), "\(failed)")

        let help = try await world.certorder(["-c", "help hash"])
        #expect(help.status == 0)
        #expect(help.stdout == "hash sha256\n  certificate.signature_hash (required; sha256 only).\n  example: hash sha256\n")
    }

    @Test("export in a session prints exactly what 'certorder export' prints", arguments: ["curl", "python", "go", "node", "swift", "order"])
    func exportMatchesCommand(_ format: String) async throws {
        let world = try CLIWorld()
        let script = try world.copy(packageFile: "Examples/documented-ev.order")
        let command = try await world.certorder(["export", script, "--format", format])
        #expect(command.status == 0, "\(command)")
        let session = try await world.certorder([], stdin: try world.read("documented-ev.order") + "export \(format)\n")
        #expect(session.status == 0, "\(session)")
        #expect(session.stdout == command.stdout)
        #expect(session.stdout.hasSuffix("\n") && !session.stdout.hasSuffix("\n\n"))
    }

    @Test("export in a session uses the selected endpoint as the snippet's default")
    func exportUsesEndpoint() async throws {
        let world = try CLIWorld()
        // A key: cc.example.com is off this machine, so live, and selecting it needs one.
        let result = try await world.certorder(["-c", "endpoint https://cc.example.com/services/v2; new cs; export curl"],
                                               environment: ["DIGICERT_API_KEY": "piped-test-key"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("\n  \"${CERTCENTRAL_BASE_URL:-https://cc.example.com/services/v2}/order/certificate/code_signing\" \\\n"))
    }
}
