/// The formats `export` writes: the snippets of ``SnippetExporter``, the Swift DSL and the order
/// language itself. The one list the shell's `export`, `certorder export --format`, help and
/// completion read.
package enum ExportFormat: String, CaseIterable, Hashable, Sendable {
    case curl, python, go, node, swift, order

    /// The formats' names, in the order help lists them.
    package static var names: [String] { allCases.map(\.rawValue) }
}
