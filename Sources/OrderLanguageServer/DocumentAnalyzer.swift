import Foundation
import OrderLanguage

/// The diagnostics of one open document, version after version: an ``IncrementalCompiler`` that
/// keeps the work unchanged text and files need not redo (a 10,000-row CSV loop above the line
/// being typed is evaluated and validated once), converted for the protocol.
///
/// `@unchecked Sendable`: the compiler it holds is used by one analysis at a time, as the server
/// starts a document's next analysis only once the one in flight has ended.
package final class DocumentAnalyzer: @unchecked Sendable {
    /// What one analysis found.
    package struct Outcome: Sendable {
        package var diagnostics: [LSP.Diagnostic]
        /// The files the document's compile read (by path), included scripts and CSV files among
        /// them: a change to one of them calls for a new analysis.
        package var files: Set<String>
    }

    private let compiler = IncrementalCompiler()

    package init() {}

    /// The diagnostics of `document`, with the files at the paths of `overlay` read as the texts
    /// there (other open documents' unsaved buffers); `nil` when the task was cancelled (a newer
    /// version came). Runs off the caller's actor.
    @concurrent
    package func analyze(_ document: Document, overlay: [String: String]) async -> Outcome? {
        guard let result = await compiler.compile(document.source, parsed: document.parsed, overlay: overlay) else { return nil }
        if Task.isCancelled { return nil }
        let converter = DiagnosticConverter(document: document, earlierSources: result.earlierSources)
        return Outcome(diagnostics: converter.convert(result.compilation.diagnostics), files: result.files)
    }
}
