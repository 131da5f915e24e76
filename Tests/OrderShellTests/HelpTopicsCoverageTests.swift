import CertOrder
import Foundation
import Testing
@testable import OrderLanguage
@testable import OrderShell

/// `help TOPIC` covers every word of the language, taken from the language's own tables (the
/// parser's commands and declarations, the completer), so that a command added without a topic
/// fails here. Field statements are covered by `FieldCatalogTests`, which walks the catalogue.
@Suite("HelpTopics coverage")
struct HelpTopicsCoverageTests {
    static let commandTopics = Set(HelpTopics.commands.map(\.name))
    static let statementTopics = Set(HelpTopics.statements.map(\.name))

    @Test("every command the parser knows has a command topic")
    func commands() {
        for name in CommandStatement.names {
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

    @Test("every command word and declaration answers help")
    func everyWord() {
        var words = Set(Vocabulary.topLevelWords)
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
        for topic in HelpTopics.statements where FieldStatements.field(named: topic.name) != nil {
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
