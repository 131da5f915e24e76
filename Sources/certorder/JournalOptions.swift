import ArgumentParser
import OrderShell

/// Options of `orders`, which reads the local journal and nothing else: no API key, no
/// connection, and `--endpoint` chooses which entries are shown (it does not select where
/// anything goes, so a live endpoint needs no key here).
struct JournalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Only the entries sent to this endpoint: sandbox, us, eu, or a URL.", valueName: "endpoint"))
    var endpoint: Connection.Target?

    @Option(name: .long, help: ArgumentHelp("The journal of sends: a SQLite file, or a postgresql:// URL shared by a team (default: $CERTORDER_JOURNAL, the profile's, or $XDG_STATE_HOME/certorder/journal.sqlite).", valueName: "file-or-url"))
    var journal: String?

    /// Runs one journal operation on a session that never connects (its endpoint is the
    /// embedded sandbox, which is started only by a request, and none is made).
    func perform(_ operation: (OrderSession) async throws -> Void) async throws {
        try await SessionOptions.perform({ try await SessionOptions.makeSession(EffectiveSettings.Flags(endpoint: .sandbox, journal: journal), loadsKey: false) }, operation)
    }
}
