import ArgumentParser
import CertOrder
import OrderJournal
import OrderLanguage
import OrderShell

// The value types of the CLI's options: their cases are the values help and shell completion
// list, from the one list each type keeps.

extension ExportFormat: ExpressibleByArgument {}

extension Product: ExpressibleByArgument {
    /// `code_signing`, `code_signing_ev`, or their short names `cs`, `ev`.
    public init?(argument: String) { self.init(name: argument) }
}

extension JournalState: ExpressibleByArgument {}

extension Connection.Target: ExpressibleByArgument {
    /// `sandbox`, `us`, `eu` or a URL.
    public init?(argument: String) { self.init(name: argument) }

    /// The named endpoints; a URL is accepted too.
    public static var allValueStrings: [String] { ["sandbox", "us", "eu"] }

    public var defaultValueDescription: String { name }

    /// Shells complete the named endpoints (a URL is typed).
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}
