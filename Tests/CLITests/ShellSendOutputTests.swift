import Foundation
import Testing
import TestSupport

/// The shell's `send` takes `--verbose` and `--quiet` as `certorder send` does (one command
/// table: help, completion and the flag checks derive from it): by default a placed order prints
/// the order, its requests and the next step; `--verbose` the whole answer after them; `--quiet`
/// nothing. What did not place an order is an error whatever the output.
@Suite("The shell's send output")
struct ShellSendOutputTests {
    @Test func quietPrintsNothingVerbosePrintsTheAnswer() async throws {
        let dir = try SafetyDirectory()
        let cli = try SafetyCLI(dir)
        let order = try dir.write("draft.order", safetyOrderScript())
        let sandbox = try await SafetySandbox(cli, ["--no-rate-limit"])
        let endpoint = ["--endpoint", sandbox.baseURL]

        let quiet = try await cli.run(endpoint, input: "load \(order)\nsend --yes --quiet\n")
        #expect(quiet.status == 0, "\(quiet)")
        #expect(!quiet.stdout.contains("placed order") && !quiet.stderr.contains("placed order"), "\(quiet)")
        #expect(try await sandbox.state().orders == 1)
        #expect(try await cli.journal().count == 1)

        // The same order again: refused as a duplicate, which --quiet still says.
        let again = try await cli.run(endpoint, input: "load \(order)\nsend --yes --quiet\n")
        #expect(again.status != 0, "\(again)")
        #expect(again.stderr.contains("Not sent. Add --allow-duplicate to place it again."), "\(again)")
        #expect(try await sandbox.state().orders == 1)

        let verbose = try await cli.run(endpoint, input: "load \(order)\nsend --yes --allow-duplicate --verbose\n")
        #expect(verbose.status == 0, "\(verbose)")
        let id = try #require(try await sandbox.state().orderIDs.last)
        #expect(verbose.stdout.contains("placed order \(id) (journal #2"), "\(verbose)")
        #expect(verbose.stdout.contains("201 Created\n{"), "\(verbose)")
        #expect(verbose.stdout.contains("\"id\" : \(id)") || verbose.stdout.contains("\"id\": \(id)"), "\(verbose)")

        let both = try await cli.run(endpoint, input: "load \(order)\nsend --yes --quiet --verbose\n")
        #expect(both.status != 0, "\(both)")
        #expect(both.stderr.contains("--verbose and --quiet cannot be used together"), "\(both)")
        #expect(try await sandbox.state().orders == 2)
    }
}
