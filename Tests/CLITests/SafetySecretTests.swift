import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The API key never leaves the process except in `X-DC-DEVKEY`: a whole session run with a known
/// key leaves it in no output, no history, no journal byte (WAL included), no export, no saved
/// script and no sandbox state; a key file others can read is refused.
@Suite("The API key is leaked nowhere")
struct SafetySecretTests {
    /// Every file under the test's directory — the runs' stdout and stderr, the history, the
    /// journal and its -wal, exports, saved scripts, the sandbox's state — without `secrets`.
    /// Answers the paths scanned.
    @discardableResult
    static func expectNowhere(_ secrets: [String], in dir: SafetyDirectory, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        let files = dir.allFiles()
        for (path, bytes) in files {
            for secret in secrets {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "the key is in \(path)", sourceLocation: sourceLocation)
            }
            // The redactor never had to mask anything: the key never even reached the console.
            #expect(bytes.range(of: Data("‹redacted›".utf8)) == nil, "a masked key is in \(path)", sourceLocation: sourceLocation)
        }
        return files.map(\.path)
    }

    @Test func aWholeScriptedSessionLeavesTheKeyNowhere() async throws {
        let dir = try SafetyDirectory()
        let key = "dc-canary-\(UUID().uuidString.lowercased())-leakcheck"
        let typedKey = "dc-typed-\(UUID().uuidString.lowercased())-leakcheck"
        let cli = try SafetyCLI(dir, environment: ["DIGICERT_API_KEY": key])
        let sandboxState = dir.path + "/sandbox/state.json"
        // The sandbox accepts these two keys only, so every send below proves the key was used.
        // Their file lies outside `dir`, which is scanned for them.
        let keysDirectory = try SafetyDirectory()
        let keysFile = try keysDirectory.write("accepted-keys", "\(key)\n\(typedKey)\n")
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit", "--state", sandboxState, "--accepted-keys-file", keysFile])
        let wrongKey = try await cli.run(["--endpoint", sandbox.baseURL, "-c", "orgs"], environment: ["DIGICERT_API_KEY": "not-the-key"])
        #expect(wrongKey.status != 0 && wrongKey.stderr.contains("401"), "the sandbox must refuse another key: \(wrongKey)")
        let saved = dir.path + "/saved/draft.order"
        try FileManager.default.createDirectory(atPath: dir.path + "/saved", withIntermediateDirectories: true)

        // 1. A piped session: new, set, send, status, approve, exports, save, orders, history…
        let script = """
            new ev
            set hash sha256
            set validity 1
            set organization 123456
            set container 654321
            set provisioning ship_token
            ship < name "Kim Lee"; addr1 "1 Main Street"; city Richmond; state va; zip "23219"; country us; method standard >
            custom_field 12 "CC-7"
            validate
            send --yes
            status 112233
            approve 113
            status 112233
            export curl
            export python
            export swift
            export order
            save \(saved)
            orders
            orders show 1
            reconcile
            fields
            orgs
            containers
            history
            json

            """
        let piped = try await cli.run(["--endpoint", sandbox.baseURL], input: script)
        #expect(piped.status == 0, "\(piped)")
        for line in ["placed order 112233 (journal #1", "request 113 approved", "order 112233: issued · code_signing_ev · certificate 113",
                     "X-DC-DEVKEY: ${DIGICERT_API_KEY}", "os.environ.get(\"DIGICERT_API_KEY\")", "saved the draft to \(saved)",
                     "nothing to reconcile on \(sandbox.baseURL)", "123456  Example Org"] {
            #expect(piped.stdout.contains(line), "missing \(line.debugDescription): \(piped)")
        }

        // 2. The CLI: exports to files, send of the saved script (a duplicate), the journal.
        for format in ["curl", "python", "go", "node", "swift", "order"] {
            let export = try await cli.run(["export", saved, "--format", format])
            #expect(export.status == 0, "\(export)")
            try dir.write("exports/order.\(format)", export.stdout)
        }
        let duplicate = try await cli.run(["send", saved, "--endpoint", sandbox.baseURL])
        #expect(duplicate.status == 65, "\(duplicate)")
        #expect(try await cli.journal().count == 1)
        let reconcile = try await cli.run(["reconcile", "--endpoint", sandbox.baseURL])
        #expect(reconcile.status == 0, "\(reconcile)")

        // 3. An interactive session in a terminal: a second key typed at `key` (not echoed), a
        //    confirmed send, then the files are scanned while the journal is open (its -wal exists).
        let order = try dir.write("interactive.order", safetyOrderScript(name: "Ines Duarte"))
        let executable = cli.executable, port = sandbox.port, baseURL = sandbox.baseURL
        let environment = ["HOME": dir.path, "XDG_STATE_HOME": dir.stateHome, "CERTORDER_JOURNAL": dir.journal,
                           "NO_COLOR": "1", "DIGICERT_API_KEY": key, "CERTORDER_TIMEOUT": ""]
        // TmuxSession waits by blocking: it runs on threads of its own.
        let tmux = try await safetyOffThePool {
            let tmux = try TmuxSession(command: [executable, "--endpoint", baseURL], environment: environment, width: 160, height: 400)
            do {
                try tmux.waitFor("]> ")
                try tmux.enter("load \(order)", thenWaitFor: "[ev · valid · 127.0.0.1:\(port)]> ")
                try tmux.enter("key", thenWaitFor: "API key (not echoed): ")
                try tmux.enter(typedKey, thenWaitFor: "key set for this session (kept in memory only)")
                try tmux.enter("send", thenWaitFor: "Send this order? [y/N] ")
                try tmux.enter("y", thenWaitFor: "placed order 112234 (journal #2")
                try tmux.enter("orders", thenWaitFor: "placed/issued")
            } catch {
                tmux.kill()
                throw error
            }
            return SafetyBox(tmux)
        }
        defer { tmux.value.kill() }

        let scannedOpen = Set(Self.expectNowhere([key, typedKey], in: dir))
        #expect(scannedOpen.contains(dir.journal + "-wal"), "the journal's WAL must be scanned while it is open")

        let (exit, screen) = try await safetyOffThePool {
            try tmux.value.type("history")
            try tmux.value.sendKeys(.enter)
            try tmux.value.waitFor("history")
            try tmux.value.type("quit")
            try tmux.value.sendKeys(.enter)
            let exit = try tmux.value.waitForExit()
            return (exit, try tmux.value.capture())
        }
        #expect(exit == 0)
        #expect(!screen.contains(key) && !screen.contains(typedKey), "the key is on the screen:\n\(screen)")
        #expect(!screen.contains("‹redacted›"))
        #expect(screen.contains("About to order:"), "\(screen)")

        // The history was written (libedit's format: `\040` for a space) and holds the session.
        let history = try String(contentsOfFile: dir.history, encoding: .utf8).split(separator: "\n")
        #expect(history.first == "_HiStOrY_V2_", "\(history)")
        #expect(history.contains { $0.hasPrefix("load\\040") } && history.contains("send") && history.contains("orders"), "\(history)")

        let scanned = Set(Self.expectNowhere([key, typedKey], in: dir))
        for expected in [dir.journal, dir.history, sandboxState, saved, dir.path + "/exports/order.curl",
                         dir.path + "/exports/order.python", dir.path + "/exports/order.swift"] {
            #expect(scanned.contains(expected), "\(expected) must exist and be scanned")
        }
        #expect(scanned.contains { $0.hasSuffix(".out") } && scanned.contains { $0.hasSuffix(".err") })
        #expect(try await sandbox.state().orderIDs == [112233, 112234])
    }

    /// `--api-key-file` is refused (exit 64, with the fix) when its group or others may read it,
    /// and used when only its owner may.
    @Test func keyFileReadableByOthersIsRefused() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let key = "dc-file-\(UUID().uuidString.lowercased())-leakcheck"
        let keyFile = try dir.write("secret/key.txt", key + "\n")

        for mode: mode_t in [0o644, 0o640, 0o604, 0o660, 0o606] {
            chmod(keyFile, mode)
            let refused = try await cli.run(["reconcile", "--endpoint", "us", "--api-key-file", keyFile])
            #expect(refused.status == 64, "\(refused)")
            #expect(refused.stdout.isEmpty)
            #expect(refused.stderr == "error: the key file \(keyFile) is readable by others (mode \(String(mode, radix: 8))); run 'chmod 600 \(keyFile)'\n")
        }

        // Without a key the live endpoint is refused; with the owner-only file it is accepted.
        // (reconcile reads the endpoint; orders, which reads only the journal, needs no key.)
        let noKey = try await cli.run(["reconcile", "--endpoint", "us"])
        #expect(noKey.status == 64)
        #expect(noKey.stderr == "error: us is a live endpoint and needs an API key: set DIGICERT_API_KEY, use --api-key-file, or type 'key'\n")
        for mode: mode_t in [0o600, 0o400] {
            chmod(keyFile, mode)
            let accepted = try await cli.run(["reconcile", "--endpoint", "us", "--api-key-file", keyFile])
            #expect(accepted.status == 0, "\(accepted)")
            #expect(accepted.stdout == "nothing to reconcile on us: every send has a known outcome\n")
            #expect(accepted.stderr.isEmpty)
        }

        // Used for a send, the file's key shows up nowhere but in the key file itself.
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit", "--state", dir.path + "/sandbox.json"])
        let order = try dir.write("order.order", safetyOrderScript())
        let sent = try await cli.run(["send", order, "--endpoint", sandbox.baseURL, "--api-key-file", keyFile])
        #expect(sent.status == 0, "\(sent)")
        try FileManager.default.removeItem(atPath: keyFile)
        Self.expectNowhere([key], in: dir)
    }
}
