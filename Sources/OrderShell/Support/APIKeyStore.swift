import Foundation

/// Where the API key comes from: `DIGICERT_API_KEY`, a key file only its owner can read, or the
/// shell's `key` command. The key is registered with the ``SecretRedactor`` as soon as it is known.
package final class APIKeyStore: @unchecked Sendable {
    package enum Failure: Error, Equatable, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case tooOpen(path: String, mode: String)
        case empty(path: String)
        /// Shorter than ``APIKeyStore/minimumLength``: a mistake, not a CertCentral key.
        case tooShort(origin: String, length: Int)
        /// Holds a line break, another control character or a space: such a key can never go
        /// into an HTTP header, so a send with it would fail on this machine after its journal
        /// entry was written (an "unknown" outcome for a request that never left).
        case malformed(origin: String, what: String)

        package var description: String {
            switch self {
            case .unreadable(let path, let reason): return "cannot read the key file \(path): \(reason)"
            case .tooOpen(let path, let mode):
                return "the key file \(path) is readable by others (mode \(mode)); run 'chmod 600 \(path)'"
            case .empty(let path): return "the key file \(path) is empty"
            case .tooShort(let origin, let length):
                return "the API key from \(origin) has \(length) character\(length == 1 ? "" : "s"), too few for a CertCentral key "
                    + "(at least \(APIKeyStore.minimumLength)); it is not used: check it"
            case .malformed(let origin, let what):
                return "the API key from \(origin) contains \(what); a CertCentral key is one line of printable characters. "
                    + "It is not used: check it (a key file holds the key alone, on one line)"
            }
        }
    }

    /// CertCentral keys are long; a shorter value is a mistake (and masking it in every output
    /// would garble ordinary words), so it is refused.
    package static let minimumLength = 8

    private let lock = NSLock()
    private var value: String?
    /// Why `DIGICERT_API_KEY` was not used, for a warning at start-up.
    package private(set) var environmentProblem: Failure?
    private let redactor: SecretRedactor
    /// Where the key came from, for messages (`DIGICERT_API_KEY`, a path, the `key` command).
    package private(set) var origin: String?

    package init(redactor: SecretRedactor, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.redactor = redactor
        if let key = environment["DIGICERT_API_KEY"]?.trimmingCharacters(in: .whitespacesAndNewlines), !key.isEmpty {
            do { try set(key, origin: "DIGICERT_API_KEY") } catch { environmentProblem = error }
        }
    }

    package var key: String? { lock.withLock { value } }

    /// Sets the key. - Throws: ``Failure/tooShort(origin:length:)``, and the key is not set.
    package func set(_ key: String, origin: String) throws(Failure) {
        guard key.count >= Self.minimumLength else { throw .tooShort(origin: origin, length: key.count) }
        if let what = Self.flaw(in: key) { throw .malformed(origin: origin, what: what) }
        redactor.add(key)
        lock.withLock {
            value = key
            self.origin = origin
        }
    }

    /// What makes `key` unusable in an HTTP header, said without showing the key; `nil` when it
    /// is one run of printable characters.
    static func flaw(in key: String) -> String? {
        for scalar in key.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x0D: return "a line break"
            case 0x00..<0x20, 0x7F: return "a control character (U+\(String(format: "%04X", scalar.value)))"
            case 0x20: return "a space"
            default: if scalar.properties.isWhitespace { return "a space" }
            }
        }
        return nil
    }

    /// Reads a key file, refusing one that its group or others can read.
    package func load(file path: String) throws(Failure) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else { throw .tooOpen(path: path, mode: String(mode, radix: 8)) }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path, reason: "no access") }
        let key = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else { throw .empty(path: path) }
        try set(key, origin: path)
    }

    /// Reads a key from the terminal without echo (the shell's `key` command). False when
    /// nothing was entered. - Throws: ``Failure/tooShort(origin:length:)``.
    package func readFromTerminal(prompt: String) throws(Failure) -> Bool {
        let tty = open("/dev/tty", O_RDWR)
        guard tty >= 0 else { return false }
        defer { close(tty) }
        _ = prompt.withCString { write(tty, $0, strlen($0)) }
        var saved = termios()
        tcgetattr(tty, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(tty, TCSANOW, &silent)
        defer {
            tcsetattr(tty, TCSANOW, &saved)
            _ = "\n".withCString { write(tty, $0, 1) }
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(tty, &byte, 1) == 1, byte != 10, byte != 13 { bytes.append(byte) }
        let key = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { return false }
        try set(key, origin: "the 'key' command")
        return true
    }
}
