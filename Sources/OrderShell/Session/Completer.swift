import Foundation
import LineEditor
import OrderJournal
import OrderLanguage

/// Tab completion in the shell: ``ScriptCompleter`` (the language's completion by context,
/// shared with the language server) with the journal's states for `orders`, as the line editor
/// takes it.
package struct Completer {
    /// The recipes in scope.
    package var recipes: [RecipeInfo]
    /// The directory file names are completed in.
    package var directory: String

    package init(recipes: [RecipeInfo] = [], directory: String = FileManager.default.currentDirectoryPath) {
        self.recipes = recipes
        self.directory = directory
    }

    static var commandNames: [String] { ScriptCompleter.commandNames }
    static var statementNames: [String] { ScriptCompleter.statementNames }

    private var completer: ScriptCompleter {
        ScriptCompleter(recipes: recipes, directory: directory, journalStates: JournalState.allCases.map(\.rawValue))
    }

    /// Candidates for the word that ends at `cursor` (a count of characters).
    package func complete(line: String, cursor: Int) -> LineCompletion {
        LineCompletion(completer.complete(line: line, cursor: cursor))
    }

    /// Candidates for the word that ends at `cursor` on `line`, the current line of an entry
    /// whose earlier lines are `pending` (see ``ScriptCompleter/complete(pending:line:cursor:)``).
    package func complete(pending: [String], line: String, cursor: Int) -> LineCompletion {
        LineCompletion(completer.complete(pending: pending, line: line, cursor: cursor))
    }
}

extension LineCompletion {
    init(_ completion: ScriptCompletion) {
        self.init(candidates: completion.candidates, replacing: completion.replacing, terminator: completion.terminator)
    }
}
