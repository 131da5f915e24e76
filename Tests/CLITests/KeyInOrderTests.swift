import Foundation
import Testing

/// Issue 12, finding 10: the API key pasted into an order's field was masked on screen but stored
/// in the journal, sent in the body (the sandbox returned it in order info) and printed by
/// `compile`. Now an order holding the active key is an error at the field, before anything is
/// printed, written or sent, in every face.
@Suite("An order that holds the API key is refused")
struct KeyInOrderTests {
    static let key = "sk-live-9f8e7d6c5b4a"

    /// The documented example with the key in `comments` and in a custom field's value.
    static func leakingOrder(in world: CLIWorld) throws {
        let text = try CLIPackage.read("Examples/documented-ev.order")
            .replacingOccurrences(of: "renewal_message \"Renew this please.\"", with: "renewal_message \"paste: \(key)\"\n  custom_field 13 $k")
        #expect(text.contains(key))
        try world.write("leak.order", "let k = \"\(key)\"\n" + text)
    }

    @Test("finding 10: compile and check refuse it at each field (65), print no body, never show the key")
    func compileAndCheck() async throws {
        let world = try CLIWorld()
        try Self.leakingOrder(in: world)
        for command in [["compile", "leak.order"], ["check", "leak.order"], ["export", "leak.order", "--format", "curl"]] {
            let result = try await world.certorder(command, environment: ["DIGICERT_API_KEY": Self.key])
            #expect(result.status == 65, "\(command): \(result)")
            #expect(result.stdout.isEmpty, "\(command): \(result)")
            #expect(result.stderr.contains("error: custom_renewal_message holds the API key; "), "\(command): \(result)")
            #expect(result.stderr.contains("error: custom_fields[0].value holds the API key; "), "\(command): \(result)")
            #expect(!result.stderr.contains(Self.key) && !result.stdout.contains(Self.key), "\(command): \(result)")
        }
        // Without that key in the session, the same script is an ordinary order.
        let plain = try await world.certorder(["compile", "leak.order"])
        #expect(plain.status == 0, "\(plain)")
    }

    @Test("finding 10: certorder send (even --force) and the shell's send write no journal entry and place nothing")
    func send() async throws {
        let world = try CLIWorld()
        try Self.leakingOrder(in: world)
        for arguments in [["send", "--yes", "leak.order"], ["send", "--yes", "--force", "leak.order"]] {
            let result = try await world.certorder(arguments, environment: ["DIGICERT_API_KEY": Self.key])
            #expect(result.status == 65, "\(arguments): \(result)")
            #expect(result.stderr.contains("holds the API key"), "\(arguments): \(result)")
            #expect(!result.stderr.contains(Self.key) && !result.stdout.contains(Self.key))
        }
        let shell = try await world.certorder(["--yes"], stdin: "load leak.order\nsend\n", environment: ["DIGICERT_API_KEY": Self.key])
        #expect(shell.status != 0, "\(shell)")
        #expect(shell.stderr.contains("custom_renewal_message holds the API key"), "\(shell)")
        #expect(!shell.stderr.contains(Self.key) && !shell.stdout.contains(Self.key))
        #expect(!FileManager.default.fileExists(atPath: world.journal) || (try? String(contentsOfFile: world.journal, encoding: .isoLatin1))?.contains(Self.key) == false)
        #expect(!shell.stdout.contains("placed order"), "\(shell)")
    }
}
