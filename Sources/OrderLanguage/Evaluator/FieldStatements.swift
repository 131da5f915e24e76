import CertOrder

/// Where a statement is written: in an order (or at the top, for the draft), in
/// `certificate < >`, or in `ship < >`.
package typealias BlockLevel = Field.Block

/// What a statement keyword names, resolved by the parser: its catalogue row.
typealias FieldStatementSpec = Field

/// The language's view of ``FieldCatalog``: its statements by name and by block. The catalogue
/// is the one table; nothing here repeats it.
enum FieldStatements {
    /// The field whose statement (or alias) is `keyword` (lowercase).
    @inline(__always)
    static func field(named keyword: String) -> Field? {
        FieldCatalog.statement(named: keyword)
    }

    /// The names (with aliases) written at a level, for did-you-mean.
    static func names(at level: BlockLevel) -> [String] {
        FieldCatalog.statements(in: level).flatMap { $0.statement?.names ?? [] }
    }

    /// Every statement name and alias.
    static var allNames: [String] {
        FieldCatalog.fields.flatMap { $0.statement?.names ?? [] }
    }

    /// The keywords of the language other than field statements and commands.
    static let declarationKeywords = ["order", "let", "recipe", "use", "include", "for"]
}

/// Lowercases ASCII letters only (keywords are ASCII), cheaper than `lowercased()`.
@inline(__always)
func asciiLowercased(_ text: String) -> String {
    var needs = false
    for b in text.utf8 where b >= 0x41 && b <= 0x5A { needs = true; break }
    guard needs else { return text }
    return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
}
