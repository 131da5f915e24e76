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

/// The VS Code extension folder (`Editors/`) names the grammar and the language configuration
/// that are there, with the language's comment and brackets.
@Suite("VS Code extension")
struct VSCodeExtensionTests {
    static let folder = TextMateGrammarTests.file.deletingLastPathComponent()

    static func object(_ name: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name))) as? [String: Any])
    }

    @Test("package.json contributes the .order language with the grammar's scope and starts certorder lsp")
    func manifest() throws {
        let manifest = try Self.object("package.json")
        let contributes = try #require(manifest["contributes"] as? [String: Any])
        let grammar = try #require((contributes["grammars"] as? [[String: Any]])?.first)
        #expect(grammar["scopeName"] as? String == "source.certorder")
        let path = try #require(grammar["path"] as? String)
        #expect(FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent(path).path))
        let language = try #require((contributes["languages"] as? [[String: Any]])?.first)
        #expect(language["extensions"] as? [String] == [".order"])
        let script = try String(contentsOf: Self.folder.appendingPathComponent(try #require(manifest["main"] as? String)), encoding: .utf8)
        #expect(script.contains("args: ['lsp']"))
    }

    @Test("the language configuration: # comments, < > brackets, auto-closing quotes")
    func configuration() throws {
        let configuration = try Self.object("language-configuration.json")
        #expect((configuration["comments"] as? [String: Any])?["lineComment"] as? String == "#")
        #expect((configuration["brackets"] as? [[String]])?.first == ["<", ">"])
        let pairs = try #require(configuration["autoClosingPairs"] as? [[String: Any]])
        #expect(pairs.contains { $0["open"] as? String == "\"" && $0["close"] as? String == "\"" })
    }
}
