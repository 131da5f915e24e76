import Foundation

/// Where a journal lives, as `--journal`, `CERTORDER_JOURNAL` or a profile's `journal` names it:
/// a SQLite file (any path, the default) or a PostgreSQL database (a `postgresql://` or
/// `postgres://` URL, libpq's spelling).
///
/// A PostgreSQL URL may carry a password (`postgresql://certorder:secret@db.example/orders`).
/// It is never printed: ``redacted`` replaces it with `***`, and every message the journal
/// writes about the database names it by that form (the way the API key is redacted).
///
/// Understood URL parts: user, password, host (or `?host=/a/socket/dir` for a Unix socket, as
/// libpq reads it), port (5432), database (the path; the user's name when empty), and
/// `sslmode` — `disable`, `allow`/`prefer` (TLS when the server offers it, unverified),
/// `require` (TLS, unverified, as libpq does), `verify-ca` (TLS, chain verified) and
/// `verify-full` (TLS, chain and host name verified); `sslrootcert=FILE` names the trusted CA
/// certificates. Other parameters are refused, so a typo never silently weakens TLS.
package enum JournalLocation: Sendable, Equatable {
    /// A SQLite file at this path.
    case file(String)
    /// A PostgreSQL database.
    case postgres(PostgresJournalURL)

    /// The location `text` names.
    /// - Throws: ``JournalError/invalidLocation(_:detail:)`` for a PostgreSQL URL it cannot use.
    package static func parse(_ text: String) throws(JournalError) -> JournalLocation {
        guard isDatabaseURL(text) else { return .file(text) }
        return .postgres(try PostgresJournalURL(text))
    }

    /// Whether `text` names a database rather than a file.
    package static func isDatabaseURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    /// `text` with any password in a database URL replaced by `***`; a path as it is.
    package static func redacted(_ text: String) -> String {
        guard isDatabaseURL(text) else { return text }
        return PostgresJournalURL.redact(text)
    }

    /// The password a database URL carries, for a redactor to hide wherever it appears; nil for
    /// a file or a URL without one.
    package static func secret(in text: String) -> String? {
        guard isDatabaseURL(text), let url = try? PostgresJournalURL(text) else { return nil }
        return url.password
    }
}

/// A parsed `postgresql://` URL (``JournalLocation``).
package struct PostgresJournalURL: Sendable, Equatable {
    /// How the connection uses TLS (libpq's `sslmode`).
    package enum TLSMode: String, Sendable, Equatable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    package var user: String
    package var password: String?
    /// The host name, or nil for a Unix socket (``socketDirectory``).
    package var host: String?
    /// The directory of the server's Unix socket (`?host=/dir`).
    package var socketDirectory: String?
    package var port: Int
    package var database: String
    package var tls: TLSMode
    /// CA certificates to trust (`?sslrootcert=FILE`), PEM.
    package var rootCertificateFile: String?
    /// The URL with the password replaced by `***`: what messages show.
    package var redacted: String

    package init(_ text: String) throws(JournalError) {
        let shown = Self.redact(text)
        guard let components = URLComponents(string: text) else {
            throw JournalError.invalidLocation(shown, detail: "not a URL")
        }
        user = components.user.flatMap { $0.removingPercentEncoding ?? $0 }
            ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding ?? $0 }
        let hostText = components.host.flatMap { $0.isEmpty ? nil : ($0.removingPercentEncoding ?? $0) }
        port = components.port ?? 5432
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
        var tls = TLSMode.prefer
        var socket: String?
        var rootCertificates: String?
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    throw JournalError.invalidLocation(shown, detail: "sslmode '\(value)' is not one of disable, allow, prefer, require, verify-ca, verify-full")
                }
                tls = mode
            case "host":
                guard value.hasPrefix("/") else {
                    throw JournalError.invalidLocation(shown, detail: "the host parameter must be a socket directory (an absolute path)")
                }
                socket = value
            case "sslrootcert":
                rootCertificates = value
            case "application_name", "connect_timeout":
                continue
            default:
                throw JournalError.invalidLocation(shown, detail: "unknown parameter '\(item.name)'")
            }
        }
        guard hostText != nil || socket != nil else {
            throw JournalError.invalidLocation(shown, detail: "no host (give one, or ?host=/socket/directory)")
        }
        host = socket == nil ? hostText : nil
        socketDirectory = socket
        self.tls = tls
        rootCertificateFile = rootCertificates
        redacted = shown
    }

    /// The path of the server's Unix socket, when the URL names a socket directory.
    package var socketPath: String? {
        socketDirectory.map { "\($0)/.s.PGSQL.\(port)" }
    }

    /// `text` with the password between `user:` and `@` replaced by `***`. Works on the raw
    /// text, so even a URL that does not parse loses its password.
    static func redact(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@") else { return text }
        let userInfo = authority[..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return text }
        return String(text[..<userInfo.index(after: colon)]) + "***" + String(text[at...])
    }
}
