import Foundation
import Testing

/// Issue 17, item 6: the completion scripts of `certorder --generate-completion-script SHELL`
/// complete files of the right extension and the values of options, driven in a real bash.
@Suite("Completion scripts", .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct CompletionScriptTests {
    @Test("bash, zsh and fish scripts name *.order for script arguments and list the option values")
    func scriptsCarryTheCompletions() async throws {
        let world = try CLIWorld()
        let bash = try await world.certorder(["--generate-completion-script", "bash"])
        #expect(bash.status == 0, "\(bash)")
        #expect(bash.stdout.contains("-fX '!*.@(order)'"), "run and fmt complete *.order")
        #expect(bash.stdout.contains("-fX '!*.@(order|json)'"), "compile, check, send and export complete scripts and JSON payloads")
        #expect(bash.stdout.hasSuffix("complete -o filenames -F _certorder certorder\n"))
        let zsh = try await world.certorder(["--generate-completion-script", "zsh"])
        // compile, check and send take scripts or JSON payloads; fmt only scripts.
        #expect(zsh.status == 0 && zsh.stdout.contains(#"'*:files:_files -g '\''*.order *.json'\'''"#), "\(zsh.stdout.prefix(200))")
        #expect(zsh.stdout.contains(#"'*:paths:_files -g '\''*.order'\'''"#))
        #expect(zsh.stdout.contains("local -ar ___format=('curl' 'python' 'go' 'node' 'swift' 'order')"))
        let fish = try await world.certorder(["--generate-completion-script", "fish"])
        #expect(fish.status == 0 && fish.stdout.contains(#"*.\'order\'"#), "\(fish.stdout.prefix(200))")
        #expect(fish.stdout.contains(#"set -l exts \'order\' \'json\'"#))
        #expect(fish.stdout.contains(#"-l 'endpoint' -d 'Where orders go: sandbox (local, the default), us, eu, or a URL (else $CERTORDER_ENDPOINT, the profile\'s).' -rfka 'sandbox us eu'"#))
    }

    @Test("in a real bash: 'certorder compile Exa⇥' gives Examples/, '--format ⇥⇥' the formats, '--endpoint ⇥⇥' the endpoints")
    func bashCompletesInATerminal() async throws {
        let world = try CLIWorld()
        try world.write("Examples/a.order", "order cs < >\n")
        try world.write("Exact.txt", "not a script\n")
        let bin = world.path + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bin + "/certorder", withDestinationPath: try CLIPackage.certorder())
        let script = try await world.certorder(["--generate-completion-script", "bash"])
        try world.write("certorder.bash", script.stdout)

        let tmux = try TmuxSession(command: ["bash", "--norc", "--noprofile", "-i"],
                                   environment: ["PATH": bin + ":/usr/bin:/bin", "PS1": "$ ", "HOME": world.path, "INPUTRC": "/dev/null"],
                                   width: 160, height: 40, workingDirectory: world.path)
        defer { tmux.kill() }
        try tmux.waitFor("$ ")
        try tmux.enter("source certorder.bash && echo sourced", thenWaitFor: "\nsourced")

        // A script argument: the folder (the only *.order-bearing name), never the .txt file.
        try tmux.type("certorder compile Exa")
        try tmux.sendKeys(.tab)
        try tmux.waitFor("$ certorder compile Examples/")
        try tmux.sendKeys(.control("u"))

        // --format of export: the six formats, listed on a second Tab.
        try tmux.type("certorder export Examples/a.order --format ")
        try tmux.sendKeys(.tab, .tab)
        let formats = try tmux.waitFor("swift")
        for format in ["curl", "python", "go", "node", "swift", "order"] {
            #expect(formats.contains(format), "\(formats)")
        }
        try tmux.sendKeys(.control("u"))
        try tmux.enter("clear", thenWaitFor: "$ ")

        // --endpoint: the named endpoints.
        try tmux.type("certorder status 1 --endpoint ")
        try tmux.sendKeys(.tab, .tab)
        let endpoints = try tmux.waitFor("sandbox")
        #expect(endpoints.contains("us") && endpoints.contains("eu"), "\(endpoints)")
        try tmux.sendKeys(.control("u"))

        // An option value that is one word completes in place: --state of orders.
        try tmux.type("certorder orders --state unk")
        try tmux.sendKeys(.tab)
        try tmux.waitFor("$ certorder orders --state unknown ")
    }
}
