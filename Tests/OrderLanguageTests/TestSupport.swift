import Foundation
import Testing
import CertOrder
@testable import OrderLanguage

/// Paths of the repository, found from this file.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let examples = root.appendingPathComponent("Examples")
    static let documentedFixture = root.appendingPathComponent("Tests/CertOrderTests/Fixtures/documented-ev-order.request.json")

    static func example(_ name: String) -> String { examples.appendingPathComponent(name).path }
}

/// A fixed day for the validator, so date rules do not drift.
let testToday = Validator.parseDate("2026-12-01")!

/// Evaluates text with a fresh interpreter.
func evaluate(_ text: String, name: String = "test.order", handler: (any CommandHandler)? = nil) async -> EvaluationResult {
    await Interpreter().evaluate(Source(name: name, text: text), handler: handler)
}

/// `line:col message` of each diagnostic.
func brief(_ diagnostics: [LanguageDiagnostic]) -> [String] {
    diagnostics.map { d in
        guard let r = d.range else { return "\(d.severity.rawValue): \(d.message)" }
        return "\(d.severity.rawValue): \(r.location.line):\(r.location.column) \(d.message)"
    }
}

/// The compact payload of an order as a string.
func compact(_ order: CompiledOrder) -> String {
    String(decoding: PayloadWriter.compact(order.request), as: UTF8.self)
}

/// Records the commands it is handed, and answers a few as the shell would.
final class RecordingHandler: CommandHandler, @unchecked Sendable {
    var output: [String] = []

    func handle(_ command: EvaluatedCommand, context: CommandContext) async throws(CommandError) {
        switch command.name {
        case "json":
            guard let draft = context.draft else { throw CommandError("no draft") }
            output.append(String(decoding: PayloadWriter.compact(draft.request), as: UTF8.self))
        case "recipes":
            output.append(contentsOf: context.interpreter.recipes.map(\.signature))
        case "recipe":
            guard let name = command.arguments.first?.text else { throw CommandError("'recipe' needs a name") }
            guard let recipe = context.interpreter.recipe(named: name) else {
                throw CommandError("unknown recipe '\(name)'", argument: 0)
            }
            output.append(recipe.signature)
        case "explain":
            guard let name = command.arguments.first?.text else { throw CommandError("'explain' needs a field") }
            guard let field = FieldCatalog.field(named: name) else {
                throw CommandError("unknown field '\(name)'." + FieldCatalog.didYouMean(name), argument: 0)
            }
            output.append(field.explanation.split(separator: "\n").prefix(3).joined(separator: " |"))
        case "cancel" where command.arguments.first?.text == "refuse":
            throw CommandError("refused as asked", argument: 0)
        default:
            let args = command.arguments.map { $0.isQuoted ? "\"\($0.text)\"" : $0.text }
            let flags = command.flags.map { "--\($0.name)" }
            output.append(([command.name] + args + flags).joined(separator: " "))
        }
    }
}
