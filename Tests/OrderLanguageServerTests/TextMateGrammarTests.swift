import Foundation
import Testing
@testable import OrderLanguageServer

/// `Editors/certorder.tmLanguage.json` is what ``TextMateGrammar`` generates from the catalogue
/// and the command table: a statement or command added without regenerating it fails here.
/// `CERTORDER_WRITE_GRAMMAR=1` rewrites the file instead.
@Suite("TextMate grammar")
struct TextMateGrammarTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Editors/certorder.tmLanguage.json")

    @Test("the checked-in grammar is the generated one, and valid JSON")
    func upToDate() throws {
        let generated = TextMateGrammar.json
        if ProcessInfo.processInfo.environment["CERTORDER_WRITE_GRAMMAR"] == "1" {
            try generated.write(to: Self.file, atomically: true, encoding: .utf8)
        }
        let onDisk = try String(contentsOf: Self.file, encoding: .utf8)
        #expect(onDisk == generated, "regenerate with CERTORDER_WRITE_GRAMMAR=1 swift test --filter 'TextMate grammar'")
        _ = try JSONSerialization.jsonObject(with: Data(generated.utf8))
    }

    @Test("every field statement, alias and command is in the grammar")
    func coversTheTables() throws {
        let generated = TextMateGrammar.json
        for name in ["hash", "signature_hash", "cs_provisioning_method", "city", "payment_method", "send", "export", "reconcile", "order", "include"] {
            #expect(generated.contains("|\(name)|") || generated.contains("(\(name)|") || generated.contains("|\(name))"), "\(name)")
        }
    }
}
