import Foundation

/// Where the API key comes from: `DIGICERT_API_KEY`, a key file only its owner can read, or the
/// shell's `key` command. The key is registered with the ``SecretRedactor`` as soon as it is known.
public final class APIKeyStore: @unchecked Sendable {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case tooOpen(path: String, mode: String)
        case empty(path: String)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): return "cannot read the key file \(path): \(reason)"
            case .tooOpen(let path, let mode):
                return "the key file \(path) is readable by others (mode \(mode)); run 'chmod 600 \(path)'"
            case .empty(let path): return "the key file \(path) is empty"
            }
        }
    }

    private let lock = NSLock()
    private var value: String?
    private let redactor: SecretRedactor
    /// Where the key came from, for messages (`DIGICERT_API_KEY`, a path, `key`).
    public private(set) var origin: String?

    public init(redactor: SecretRedactor, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.redactor = redactor
        if let key = environment["DIGICERT_API_KEY"]?.trimmingCharacters(in: .whitespacesAndNewlines), !key.isEmpty {
            set(key, origin: "DIGICERT_API_KEY")
        }
    }

    public var key: String? { lock.withLock { value } }

    public func set(_ key: String, origin: String) {
        redactor.add(key)
        lock.withLock {
            value = key
            self.origin = origin
        }
    }

    /// Reads a key file, refusing one that its group or others can read.
    public func load(file path: String) throws(Failure) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else { throw .tooOpen(path: path, mode: String(mode, radix: 8)) }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path, reason: "no access") }
        let key = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else { throw .empty(path: path) }
        set(key, origin: path)
    }

    /// Reads a key from the terminal without echo (the shell's `key` command).
    public func readFromTerminal(prompt: String) -> Bool {
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
        set(key, origin: "key")
        return true
    }
}
