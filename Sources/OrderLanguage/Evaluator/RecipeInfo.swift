/// A recipe as `recipes` and `recipe NAME` show it.
package struct RecipeInfo: Hashable, Sendable {
    /// A parameter: its name and, when optional, the source text of its default.
    package struct Parameter: Hashable, Sendable {
        package var name: String
        package var defaultText: String?
        package var isOptional: Bool { defaultText != nil }
    }

    package var name: String
    package var parameters: [Parameter]
    /// Where it is defined (the whole declaration).
    package var range: SourceRange

    package init(_ declaration: RecipeDeclaration) {
        name = declaration.name
        parameters = (declaration.parameters ?? []).map {
            Parameter(name: $0.name, defaultText: $0.defaultValue.map { $0.range.text })
        }
        range = declaration.range
    }

    /// `ev_token(name, addr1, city, country = us)`, or just the name for a recipe without
    /// parameters.
    package var signature: String {
        if parameters.isEmpty { return name }
        let list = parameters.map { p in p.defaultText.map { "\(p.name) = \($0)" } ?? p.name }
        return "\(name)(\(list.joined(separator: ", ")))"
    }

    /// The declaration's source text, as written.
    package var text: String { range.text }
}
