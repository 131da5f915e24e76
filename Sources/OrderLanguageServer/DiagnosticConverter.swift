import Foundation
import OrderLanguage

/// The compiler's diagnostics as the protocol's: the exact range (UTF-16 positions), the
/// severity, and each note as related information at the place it names (the recipe's use site,
/// the CSV row).
package struct DiagnosticConverter {
    package let document: Document

    package init(document: Document) {
        self.document = document
    }

    package func convert(_ diagnostics: [LanguageDiagnostic]) -> [LSP.Diagnostic] {
        diagnostics.map(convert)
    }

    package func convert(_ diagnostic: LanguageDiagnostic) -> LSP.Diagnostic {
        var related: [LSP.DiagnosticRelatedInformation] = []
        var range = LSP.Range(start: .init(line: 0, character: 0), end: .init(line: 0, character: 0))
        var message = diagnostic.message
        if let at = diagnostic.range {
            if at.source === document.source {
                range = document.range(at)
            } else {
                // In an included file: shown on the `include` that brings it in, and at its own
                // place as related information.
                let place = document.location(at)
                related.append(LSP.DiagnosticRelatedInformation(location: place, message: "\(at.source.name):\(at.location): \(diagnostic.message)"))
                message = "in \(at.source.name):\(at.location): " + message
                if let include = document.symbols.includes.first(where: { $0.url != nil && $0.url == at.source.url }) ?? document.symbols.includes.first {
                    range = document.range(include.statement.range)
                }
            }
        }
        let ownLocation = LSP.Location(uri: document.uri, range: range)
        for note in diagnostic.notes {
            related.append(LSP.DiagnosticRelatedInformation(location: location(ofNote: note) ?? ownLocation, message: note))
        }
        // code: the diagnostic's ID goes here once LanguageDiagnostic carries one (the
        // diagnostic-IDs work on OrderLanguage/Diagnostics); until then it is omitted.
        return LSP.Diagnostic(range: range, severity: diagnostic.isError ? 1 : 2, code: nil, source: "certorder",
                              message: message, relatedInformation: related.isEmpty ? nil : related)
    }

    /// The place a note names: `in recipe 'x' used at FILE:LINE:COL` or
    /// `in row N of FILE (line L)`. Notes are text (``LanguageDiagnostic/notes``), written by
    /// `EvaluationFrame.note` in these two forms.
    package func location(ofNote note: String) -> LSP.Location? {
        if let at = note.range(of: " used at ", options: .backwards) {
            let place = String(note[at.upperBound...])
            let parts = place.split(separator: ":")
            guard parts.count >= 3, let line = Int(parts[parts.count - 2]), let column = Int(parts[parts.count - 1]) else { return nil }
            let name = parts.dropLast(2).joined(separator: ":")
            return location(inFileNamed: name, line: line, column: column)
        }
        if note.hasPrefix("in row "), let of = note.range(of: " of "), let open = note.range(of: " (line ", options: .backwards),
           let line = Int(note[open.upperBound...].dropLast()) {
            let name = String(note[of.upperBound..<open.lowerBound])
            return location(inFileNamed: name, line: line, column: 1)
        }
        return nil
    }

    /// A 1-based line and column (in characters) in the file a diagnostic calls `name`.
    private func location(inFileNamed name: String, line: Int, column: Int) -> LSP.Location {
        if name == document.source.name {
            let offset = document.lines.offset(of: LSP.Position(line: line - 1, character: 0))
            let lineText = document.source.lineText(line)
            let prefix = String(lineText.prefix(max(0, column - 1)))
            let position = document.lines.position(ofOffset: offset + prefix.utf8.count)
            return LSP.Location(uri: document.uri, range: LSP.Range(start: position, end: position))
        }
        let path = name.hasPrefix("/") ? name : document.source.baseDirectory.appendingPathComponent(name).path
        let position = LSP.Position(line: line - 1, character: column - 1)
        return LSP.Location(uri: Document.uri(ofPath: path), range: LSP.Range(start: position, end: position))
    }
}
