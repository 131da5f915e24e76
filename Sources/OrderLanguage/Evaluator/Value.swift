/// A value at run time.
enum Value {
    /// How a text value was written; fields read all of them as text.
    enum TextKind: Hashable, Sendable { case word, number, date, string, file, parameter }

    case text(String, TextKind)
    case list([Value])
    /// A row of `for NAME in csv`: read its columns with `$NAME.column`.
    case row(CSVRow)
    /// A value whose evaluation failed and was reported; using it fails silently.
    case poison

    /// How messages name the value's type.
    var typeName: String {
        switch self {
        case .text: return "a value"
        case .list: return "a list"
        case .row: return "a CSV row"
        case .poison: return "an invalid value"
        }
    }
}

/// The column names of a CSV file, shared by its rows.
final class CSVColumns {
    let names: [String]
    let index: [String: Int]
    /// The file as diagnostics name it.
    let fileName: String

    init(names: [String], fileName: String) {
        self.names = names
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
        self.index = index
        self.fileName = fileName
    }

    /// The column `name` names: exactly, else case-insensitively.
    func position(of name: String) -> Int? {
        if let i = index[name] { return i }
        let lowered = name.lowercased()
        return names.firstIndex { $0.lowercased() == lowered }
    }
}

/// One row of a CSV file.
struct CSVRow {
    let columns: CSVColumns
    let fields: [String]
    /// The line the row starts on.
    let line: Int
}

/// A lexical scope: variables and recipes, with a link to the enclosing scope.
final class Scope {
    let parent: Scope?
    var values: [String: Value] = [:]
    var recipes: [String: Recipe] = [:]

    init(parent: Scope?) {
        self.parent = parent
    }

    /// This scope and the ones it is nested in, innermost first: names are looked up outwards.
    private var chain: UnfoldFirstSequence<Scope> {
        sequence(first: self, next: \.parent)
    }

    func lookup(_ name: String) -> Value? {
        for scope in chain { if let value = scope.values[name] { return value } }
        return nil
    }

    func recipe(_ name: String) -> Recipe? {
        for scope in chain { if let recipe = scope.recipes[name] { return recipe } }
        return nil
    }

    /// Every variable name visible here, for did-you-mean.
    var visibleNames: [String] { chain.flatMap(\.values.keys) }

    /// Every recipe name visible here, for did-you-mean.
    var visibleRecipes: [String] { chain.flatMap(\.recipes.keys) }
}

/// A recipe: its declaration and the scope it was defined in (recipes see the variables of the
/// place they were defined, plus their parameters).
final class Recipe {
    let declaration: RecipeDeclaration
    /// Unowned: the scope keeps its recipes (`Scope.recipes`), so a strong reference back would be
    /// a cycle that leaks every scope that defines a recipe (each `Interpreter`'s globals). A recipe
    /// is only reached through the scope that defines it (or, in `Interpreter.evaluate`, a saved
    /// copy of the globals' recipes), so the scope outlives it.
    unowned let scope: Scope

    init(declaration: RecipeDeclaration, scope: Scope) {
        self.declaration = declaration
        self.scope = scope
    }

    var info: RecipeInfo { RecipeInfo(declaration) }
}
