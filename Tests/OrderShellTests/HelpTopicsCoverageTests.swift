import CertOrder
import Foundation
import Testing
@testable import OrderLanguage
@testable import OrderShell

/// `help TOPIC` covers every word of the language, taken from the language's own tables (the
/// evaluator's statements, the parser's commands and declarations, the field catalog, the
/// completer), so that a statement or command added without a topic fails here.
@Suite("HelpTopics coverage")
struct HelpTopicsCoverageTests {
    static let commandTopics = Set(HelpTopics.commands.map(\.name))
    static let statementTopics = Set(HelpTopics.statements.map(\.name))

    @Test("every command the parser knows has a command topic")
    func commands() {
        for name in Command.names {
            #expect(Self.commandTopics.contains(name), "no help topic for the command '\(name)'")
            #expect(HelpTopics.topic(name) != nil, "help \(name)")
        }
    }

    @Test("every declaration keyword has a topic")
    func declarations() {
        for name in Vocabulary.declarations {
            #expect(Self.commandTopics.contains(name) || Self.statementTopics.contains(name), "no help topic for '\(name)'")
        }
    }

    @Test("every field statement of the evaluator has a statement topic of its own")
    func fieldStatements() {
        for entry in FieldStatements.specs {
            #expect(Self.statementTopics.contains(entry.spec.name), "no help topic for the statement '\(entry.spec.name)'")
        }
    }

    @Test("every alias answers with its statement's topic")
    func aliases() throws {
        for entry in FieldStatements.specs {
            for alias in entry.names where alias != entry.spec.name && !Self.statementTopics.contains(alias) {
                let text = try #require(HelpTopics.topic(alias), "help \(alias)")
                let own = try #require(HelpTopics.topic(entry.spec.name))
                #expect(text == "\(alias) is another name for '\(entry.spec.name)'.\n" + own)
            }
        }
        #expect(HelpTopics.topic("SIGNATURE_HASH")?.hasPrefix("signature_hash is another name for 'hash'.\nhash sha256\n") == true)
        #expect(HelpTopics.topic("frobnicate") == nil)
    }

    @Test("every word at every block level, in the field catalog and in the completer answers help")
    func everyWord() {
        var words = Set(Vocabulary.topLevelWords)
        for level in [BlockLevel.order, .certificate, .ship] { words.formUnion(Vocabulary.statements(in: level)) }
        for field in FieldCatalog.fields {
            if let statement = field.statement { words.insert(statement) }
            words.formUnion(field.aliases)
        }
        words.formUnion(Completer.commandNames)
        words.formUnion(Completer.statementNames)
        for word in words.sorted() {
            #expect(HelpTopics.topic(word) != nil, "no help on '\(word)'")
        }
    }

    @Test("each topic's usage starts with its name and its example uses it")
    func topicShape() {
        for topic in HelpTopics.commands + HelpTopics.statements {
            #expect(topic.usage.hasPrefix(topic.name), "\(topic.name): \(topic.usage)")
            #expect(topic.example.contains(topic.name), "\(topic.name): \(topic.example)")
            #expect(!topic.summary.isEmpty, "\(topic.name)")
        }
    }

    /// The examples of field statements evaluate on a draft; one written bare for a block
    /// (`hash sha256`) is tried inside its block. Files (`@request.csr`) resolve in `Examples/`.
    @Test("every field statement's example evaluates")
    func examplesEvaluate() async {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples")
        for topic in HelpTopics.statements where FieldStatements.byName[topic.name] != nil {
            var example = topic.example
            if let level = Vocabulary.level(ofStatement: topic.name), level != .order, example.hasPrefix(topic.name + " ") {
                example = "\(level.rawValue) < \(example) >"
            }
            let interpreter = Interpreter()
            let source = Source(name: "help \(topic.name)", text: "new ev\n\(example)\n",
                                url: examples.appendingPathComponent("help.order"))
            let result = await interpreter.evaluate(source)
            #expect(!result.hasErrors, "\(topic.name): \(example): \(result.diagnostics.map(\.message))")
        }
    }

    @Test("help city, exactly")
    func city() {
        #expect(HelpTopics.topic("city") == """
            city TEXT
              ship_info.city, only inside ship (required); quote a name with spaces.
              example: ship < city Richmond >
            """)
    }
}
