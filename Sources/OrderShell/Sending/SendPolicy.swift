import CertCentral

/// What sending to a target demands: the one owner of the rules that keep a rehearsal safe and a
/// real order deliberate. `send` in the shell, `certorder send` and the connection's clients ask
/// it; none decides these on its own.
///
/// - **Live** is a property of the host: every endpoint whose host is not this machine is live
///   (`us`, `eu`, `https://www.digicert.com/services/v2`, any other URL off loopback). Only the
///   embedded sandbox and loopback URLs are rehearsals.
/// - A live endpoint **needs the user's key**; the placeholder key the sandboxes accept is never
///   sent off this machine.
/// - A send to a live endpoint is **confirmed** on a terminal or given `--yes`; without either it
///   is refused before any connection (exit 65: an order not sent). A rehearsal asks on a
///   terminal and goes ahead without one.
/// - Every endpoint is **paced** to CertCentral's documented limits by default, so a rehearsal
///   behaves like the live run it rehearses (a batch on a rate-limited sandbox waits instead of
///   collecting `HTTP 429`s); `--no-pacing` is accepted only on loopback.
package struct SendPolicy: Sendable, Equatable {
    package let target: Connection.Target

    package init(_ target: Connection.Target) {
        self.target = target
    }

    /// The key the bundled sandboxes accept; not a secret, and only ever sent to loopback.
    static let placeholderKey = "certorder-sandbox"

    /// Whether orders sent to the target are real.
    package var isLive: Bool {
        switch target {
        case .sandbox: return false
        case .remote(let endpoint): return endpoint.isLive
        }
    }

    /// Whether the user's API key is needed: on every live endpoint.
    package var requiresKey: Bool { isLive }

    /// The key to send with: the user's; on a rehearsal without one, the placeholder.
    /// - Throws: a usage error naming the missing key, when the target is live and there is none.
    package func apiKey(from keys: APIKeyStore) throws(ShellError) -> String {
        if let key = keys.key { return key }
        guard !requiresKey else { throw missingKey }
        return Self.placeholderKey
    }

    /// The refusal of a live target without a key.
    package var missingKey: ShellError {
        ShellError("\(target.name) is a live endpoint and needs an API key: set DIGICERT_API_KEY, use --api-key-file, or type 'key'")
    }

    /// How requests are paced: to the key's documented limits, on a rehearsal as on a live
    /// endpoint; off only when `paced` is false (`--no-pacing`), which a live endpoint refuses
    /// (``refusesUnpaced``).
    package func pacing(paced: Bool = true) -> CertCentralClient.Pacing { paced || isLive ? .perKey : .off }

    /// Whether `--no-pacing` is refused here: on every live endpoint (only a sandbox on this
    /// machine may be driven past CertCentral's limits, to test its own).
    package var refusesUnpaced: Bool { isLive }

    /// The refusal of `--no-pacing` on a live endpoint (a usage error: the command line is wrong).
    package var unpacedRefusal: ShellError {
        ShellError("--no-pacing is only for a sandbox on this machine; \(target.name) is a live endpoint and is always paced to CertCentral's limits",
                   status: .usage)
    }

    /// What to do before a send.
    package enum Confirmation: Equatable, Sendable {
        /// Send without asking (`--yes`, or a rehearsal with nobody to ask).
        case send
        /// Show the cost summary and ask on the terminal.
        case ask
        /// Send nothing, with this error.
        case refuse(ShellError)
    }

    /// Whether a send goes ahead: `--yes` sends; a terminal asks; without a terminal a live
    /// target is refused and a rehearsal is sent.
    package func confirmation(assumeYes: Bool, canAsk: Bool) -> Confirmation {
        if assumeYes { return .send }
        if canAsk { return .ask }
        guard isLive else { return .send }
        return .refuse(ShellError("refusing to send to the live endpoint \(target.name) without a terminal to confirm on; add --yes",
                                  status: .dataError))
    }
}

extension ShellError: Equatable {
    package static func == (lhs: ShellError, rhs: ShellError) -> Bool {
        lhs.message == rhs.message && lhs.status == rhs.status
    }
}
