import Foundation
import OrderLanguage

/// The requests answered from a document's syntax tree and names: formatting, the outline,
/// definition, references, rename and the did-you-mean quick fixes.
package struct Navigator {
    package let document: Document

    package init(document: Document) {
        self.document = document
    }

    // MARK: - Formatting

    /// `fmt`'s text as one edit of the whole document; no edit when it is already formatted,
    /// `nil` when it has syntax errors (as `certorder fmt` refuses it).
    package func formatting() -> [LSP.TextEdit]? {
        guard let text = ScriptFormatter.format(document.source).text else { return nil }
        if text == document.text { return [] }
        return [LSP.TextEdit(range: document.lines.wholeRange, newText: text)]
    }

    // MARK: - Outline

    /// Recipes (their orders inside), orders by product (and their `alternative_order_id` or
    /// comments), and top-level variables, in source order.
    package func symbols() -> [LSP.DocumentSymbol] {
        let index = document.symbols
        var out: [(Int, LSP.DocumentSymbol)] = []
        func order(_ entry: SymbolIndex.OrderEntry) -> LSP.DocumentSymbol {
            LSP.DocumentSymbol(name: "order " + entry.product, detail: entry.label, kind: 23,
                               range: document.range(entry.range), selectionRange: document.range(entry.keywordRange), children: nil)
        }
        for entry in index.orders where entry.recipe == nil {
            out.append((entry.range.start, order(entry)))
        }
        for (i, recipe) in index.recipes.enumerated() {
            let children = index.orders.filter { $0.recipe == i }.map(order)
            out.append((recipe.declaration.range.start, LSP.DocumentSymbol(
                name: recipe.info.name, detail: "recipe " + recipe.info.signature, kind: 12,
                range: document.range(recipe.declaration.range), selectionRange: document.range(recipe.declaration.nameRange),
                children: children.isEmpty ? nil : children)))
        }
        for binding in index.bindings where binding.kind == .variable && binding.scope.upperBound == Int.max {
            let end = binding.nameRange.end + (binding.valueText.map { _ in 0 } ?? 0)
            out.append((binding.nameRange.start, LSP.DocumentSymbol(
                name: binding.name, detail: binding.valueText, kind: 13,
                range: document.lines.range(binding.nameRange.start, end), selectionRange: document.range(binding.nameRange), children: nil)))
        }
        return out.sorted { $0.0 < $1.0 }.map(\.1)
    }

    // MARK: - Names at a position

    /// The name under a position: a recipe (its use or declaration) or a variable (a `$` use, a
    /// `let`, a parameter, a `for` variable).
    enum Name {
        case recipe(String)
        case variable(String, declaration: SymbolIndex.Binding?)
    }

    func name(at position: LSP.Position) -> Name? {
        let offset = document.lines.offset(of: position)
        let index = document.symbols
        func hit(_ range: SourceRange) -> Bool { range.source === document.source && range.start <= offset && offset <= range.end }
        if let use = index.recipeUses.first(where: { hit($0.range) }) { return .recipe(use.name) }
        if let recipe = index.recipes.first(where: { hit($0.declaration.nameRange) }) { return .recipe(recipe.info.name) }
        if let use = index.variableUses.first(where: { hit($0.range) }) {
            return .variable(use.name, declaration: index.binding(named: use.name, at: use.range.start))
        }
        // The `$` before a name.
        if let use = index.variableUses.first(where: { $0.range.start == offset + 1 }) {
            return .variable(use.name, declaration: index.binding(named: use.name, at: use.range.start))
        }
        if let binding = index.bindings.first(where: { hit($0.nameRange) }) { return .variable(binding.name, declaration: binding) }
        return nil
    }

    // MARK: - Definition

    /// Where the recipe or variable under the position is declared, or the file an `include`
    /// (or a `csv` / `@file` path) names.
    package func definition(at position: LSP.Position) -> LSP.Location? {
        switch name(at: position) {
        case .recipe(let name)?:
            return document.symbols.recipe(named: name).map { document.location($0.declaration.nameRange) }
        case .variable(_, let declaration?)?:
            return document.location(declaration.nameRange)
        default:
            break
        }
        let offset = document.lines.offset(of: position)
        for include in document.symbols.includes where include.statement.range.start <= offset && offset <= include.statement.range.end {
            guard let url = include.url else { return nil }
            return LSP.Location(uri: url.absoluteString, range: LSP.Range(start: .init(line: 0, character: 0), end: .init(line: 0, character: 0)))
        }
        return nil
    }

    // MARK: - References and rename

    /// The uses (and the declaration) of the recipe or variable under the position.
    package func references(at position: LSP.Position, includeDeclaration: Bool) -> [LSP.Location] {
        occurrences(at: position, includeDeclaration: includeDeclaration).map { document.location($0) }
    }

    /// Every occurrence of the name under the position in this document (and its declaration,
    /// which may be in an included file): a variable's occurrences are those its declaration
    /// answers for (a shadowing name elsewhere is another variable).
    func occurrences(at position: LSP.Position, includeDeclaration: Bool) -> [SourceRange] {
        let index = document.symbols
        var ranges: [SourceRange] = []
        switch name(at: position) {
        case .recipe(let name)?:
            if includeDeclaration, let recipe = index.recipe(named: name) { ranges.append(recipe.declaration.nameRange) }
            ranges += index.recipeUses.filter { $0.name == name }.map(\.range)
        case .variable(let name, let declaration)?:
            if includeDeclaration, let declaration { ranges.append(declaration.nameRange) }
            ranges += index.variableUses.filter { use in
                use.name == name && index.binding(named: name, at: use.range.start)?.nameRange == declaration?.nameRange
            }.map(\.range)
        case nil:
            break
        }
        return ranges.sorted { ($0.source.name, $0.start) < ($1.source.name, $1.start) }
    }

    /// The edits renaming the recipe or variable under the position; `nil` when there is none.
    package func rename(at position: LSP.Position, to newName: String) -> LSP.WorkspaceEdit? {
        let ranges = occurrences(at: position, includeDeclaration: true)
        guard !ranges.isEmpty else { return nil }
        var changes: [String: [LSP.TextEdit]] = [:]
        for range in ranges {
            let location = document.location(range)
            changes[location.uri, default: []].append(LSP.TextEdit(range: location.range, newText: newName))
        }
        return LSP.WorkspaceEdit(changes: changes)
    }

    // MARK: - Quick fixes

    /// For each diagnostic whose message ends in `Did you mean 'x'?`, an edit writing `x` over
    /// the diagnostic's range (a variable keeps its `$`).
    package func quickFixes(for diagnostics: [LSP.Diagnostic]) -> [LSP.CodeAction] {
        diagnostics.compactMap { diagnostic in
            guard let suggestion = Self.suggestion(in: diagnostic.message) else { return nil }
            let start = document.lines.offset(of: diagnostic.range.start), end = document.lines.offset(of: diagnostic.range.end)
            let written = SourceRange(source: document.source, start: start, end: end).text
            var replacement = suggestion
            if written.hasPrefix("$"), !replacement.hasPrefix("$") { replacement = "$" + replacement }
            guard written != replacement, !written.isEmpty else { return nil }
            return LSP.CodeAction(title: "Replace '\(written)' with '\(replacement)'", kind: "quickfix", diagnostics: [diagnostic],
                                  isPreferred: true,
                                  edit: LSP.WorkspaceEdit(changes: [document.uri: [LSP.TextEdit(range: diagnostic.range, newText: replacement)]]))
        }
    }

    /// The `x` of `Did you mean 'x'?` (``Suggestion/didYouMean(_:in:)``'s wording).
    static func suggestion(in message: String) -> String? {
        guard let at = message.range(of: "Did you mean '", options: .backwards) else { return nil }
        let rest = message[at.upperBound...]
        guard let close = rest.range(of: "'?") else { return nil }
        return String(rest[..<close.lowerBound])
    }
}
