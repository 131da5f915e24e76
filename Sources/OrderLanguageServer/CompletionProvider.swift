import CertOrder
import Foundation
import OrderLanguage

/// Completion at a position: the shell's completion by context (``ScriptCompleter``, given the
/// document's text up to the cursor and its recipes), plus the variables in scope after `$` and
/// the country codes after `country`. Each candidate is labelled with what it is and documented
/// with its help topic.
package struct CompletionProvider {
    package let document: Document

    package init(document: Document) {
        self.document = document
    }

    package func items(at position: LSP.Position) -> [LSP.CompletionItem] {
        let offset = document.lines.offset(of: position)
        let before = maskedText(upTo: offset)
        let characters = Array(before)

        // `$na`: a variable in scope.
        var start = characters.count
        while start > 0, characters[start - 1].isLetter || characters[start - 1].isNumber || characters[start - 1] == "_" { start -= 1 }
        if start > 0, characters[start - 1] == "$" {
            let word = String(characters[start...])
            return document.symbols.bindings(visibleAt: offset).filter { $0.name.hasPrefix(word) }.map { binding in
                item(binding.name, kind: 6, detail: binding.valueText.map { "= " + $0 }, replacing: start, of: characters, end: offset)
            }
        }

        // `for row in csv "da`: the CSV files (and folders) beside the document.
        var wordStart = characters.count
        while wordStart > 0, !" \t<;(,\n".contains(characters[wordStart - 1]) { wordStart -= 1 }
        let loopHead = currentStatementWords(characters, upTo: wordStart)
        if loopHead.first == "for", loopHead.suffix(2) == ["in", "csv"] {
            let quoted = wordStart < characters.count && characters[wordStart] == "\""
            let start = wordStart + (quoted ? 1 : 0)
            return files(matching: String(characters[start...]), extension: "csv").map { name in
                item(name, kind: name.hasSuffix("/") ? 19 : 17, detail: name.hasSuffix("/") ? "folder" : "CSV file", replacing: start, of: characters, end: offset)
            }
        }

        let completer = ScriptCompleter(recipes: document.symbols.allRecipes.map(\.info),
                                        directory: document.source.baseDirectory.path)
        var found = completer.complete(line: before, cursor: characters.count)
        let statement = currentStatementWords(characters, upTo: found.replacing.lowerBound)
        if statement.first == "include" {
            // Only scripts are included: the folders that may hold them and the `.order` files.
            found.candidates = found.candidates.filter { $0.hasSuffix("/") || $0.hasSuffix(".order") }
        }
        if found.candidates.isEmpty, statement.count == 1, FieldCatalog.statement(named: statement[0])?.path == FieldPath.shipCountry {
            let word = String(characters[found.replacing]).lowercased()
            found.candidates = CountryCodes.all.sorted().filter { $0.hasPrefix(word) }
        }
        let atStatementStart = statement.isEmpty
        return found.candidates.map { candidate in
            let (kind, detail, help) = describe(candidate, atStatementStart: atStatementStart, after: statement.first)
            var entry = item(candidate, kind: kind, detail: detail, replacing: found.replacing.lowerBound, of: characters, end: offset)
            entry.documentation = help.map { LSP.MarkupContent(kind: "markdown", value: "```\n\($0)\n```") }
            return entry
        }
    }

    /// The document's text before `offset`, with comments blanked (a `<` or `"` in a comment
    /// must not open a block or a string for the completer) and CRLF read as LF.
    private func maskedText(upTo offset: Int) -> String {
        var out = ""
        var position = 0
        let source = document.source
        for comment in document.scan.comments where comment.range.start < offset {
            out += SourceRange(source: source, start: position, end: comment.range.start).text
            let end = min(comment.range.end, offset)
            out += String(repeating: " ", count: SourceRange(source: source, start: comment.range.start, end: end).text.count)
            position = end
        }
        if position < offset { out += SourceRange(source: source, start: position, end: offset).text }
        // "\r\n" is one Character, as "\n" is: the counts do not change.
        return out.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// The files named `partial…` with the extension `ext`, and the folders, relative to the
    /// document's folder (or absolute), sorted; hidden ones only when `partial` names them.
    private func files(matching partial: String, extension ext: String) -> [String] {
        let slash = partial.lastIndex(of: "/")
        let folder = slash.map { String(partial[...$0]) } ?? ""
        let prefix = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        let base = folder.hasPrefix("/") ? folder : document.source.baseDirectory.path + "/" + folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        return names.filter { $0.hasPrefix(prefix) && (!$0.hasPrefix(".") || prefix.hasPrefix(".")) }.sorted().compactMap { name in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: base + "/" + name, isDirectory: &isDirectory)
            if isDirectory.boolValue { return folder + name + "/" }
            return name.lowercased().hasSuffix("." + ext) ? folder + name : nil
        }
    }

    /// The words of the statement before the word being completed, lowercased.
    private func currentStatementWords(_ characters: [Character], upTo end: Int) -> [String] {
        var start = end
        while start > 0, !";<>\n".contains(characters[start - 1]) { start -= 1 }
        return String(characters[start..<end]).split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
    }

    /// What a candidate is: its item kind, a one-line detail and its help text.
    private func describe(_ candidate: String, atStatementStart: Bool, after keyword: String?) -> (Int, String?, String?) {
        let lowered = candidate.lowercased()
        if atStatementStart {
            if let field = FieldCatalog.statement(named: lowered) {
                return (10, "sets " + field.path.template, HelpTopics.topic(lowered))
            }
            if CommandName(rawValue: lowered) != nil { return (3, "command", HelpTopics.topic(lowered)) }
            if Vocabulary.declarations.contains(lowered) { return (14, "keyword", HelpTopics.topic(lowered)) }
        }
        if keyword == "use", let recipe = document.symbols.recipe(named: candidate) {
            return (3, "recipe " + recipe.info.signature, recipe.info.text)
        }
        if candidate.hasSuffix(":") { return (5, "parameter", nil) }
        if candidate.hasSuffix("/") || candidate.contains(".") && keyword.map(["include", "load", "save"].contains) == true { return (17, "file", nil) }
        return (20, keyword.map { "value of " + $0 }, nil)
    }

    private func item(_ label: String, kind: Int, detail: String?, replacing start: Int, of characters: [Character], end: Int) -> LSP.CompletionItem {
        // Counted back from the cursor: the masked text before the word may differ in bytes
        // (CRLF, blanked comments) but the word itself is as written.
        let startOffset = end - String(characters[min(start, characters.count)...]).utf8.count
        let range = document.lines.range(startOffset, end)
        return LSP.CompletionItem(label: label, kind: kind, detail: detail, documentation: nil,
                                  textEdit: LSP.TextEdit(range: range, newText: label), sortText: nil)
    }
}
