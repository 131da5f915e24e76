import CertOrder
import Foundation
import OrderLanguage

/// The commands that need no network: they read the draft, the catalog and the interpreter.
extension OrderSession {
    func validate(_ draft: CompiledOrder) throws(CommandError) {
        let found = diagnostics(of: draft)
        if found.isEmpty {
            console.print("valid: no errors, no warnings")
            return
        }
        console.error(DiagnosticRenderer(colour: console.colour).render(found.map(draft.locate)))
        let errors = found.errors.count
        if errors > 0 {
            throw CommandError("the draft has \(DraftRenderer.count(errors, "error")); fix \(errors == 1 ? "it" : "them") before sending")
        }
        console.print("valid, with \(DraftRenderer.count(found.count, "warning"))")
    }

    func explain(_ name: String) throws(CommandError) {
        // A payload field by path, statement or alias; else a statement that is no payload field
        // (`renew_within`).
        guard let field = FieldCatalog.field(named: name) ?? FieldCatalog.statement(named: name) else {
            throw CommandError("no field '\(name)'.\(FieldCatalog.didYouMean(name)) 'explain' takes a statement or a payload path", argument: 0)
        }
        console.print(field.explanation)
    }

    func export(format: String, draft: CompiledOrder) throws(CommandError) {
        let format = format.lowercased()
        // The snippets end with their own newline: no blank line after them.
        // The script keeps what no payload carries (`renew_within`); the other formats are payloads.
        var text = format == ExportFormat.order.rawValue
            ? ScriptExporter.script(for: draft)
            : try Self.exportText(format: format, product: draft.product, request: draft.request, baseURL: exportBaseURL)
        while text.hasSuffix("\n") { text.removeLast() }
        console.print(text)
    }

    /// The base URL exported snippets default to: the selected remote endpoint, else DigiCert US
    /// (an embedded sandbox's port does not outlive the session; `CERTCENTRAL_BASE_URL` overrides).
    var exportBaseURL: String {
        if case .remote(let endpoint) = connection.target { return endpoint.baseURL.absoluteString }
        return "https://www.digicert.com/services/v2"
    }

    /// The text of an export in any format.
    package static func exportText(format: String, product: Product, request: OrderRequest, baseURL: String) throws(CommandError) -> String {
        guard let known = ExportFormat(rawValue: format) else {
            let formats = ExportFormat.names
            throw CommandError("no export format '\(format)'; use one of \(formats.joined(separator: ", ")).\(Suggestion.didYouMean(format, in: formats))",
                               argument: 0)
        }
        return exportText(format: known, product: product, request: request, baseURL: baseURL)
    }

    /// The text of an export in a known format.
    package static func exportText(format: ExportFormat, product: Product, request: OrderRequest, baseURL: String) -> String {
        switch format {
        case .order: return ScriptExporter.script(for: request, product: product)
        case .swift: return SwiftExporter.code(for: request, product: product)
        case .curl: return SnippetExporter.export(.curl, product: product, request: request, baseURL: baseURL)
        case .python: return SnippetExporter.export(.python, product: product, request: request, baseURL: baseURL)
        case .go: return SnippetExporter.export(.go, product: product, request: request, baseURL: baseURL)
        case .node: return SnippetExporter.export(.node, product: product, request: request, baseURL: baseURL)
        }
    }

    func save(path: String, draft: CompiledOrder) throws(CommandError) {
        let text = ScriptExporter.script(for: draft)
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw CommandError("cannot write \(path): \(error.localizedDescription)", argument: 0)
        }
        markKept(draft)
        console.print("saved the draft to \(path)")
    }

    func listRecipes() {
        let recipes = interpreter.recipes
        if recipes.isEmpty {
            console.print("no recipes yet; define one with 'recipe NAME(PARAMS) < … >' or 'include FILE'")
        } else {
            for recipe in recipes { console.print(recipe.signature) }
        }
    }

    func showRecipe(_ name: String) throws(CommandError) {
        guard let recipe = interpreter.recipe(named: name) else {
            let names = interpreter.recipes.map(\.name)
            throw CommandError("no recipe '\(name)'.\(Suggestion.didYouMean(name, in: names))", argument: 0)
        }
        console.print(recipe.text)
    }

    func help(_ topic: String?) throws(CommandError) {
        guard let topic else {
            console.print(HelpTopics.overview)
            return
        }
        guard let text = HelpTopics.topic(topic) else {
            throw CommandError("no help on '\(topic)'.\(Suggestion.didYouMean(topic, in: HelpTopics.names)) 'help' lists every topic", argument: 0)
        }
        console.print(text)
    }

    func showHistory() {
        for (index, entry) in historyEntries().enumerated() {
            console.print(String(format: "%4d  ", index + 1) + entry.replacingOccurrences(of: "\n", with: "\n      "))
        }
    }
}
