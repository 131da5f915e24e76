import Foundation
import OrderLanguage

/// The compiler's diagnostics as the protocol's: the exact range (UTF-16 positions), the
/// severity, and each note as related information at the place it names (the recipe's use site,
/// the CSV row).
package struct DiagnosticConverter {
    package let document: Document
    /// Earlier versions of the document that diagnostics may point into (statements an
    /// ``IncrementalCompiler`` resumed from): the same bytes as the document up to where they
    /// are pointed into, so they stand for it.
    package let earlierSources: [Source]

    package init(document: Document, earlierSources: [Source] = []) {
        self.document = document
        self.earlierSources = earlierSources
    }

    /// Whether a diagnostic's source is the document's text.
    private func isDocument(_ source: Source) -> Bool {
        source === document.source || earlierSources.contains { $0 === source }
    }

    private func location(_ range: SourceRange) -> LSP.Location {
        isDocument(range.source) ? LSP.Location(uri: document.uri, range: document.range(range)) : document.location(range)
    }

    package func convert(_ diagnostics: [LanguageDiagnostic]) -> [LSP.Diagnostic] {
        diagnostics.map(convert)
    }

    package func convert(_ diagnostic: LanguageDiagnostic) -> LSP.Diagnostic {
        var related: [LSP.DiagnosticRelatedInformation] = []
        var range = LSP.Range(start: .init(line: 0, character: 0), end: .init(line: 0, character: 0))
        var message = diagnostic.message
        if let at = diagnostic.range {
            if isDocument(at.source) {
                range = document.range(at)
            } else {
                // In an included file: shown on the `include` that brings it in, and at its own
                // place as related information.
                let place = location(at)
                related.append(LSP.DiagnosticRelatedInformation(location: place, message: "\(at.source.name):\(at.location): \(diagnostic.message)"))
                message = "in \(at.source.name):\(at.location): " + message
                if let include = document.symbols.includes.first(where: { $0.url != nil && $0.url == at.source.url }) ?? document.symbols.includes.first {
                    range = document.range(include.statement.range)
                }
            }
        }
        let ownLocation = LSP.Location(uri: document.uri, range: range)
        for note in diagnostic.notes {
            // A note carries its own place (the recipe's use, the CSV row, the include); one
            // without a place is shown at the diagnostic's.
            related.append(LSP.DiagnosticRelatedInformation(location: note.range.map(location) ?? ownLocation, message: note.message))
        }
        return LSP.Diagnostic(range: range, severity: diagnostic.isError ? 1 : 2, code: .string(diagnostic.code), source: "certorder",
                              message: message, relatedInformation: related.isEmpty ? nil : related)
    }
}
