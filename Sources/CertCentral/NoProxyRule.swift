import Foundation

/// One entry of `NO_PROXY`, read as curl reads it: entries separated by commas (or spaces);
/// `*` alone means every host; a name matches itself and its subdomains (`example.com` and
/// `.example.com` both match `example.com` and `api.example.com`, never `badexample.com`); an IP
/// address matches itself, `10.0.0.0/8` a range of IPv4 addresses; `host:port` (or
/// `[::1]:8443`) only that port. Case does not matter.
public struct NoProxyRule: Sendable, Hashable, CustomStringConvertible {
    public enum Pattern: Sendable, Hashable {
        case everything
        case domain(String)
        case ipv4Range(address: UInt32, prefix: Int)
    }

    public var pattern: Pattern
    public var port: Int?

    /// The entries of a `NO_PROXY` value.
    public static func parse(list: String) -> [NoProxyRule] {
        list.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).compactMap { NoProxyRule(String($0)) }
    }

    /// One entry; `nil` for an empty one.
    public init?(_ entry: String) {
        var text = entry.trimmingCharacters(in: .whitespaces).lowercased()
        guard !text.isEmpty else { return nil }
        if text == "*" {
            pattern = .everything
            port = nil
            return
        }
        port = nil
        if text.hasPrefix("[") {
            // [v6]:port or [v6]
            guard let close = text.firstIndex(of: "]") else { return nil }
            let rest = text[text.index(after: close)...]
            if rest.hasPrefix(":"), let p = Int(rest.dropFirst()) { port = p }
            text = String(text[text.index(after: text.startIndex)..<close])
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.lastIndex(of: ":"), let p = Int(text[text.index(after: colon)...]) {
            port = p
            text = String(text[..<colon])
        }
        if let slash = text.firstIndex(of: "/"), let prefix = Int(text[text.index(after: slash)...]), (0...32).contains(prefix),
           let address = Self.ipv4(String(text[..<slash])) {
            pattern = .ipv4Range(address: address, prefix: prefix)
            return
        }
        while text.hasPrefix("*.") { text.removeFirst(2) }
        while text.hasPrefix(".") { text.removeFirst() }
        while text.hasSuffix(".") { text.removeLast() }
        guard !text.isEmpty else { return nil }
        pattern = .domain(text)
    }

    /// Whether a request to `host` (lowercase, without brackets) on `port` goes directly.
    public func matches(host: String, port: Int) -> Bool {
        if let only = self.port, only != port { return false }
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]."))
        switch pattern {
        case .everything: return true
        case .domain(let name): return host == name || host.hasSuffix("." + name)
        case .ipv4Range(let address, let prefix):
            guard let value = Self.ipv4(host) else { return false }
            let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << UInt32(32 - prefix)
            return value & mask == address & mask
        }
    }

    public var description: String {
        let base: String
        switch pattern {
        case .everything: base = "*"
        case .domain(let name): base = name.contains(":") ? "[\(name)]" : name
        case .ipv4Range(let address, let prefix):
            base = "\(address >> 24).\((address >> 16) & 255).\((address >> 8) & 255).\(address & 255)/\(prefix)"
        }
        return port.map { "\(base):\($0)" } ?? base
    }

    static func ipv4(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard let byte = UInt8(part) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        return value
    }
}
