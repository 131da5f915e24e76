import Foundation
import Testing

/// Issue 17, item 7: `scripts/install PREFIX` builds a release binary with the Swift runtime
/// linked statically and installs it with its completions and man page; the binary runs with
/// the toolchain out of `PATH` and `LD_LIBRARY_PATH`.
///
/// A release build of the whole dependency graph takes many minutes on two cores, so this test
/// runs only when asked: `CERTORDER_TEST_INSTALL=1 scripts/test` (or the test binary with it set).
@Suite("scripts/install", .enabled(if: ProcessInfo.processInfo.environment["CERTORDER_TEST_INSTALL"] == "1",
                                   "set CERTORDER_TEST_INSTALL=1: a release build takes minutes"))
struct InstallTests {
    @Test("installs bin, man page and completions; --version names the commit; runs without the toolchain")
    func installedBinaryStandsAlone() async throws {
        let world = try CLIWorld()
        let prefix = world.path + "/prefix"
        let install = try await world.run(CLIPackage.root.path + "/scripts/install", [prefix], timeout: .seconds(3600))
        #expect(install.status == 0, "\(install)")
        for file in ["bin/certorder", "share/man/man1/certorder.1", "share/bash-completion/completions/certorder",
                     "share/zsh/site-functions/_certorder", "share/fish/vendor_completions.d/certorder.fish"] {
            #expect(FileManager.default.fileExists(atPath: prefix + "/" + file), "\(file) is not installed")
        }
        #expect(try String(contentsOfFile: prefix + "/share/man/man1/certorder.1", encoding: .utf8) == (try CLIPackage.read("Docs/man/certorder.1")))

        // No toolchain: PATH holds only the system's folders, LD_LIBRARY_PATH is empty.
        let version = try await world.run("/usr/bin/env", ["-i", "PATH=/usr/bin:/bin", prefix + "/bin/certorder", "--version"])
        #expect(version.status == 0, "\(version)")
        #expect(version.stdout.firstMatch(of: /^0\.1\.0 \(commit [0-9a-f]{12}(-modified)?\)\n$/) != nil, "\(version)")
        #if os(Linux)
        // Nothing of the Swift runtime is loaded from the toolchain.
        let libraries = try await world.run("/usr/bin/env", ["-i", "PATH=/usr/bin:/bin", "ldd", prefix + "/bin/certorder"])
        #expect(libraries.status == 0 && !libraries.stdout.contains("libswift") && !libraries.stdout.contains("/opt/swift"), "\(libraries)")
        #endif
        // It works, too: compiles the documented order.
        try world.copy(packageFile: "Examples/documented-ev.order")
        let compiled = try await world.run("/usr/bin/env", ["-i", "PATH=/usr/bin:/bin", prefix + "/bin/certorder", "compile", "documented-ev.order"])
        #expect(compiled.status == 0 && compiled.stdout.hasPrefix("{"), "\(compiled)")
    }
}
