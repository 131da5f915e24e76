import CertOrder

/// The words of the language, for the shell's completion and `help`: derived from
/// ``FieldCatalog`` and the command list, never written again.
package enum Vocabulary {
    /// The field statements (with their API-name aliases) written at a block level, sorted.
    package static func statements(in level: BlockLevel) -> [String] {
        FieldStatements.names(at: level).sorted()
    }

    /// The commands, in the order `help` lists them.
    package static let commands: [String] = CommandStatement.names

    /// The declaration keywords: `order let recipe use include for`.
    package static let declarations: [String] = FieldStatements.declarationKeywords

    /// Every word that may start a statement at the top of a script or shell line.
    package static var topLevelWords: [String] {
        (declarations + commands + statements(in: .order)).sorted()
    }

    /// The product names `order` and `new` take.
    package static let products: [String] = Product.allCases.map(\.rawValue) + ["cs", "ev"]

    /// The values a field statement (or alias) takes first, as a script writes them: a choice's
    /// values in lower case, a range's numbers, the words that stand for numbers, `true`/`false`
    /// for a flag, or what the statement's row lists itself (`validity`: `1 2 3 until`); empty
    /// when any value of its kind goes or for a word that is no field statement.
    package static func values(forStatement keyword: String) -> [String] {
        guard let field = FieldStatements.field(named: asciiLowercased(keyword)), let statement = field.statement else {
            return []
        }
        if let listed = statement.completions { return listed }
        switch field.kind {
        case .choice(let choices): return choices.map { $0.value.lowercased() }
        case .integer(let range, let named): return named.keys.sorted() + (range.map { $0.map(String.init) } ?? [])
        case .flag: return ["true", "false"]
        default: return []
        }
    }

    /// The block a statement is written in (`city` → `.ship`), `nil` for an unknown word.
    package static func level(ofStatement keyword: String) -> BlockLevel? {
        FieldStatements.field(named: asciiLowercased(keyword))?.statement?.block
    }

    /// The payload path a statement sets (`city` → `ship_info.city`), for `explain`.
    package static func path(ofStatement keyword: String) -> String? {
        FieldStatements.field(named: asciiLowercased(keyword))?.path.template
    }
}
