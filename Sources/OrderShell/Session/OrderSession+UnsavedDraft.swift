import CertOrder
import OrderLanguage

/// The draft the user would lose: at a terminal, an entry that starts a new draft (`new`,
/// `load`) while the current one was changed since it was last saved, loaded or placed is
/// preceded by a warning, so the loss is never silent.
extension OrderSession {
    /// Warns, before `text` runs, when it replaces an unsaved draft.
    func warnIfDiscardingUnsavedDraft(_ text: String) {
        guard warnsBeforeDiscardingDraft, let draft = interpreter.draft, !isKept(draft),
              let command = Self.draftReplacingCommand(in: text) else { return }
        let errors = diagnostics(of: draft).errors.count
        let state = "\(draft.product.shortName) · " + (errors == 0 ? "valid" : DraftRenderer.count(errors, "error"))
        console.error("warning: '\(command)' replaces the draft (\(state)), which was not saved; 'save FILE' keeps a draft")
    }

    /// Remembers `draft` as kept (saved to a file, loaded from one, or placed).
    func markKept(_ draft: CompiledOrder?) {
        keptDraft = draft.map { KeptDraft(product: $0.product, request: $0.request) }
    }

    func isKept(_ draft: CompiledOrder) -> Bool {
        keptDraft == KeptDraft(product: draft.product, request: draft.request)
    }

    /// `new` or `load` when a statement of `text` starts with it (any case), else nil.
    static func draftReplacingCommand(in text: String) -> String? {
        var atStart = true
        for token in ScriptScanner.scan(Source(name: "<input>", text: text)).tokens {
            switch token.kind {
            case .newline, .semicolon: atStart = true
            case .word where atStart:
                let word = token.text.lowercased()
                if word == CommandName.new.rawValue || word == CommandName.load.rawValue { return word }
                atStart = false
            default: atStart = false
            }
        }
        return nil
    }

    /// Whether the draft after `text` is one to keep as it is: `text` is one statement, `new`
    /// (a fresh draft holds nothing to lose) or `load` (the file holds it).
    static func startsKeptDraft(_ text: String) -> Bool {
        guard draftReplacingCommand(in: text) != nil else { return false }
        var statements = 0
        var atStart = true
        for token in ScriptScanner.scan(Source(name: "<input>", text: text)).tokens {
            switch token.kind {
            case .newline, .semicolon: atStart = true
            case .end: break
            default:
                if atStart { statements += 1 }
                atStart = false
            }
        }
        return statements == 1
    }
}

/// What was last saved, loaded or placed: the draft is unsaved when it differs.
struct KeptDraft: Equatable {
    var product: Product
    var request: OrderRequest
}
