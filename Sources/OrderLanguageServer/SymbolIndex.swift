import Foundation
import OrderLanguage

/// The names a document declares and uses, found by walking its syntax tree once: what
/// `documentSymbol`, `definition`, `references`, `rename`, hover on a recipe use and completion
/// of `$` read. Byte offsets into the document's source; `include`d files are parsed for their
/// recipes and variables (to jump to them), never evaluated.
package struct SymbolIndex: Sendable {
    /// A name bound by `let`, a `for` variable or a recipe parameter.
    package struct Binding: Sendable {
        package enum Kind: Sendable { case variable, loopVariable, parameter }
        package var name: String
        package var kind: Kind
        /// The name where it is declared.
        package var nameRange: SourceRange
        /// Where it can be read: the block that holds it (the whole file at the top).
        package var scope: Range<Int>
        /// The value as written (`let`), the default (a parameter), the sequence (`for`).
        package var valueText: String?
    }

    /// A use of a name: `use NAME` or `$NAME` / `${NAME}`.
    package struct Reference: Sendable {
        package var name: String
        /// The name alone (without `$`, `${` or the column).
        package var range: SourceRange
    }

    /// An `order` statement, with what it sits in.
    package struct OrderEntry: Sendable {
        package var product: String
        package var range: SourceRange
        package var keywordRange: SourceRange
        /// The `alternative_order_id` or `comments` it sets at its top, to tell orders apart.
        package var label: String?
        /// The index of the recipe it is written in, if any.
        package var recipe: Int?
    }

    package var recipes: [(info: RecipeInfo, declaration: RecipeDeclaration)] = []
    package var bindings: [Binding] = []
    package var recipeUses: [Reference] = []
    package var variableUses: [Reference] = []
    package var orders: [OrderEntry] = []
    /// `include` statements and the file each names (resolved against the document's folder).
    package var includes: [(statement: IncludeStatement, url: URL?)] = []
    /// Recipes of included files (recursively), for definition and completion.
    package var includedRecipes: [(info: RecipeInfo, declaration: RecipeDeclaration)] = []
    /// Top-level variables of included files.
    package var includedBindings: [Binding] = []

    package init(statements: [Statement], source: Source, followIncludes: Bool = true) {
        let whole = 0..<Int.max
        walk(statements, scope: whole, recipe: nil, source: source)
        if followIncludes {
            var seen: Set<URL> = source.url.map { [$0] } ?? []
            followIncluded(from: includes.compactMap(\.url), seen: &seen)
        }
    }

    private mutating func followIncluded(from urls: [URL], seen: inout Set<URL>) {
        for url in urls where !seen.contains(url) && seen.count < 64 {
            seen.insert(url)
            guard let source = try? Source.file(atPath: url.path) else { continue }
            let parsed = Parser.parse(source)
            let index = SymbolIndex(statements: parsed.statements, source: source, followIncludes: false)
            includedRecipes += index.recipes
            includedBindings += index.bindings.filter { $0.scope.upperBound == Int.max && $0.kind == .variable }
            followIncluded(from: index.includes.compactMap(\.url), seen: &seen)
        }
    }

    private mutating func walk(_ statements: [Statement], scope: Range<Int>, recipe: Int?, source: Source) {
        for statement in statements {
            switch statement {
            case .field(let s):
                s.arguments.forEach { expression($0.value) }
                if let block = s.block { walk(block.statements, scope: scope, recipe: recipe, source: source) }
            case .order(let s):
                expression(s.product)
                var label: String?
                for case .field(let f) in s.block?.statements ?? [] where ["alternative_order_id", "comments"].contains(f.keyword.lowercased()) {
                    label = label ?? f.arguments.first?.value.range.text
                }
                orders.append(OrderEntry(product: s.product.range.text, range: s.range, keywordRange: s.keywordRange, label: label, recipe: recipe))
                if let block = s.block { walk(block.statements, scope: blockScope(block, else: scope), recipe: recipe, source: source) }
            case .binding(let s):
                expression(s.value)
                bindings.append(Binding(name: s.name, kind: .variable, nameRange: s.nameRange, scope: scope, valueText: s.value.range.text))
            case .recipe(let s):
                let index = recipes.count
                recipes.append((RecipeInfo(s), s))
                // Parameters are read in the body only; the body's own names too when it declares any.
                let body = s.body.open.start..<s.body.close.end
                for parameter in s.parameters ?? [] {
                    if let value = parameter.defaultValue { expression(value) }
                    bindings.append(Binding(name: parameter.name, kind: .parameter, nameRange: nameOnly(parameter.range, parameter.name),
                                            scope: body, valueText: parameter.defaultValue?.range.text))
                }
                walk(s.body.statements, scope: blockScope(s.body, else: scope), recipe: index, source: source)
            case .use(let s):
                recipeUses.append(Reference(name: s.name, range: s.nameRange))
                s.arguments?.forEach { expression($0.value) }
            case .include(let s):
                expression(s.path)
                includes.append((s, Self.path(of: s.path).map { source.resolve(path: $0) }))
            case .loop(let s):
                let sequenceText: String
                switch s.sequence {
                case .values(let e): expression(e); sequenceText = e.range.text
                case .csv(_, let path): expression(path); sequenceText = "csv " + path.range.text
                }
                bindings.append(Binding(name: s.variable, kind: .loopVariable, nameRange: s.variableRange,
                                        scope: s.body.open.start..<s.body.close.end, valueText: sequenceText))
                walk(s.body.statements, scope: blockScope(s.body, else: scope), recipe: recipe, source: source)
            case .command(let s):
                s.arguments.forEach { expression($0.value) }
                for flag in s.flags { if let value = flag.value { expression(value) } }
            }
        }
    }

    private func blockScope(_ block: Block, else scope: Range<Int>) -> Range<Int> {
        block.declaresNames ? block.open.start..<block.close.end : scope
    }

    /// The range of `name` at the start of `range` (a parameter's range covers its default too).
    private func nameOnly(_ range: SourceRange, _ name: String) -> SourceRange {
        SourceRange(source: range.source, start: range.start, end: range.start + name.utf8.count)
    }

    private mutating func expression(_ e: ValueExpression) {
        switch e.kind {
        case .variable(let name, _):
            // `$name` or `$name.column`: the name follows the dollar.
            variableUses.append(Reference(name: name, range: SourceRange(source: e.range.source, start: e.range.start + 1,
                                                                          end: e.range.start + 1 + name.utf8.count)))
        case .string(let parts, _), .fileString(let parts):
            for case .interpolation(let name, _, let range) in parts {
                // `${name}`: the name after the two characters `${`.
                let start = range.text.hasPrefix("${") ? range.start + 2 : range.start
                variableUses.append(Reference(name: name, range: SourceRange(source: range.source, start: start, end: start + name.utf8.count)))
            }
        case .list(let items): items.forEach { expression($0) }
        default: break
        }
    }

    /// The path an `include` names, when it is written without interpolation.
    static func path(of e: ValueExpression) -> String? {
        switch e.kind {
        case .word(let text): return text
        case .string(let parts, _):
            var text = ""
            for part in parts {
                guard case .text(let t) = part else { return nil }
                text += t
            }
            return text
        default: return nil
        }
    }

    // MARK: - Lookups

    /// Every recipe visible: the document's, then the included files'.
    package var allRecipes: [(info: RecipeInfo, declaration: RecipeDeclaration)] { recipes + includedRecipes }

    /// The binding `name` read at `offset` names: the innermost scope holding the offset, the
    /// last declaration before it; a top-level variable of an included file otherwise.
    package func binding(named name: String, at offset: Int) -> Binding? {
        let candidates = bindings.filter { $0.name == name && $0.scope.contains(offset) }
        let best = candidates.max { a, b in
            let aWidth = a.scope.count, bWidth = b.scope.count
            if aWidth != bWidth { return aWidth > bWidth }
            let aBefore = a.nameRange.start <= offset, bBefore = b.nameRange.start <= offset
            if aBefore != bBefore { return !aBefore }
            return a.nameRange.start < b.nameRange.start
        }
        return best ?? includedBindings.last { $0.name == name }
    }

    /// The bindings readable at `offset`, one per name.
    package func bindings(visibleAt offset: Int) -> [Binding] {
        var seen: Set<String> = []
        var out: [Binding] = []
        for binding in (bindings.filter { $0.scope.contains(offset) } + includedBindings) where !seen.contains(binding.name) {
            seen.insert(binding.name)
            out.append(binding)
        }
        return out.sorted { $0.name < $1.name }
    }

    /// The recipe named `name`.
    package func recipe(named name: String) -> (info: RecipeInfo, declaration: RecipeDeclaration)? {
        allRecipes.last { $0.info.name == name }
    }
}
