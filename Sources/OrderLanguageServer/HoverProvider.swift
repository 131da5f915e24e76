import CertOrder
import OrderLanguage

/// Hover: for a statement's keyword, its help topic and what `explain` says of the field it
/// sets (the payload path first); for a command or a declaration keyword, its topic; for a
/// recipe's name, its signature; for a variable, how it is bound.
package struct HoverProvider {
    package let document: Document

    package init(document: Document) {
        self.document = document
    }

    package func hover(at position: LSP.Position) -> LSP.Hover? {
        let offset = document.lines.offset(of: position)
        guard let index = document.tokenIndex(at: offset) else { return nil }
        let token = document.scan.tokens[index]
        let range = document.lines.range(token.range.start, token.range.end)
        switch token.kind {
        case .word:
            guard let text = text(forWord: token, index: index) else { return nil }
            return LSP.Hover(contents: LSP.MarkupContent(kind: "markdown", value: text), range: range)
        case .variable:
            guard let binding = document.symbols.binding(named: token.text, at: token.range.start) else { return nil }
            let how: String
            switch binding.kind {
            case .variable: how = "let \(binding.name) = \(binding.valueText ?? "")"
            case .parameter: how = "recipe parameter \(binding.name)" + (binding.valueText.map { " = \($0)" } ?? "")
            case .loopVariable: how = "for \(binding.name) in \(binding.valueText ?? "")"
            }
            return LSP.Hover(contents: LSP.MarkupContent(kind: "markdown", value: "```\n\(how)\n```"), range: range)
        default:
            return nil
        }
    }

    private func text(forWord token: Token, index: Int) -> String? {
        let start = document.statementStart(ofToken: index)
        let word = token.text.lowercased()
        if start == index {
            if let field = FieldCatalog.statement(named: word), let topic = HelpTopics.topic(word) {
                return "**\(word)** sets `\(field.path.template)`\n\n```\n\(topic)\n```\n\n```\n\(field.explanation)\n```"
            }
            if let topic = HelpTopics.topic(word) { return "```\n\(topic)\n```" }
            return nil
        }
        let keyword = document.scan.tokens[start].text.lowercased()
        if keyword == "use", index == start + 1, let recipe = document.symbols.recipe(named: token.text) {
            return "```\nrecipe \(recipe.info.signature)\n```"
        }
        if keyword == "recipe", index == start + 1, let recipe = document.symbols.recipe(named: token.text) {
            return "```\nrecipe \(recipe.info.signature)\n```"
        }
        // A value: the field it is given to.
        if let field = FieldCatalog.statement(named: keyword), let statement = field.statement {
            var text = "value of **\(statement.name)** (`\(field.path.template)`)"
            if case .choice(let choices) = field.kind, let choice = choices.first(where: { $0.value.lowercased() == word }), !choice.help.isEmpty {
                text += ": " + choice.help
            }
            return text
        }
        return nil
    }
}
