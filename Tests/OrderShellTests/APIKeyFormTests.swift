import Foundation
import Testing
@testable import OrderShell

/// Issue 12, finding 11: a key with a line break, a control character or a space inside never
/// leaves the machine (it cannot go into an HTTP header), so it is refused when it is read, with
/// a message that says what is wrong without showing the key, and nothing is recorded.
@Suite struct APIKeyFormTests {
    static let flawed: [(key: String, what: String)] = [
        ("sk-first-half\nsecond-half", "a line break"),
        ("sk-first-half\r\nsecond-half", "a line break"),
        ("sk-key-with\u{7F}delete", "a control character (U+007F)"),
        ("sk-key-with\ttab-inside", "a control character (U+0009)"),
        ("sk-key with-a-space", "a space"),
    ]

    @Test("finding 11: a key from DIGICERT_API_KEY with a line break, DEL or a space is not used, and the warning says why",
          arguments: flawed)
    func environmentKey(key: String, what: String) {
        let redactor = SecretRedactor()
        let keys = APIKeyStore(redactor: redactor, environment: ["DIGICERT_API_KEY": key])
        #expect(keys.key == nil)
        #expect(keys.environmentProblem == .malformed(origin: "DIGICERT_API_KEY", what: what))
        let message = "\(keys.environmentProblem!)"
        #expect(message.hasPrefix("the API key from DIGICERT_API_KEY contains \(what); "))
        #expect(!message.contains("half") && !message.contains("inside") && !message.contains("delete"))
    }

    @Test("finding 11: a two-line key file is refused; a one-line file with a final newline is read")
    func keyFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("certorder-keyform-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let twoLines = folder.appendingPathComponent("two-lines").path
        let oneLine = folder.appendingPathComponent("one-line").path
        for (path, text) in [(twoLines, "sk-first-line\nsk-second-line\n"), (oneLine, "sk-the-only-line\n")] {
            FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        }
        let keys = APIKeyStore(redactor: SecretRedactor(), environment: [:])
        #expect(throws: APIKeyStore.Failure.malformed(origin: twoLines, what: "a line break")) { try keys.load(file: twoLines) }
        #expect(keys.key == nil)
        try keys.load(file: oneLine)
        #expect(keys.key == "sk-the-only-line")
    }
}
