import Foundation
import Testing

/// Issue 12, finding 11, as a user meets it: a two-line key file. Before, the key was accepted,
/// the journal entry written, and the send failed on this machine as an "unknown" outcome that
/// blocked the next send until `reconcile`. Now the key is refused when read: nothing is recorded.
@Suite("A key with a line break is refused when it is read")
struct KeyFormTests {
    @Test("finding 11: send with a two-line key file exits 64 naming the problem; no journal entry, nothing placed")
    func twoLineKeyFile() async throws {
        let world = try CLIWorld(copying: "Examples/documented-ev.order")
        let keyFile = try world.write("key.txt", "sk-first-line-of-key\nsk-second-line\n")
        chmod(keyFile, 0o600)
        let sandbox = try await CLISandbox.start(world: world)
        let result = try await world.certorder(["send", "--yes", "--api-key-file", keyFile, "--endpoint", sandbox.baseURL, "documented-ev.order"])
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("error: the API key from \(keyFile) contains a line break; "), "\(result)")
        #expect(!result.stderr.contains("sk-first-line") && !result.stdout.contains("sk-first-line"))
        #expect(!FileManager.default.fileExists(atPath: world.journal), "a journal entry was written")

        // The same order with a good key is placed: the refusal left nothing to reconcile.
        let good = try world.write("good.txt", "sk-one-line-key\n")
        chmod(good, 0o600)
        let placed = try await world.certorder(["send", "--yes", "--api-key-file", good, "--endpoint", sandbox.baseURL, "documented-ev.order"])
        #expect(placed.status == 0, "\(placed)")
        #expect(placed.stdout.contains("placed order 112233"), "\(placed)")
    }
}
