import CertOrder
import Foundation

/// Completion by context, pure so that it is tested without a terminal: commands and statements
/// at the start of a statement; field paths after `set`, `unset`, `explain`; allowed values after
/// `hash`, `provisioning`, `method`, `payment`, `validity`, `order`/`new`, `export`, `endpoint`,
/// `help` and after `set PATH`; recipe names after `use` and parameter names inside its
/// parentheses; file names after `load`, `save`, `include` and `@`.
///
/// The shell's Tab (`Completer` in OrderShell) and the language server's completion both ask it;
/// it lives here, beside the tables it reads, so that neither keeps a copy.
package struct ScriptCompleter {
    /// The recipes in scope.
    package var recipes: [RecipeInfo]
    /// The directory file names are completed in.
    package var directory: String

    /// The journal states `orders` filters by (the journal module names them; the language
    /// does not depend on it).
    package var journalStates: [String]

    package init(recipes: [RecipeInfo] = [], directory: String = FileManager.default.currentDirectoryPath, journalStates: [String] = []) {
        self.recipes = recipes
        self.directory = directory
        self.journalStates = journalStates
    }

    package static let commandNames = HelpTopics.commands.map(\.name)
    /// The statements offered at the start of a statement outside `certificate < >` and
    /// `ship < >`: every statement topic and the order's own aliases.
    package static var statementNames: [String] {
        var names = Set(HelpTopics.statements.map(\.name))
        for field in FieldCatalog.statements(in: .order) { names.formUnion(field.statement?.names ?? []) }
        return names.sorted()
    }

    /// The block a statement starting after `before` is written in, when it is a field block
    /// (`certificate < hash sha256; ` → `.certificate`); `nil` elsewhere.
    package static func fieldBlock(before: String) -> BlockLevel? {
        var open: [String] = []  // the keyword of each unclosed block
        var statementStart = before.startIndex
        var inString = false
        var index = before.startIndex
        while index < before.endIndex {
            let ch = before[index]
            if inString {
                if ch == "\\" { index = before.index(after: index) } else if ch == "\"" { inString = false }
            } else if ch == "\"" {
                inString = true
            } else if ch == "<" {
                let head = before[statementStart..<index].split(whereSeparator: { $0 == " " || $0 == "\t" }).first
                open.append(head.map { String($0).lowercased() } ?? "")
                statementStart = before.index(after: index)
            } else if ch == ">" {
                _ = open.popLast()
                statementStart = before.index(after: index)
            } else if ch == ";" || ch == "\n" {
                statementStart = before.index(after: index)
            }
            if index < before.endIndex { index = before.index(after: index) }
        }
        guard let keyword = open.last, case .block(let level)? = FieldCatalog.statement(named: keyword)?.statement?.special else {
            return nil
        }
        return level
    }

    static let productNames = Product.allCases.map(\.rawValue) + Product.allCases.map(\.shortName)

    static let valuesAfter: [String: [String]] = [
        // Products by their API names and their short names (`order cs < … >`).
        "order": productNames,
    ]

    /// Candidates after a command's name, from its ``CommandSpec``: its flags for a word that
    /// starts with `-`, a flag's values after it, else the values of the argument at the cursor.
    /// `words` are the statement's words before the cursor's, the command's name first.
    func commandCandidates(_ name: CommandName, words: [String], word: String) -> [String] {
        let spec = name.spec
        if word.hasPrefix("-") { return spec.flags.map { "--" + $0.name } }
        if let last = words.last, last.hasPrefix("--"), let flag = spec.flag(String(last.dropFirst(2))), flag.valueName != nil {
            return flag.values
        }
        let position = words.dropFirst().filter { !$0.hasPrefix("--") }.count
        switch name {
        case .help: return position == 0 ? HelpTopics.names : []
        case .orders: return position == 0 ? ["show"] + journalStates : []
        default: return position < spec.arguments.count ? spec.arguments[position].values : []
        }
    }

    /// Candidates for the word that ends at `cursor` (a count of characters).
    package func complete(line: String, cursor: Int) -> ScriptCompletion {
        let characters = Array(line)
        let end = min(cursor, characters.count)
        let separators: Set<Character> = [" ", "\t", "<", ";", "(", ",", "\n"]
        var start = end
        while start > 0 && !separators.contains(characters[start - 1]) { start -= 1 }
        let word = String(characters[start..<end])
        let before = String(characters[..<start])
        let range = start..<end

        if word.hasPrefix("@") {
            return files(matching: String(word.dropFirst()), range: (start + 1)..<end)
        }
        // Inside `use NAME(` the words are the recipe's parameter names.
        if let open = before.lastIndex(of: "("), !before[open...].contains(")") {
            let head = before[..<open].split(whereSeparator: { $0 == " " || $0 == "<" || $0 == ";" })
            if head.count >= 2, head[head.count - 2] == "use", let recipe = recipes.first(where: { $0.name == head.last.map(String.init) }) {
                return offer(recipe.parameters.map { $0.name + ":" }, for: word, range: range, terminator: " ")
            }
        }
        let statement = before.split(omittingEmptySubsequences: false, whereSeparator: { $0 == ";" || $0 == "<" || $0 == "\n" }).last ?? ""
        let words = statement.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { String($0).lowercased() }
        guard let keyword = words.first else {
            if let block = Self.fieldBlock(before: before) {
                return offer(Vocabulary.statements(in: block), for: word, range: range)
            }
            let names = before.contains("<") ? Self.statementNames : Self.commandNames + Self.statementNames
            return offer(Array(Set(names)).sorted(), for: word, range: range)
        }
        if let command = CommandName(rawValue: keyword), word.hasPrefix("-") || words.last?.hasPrefix("--") == true {
            return offer(commandCandidates(command, words: words, word: word), for: word, range: range)
        }
        switch (keyword, words.count) {
        case ("set", 1), ("unset", 1):
            return offer(FieldCatalog.settablePaths, for: word, range: range)
        case ("explain", 1):
            return offer(FieldCatalog.allNames, for: word, range: range)
        case ("set", 2):
            let values = FieldCatalog.field(atPath: words[1])?.allowedValues ?? []
            return offer(values, for: word, range: range)
        case ("use", 1):
            return offer(recipes.map(\.name), for: word, range: range)
        case ("load", 1), ("save", 1), ("include", 1):
            let unquoted = word.hasPrefix("\"") ? String(word.dropFirst()) : word
            let offset = word.hasPrefix("\"") ? 1 : 0
            return files(matching: unquoted, range: (start + offset)..<end)
        case ("validity", 2):
            return offer(["years", "days"], for: word, range: range)
        case (_, 2) where !(FieldStatements.field(named: keyword)?.statement?.units.isEmpty ?? true):
            // The unit after a statement's number (`renew_within 30 days`), from its row.
            return offer(FieldStatements.field(named: keyword)?.statement?.units.prefix(1).map { $0 } ?? [], for: word, range: range)
        case (_, 1):
            // A command's values come from its spec, a field statement's from its catalogue row.
            if let command = CommandName(rawValue: keyword) {
                return offer(commandCandidates(command, words: words, word: word), for: word, range: range)
            }
            return offer(Self.valuesAfter[keyword] ?? Vocabulary.values(forStatement: keyword), for: word, range: range)
        case (_, _) where CommandName(rawValue: keyword) != nil:
            return offer(commandCandidates(CommandName(rawValue: keyword)!, words: words, word: word), for: word, range: range)
        default:
            return .none
        }
    }

    /// Candidates for the word that ends at `cursor` on `line`, the current line of an entry
    /// whose earlier lines are `pending` (a multi-line entry): those lines give the context, so
    /// that inside an open `order … <` only statements are offered, and inside an open
    /// `use NAME(` the recipe's parameters. The range is on `line`.
    package func complete(pending: [String], line: String, cursor: Int) -> ScriptCompletion {
        guard !pending.isEmpty else { return complete(line: line, cursor: cursor) }
        let before = pending.joined(separator: "\n") + "\n"
        let offset = before.count
        let found = complete(line: before + line, cursor: offset + min(cursor, line.count))
        guard !found.candidates.isEmpty, found.replacing.lowerBound >= offset else { return .none }
        return ScriptCompletion(candidates: found.candidates,
                              replacing: (found.replacing.lowerBound - offset)..<(found.replacing.upperBound - offset),
                              terminator: found.terminator)
    }

    private func offer(_ names: [String], for word: String, range: Range<Int>, terminator: String = " ") -> ScriptCompletion {
        let lowered = word.lowercased()
        let matches = names.filter { $0.lowercased().hasPrefix(lowered) }
        return ScriptCompletion(candidates: matches, replacing: range, terminator: terminator)
    }

    private func files(matching partial: String, range: Range<Int>) -> ScriptCompletion {
        let slash = partial.lastIndex(of: "/")
        let folder = slash.map { String(partial[...$0]) } ?? ""
        let prefix = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        let base = folder.hasPrefix("/") ? folder : directory + "/" + folder
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [])
            .filter { $0.hasPrefix(prefix) && (!$0.hasPrefix(".") || prefix.hasPrefix(".")) }
            .sorted()
            .map { name -> String in
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: base + name, isDirectory: &isDirectory)
                return folder + name + (isDirectory.boolValue ? "/" : "")
            }
        let terminator = names.count == 1 && names[0].hasSuffix("/") ? "" : " "
        return ScriptCompletion(candidates: names, replacing: range, terminator: terminator)
    }
}
