/// How values are written in a script: quoting and escaping, shared by ``ScriptFormatter`` and
/// ``ScriptExporter`` so that what they print scans back to the same value.
enum ScriptSyntax {
    /// `"..."` with `\" \\ \n \t \r` escapes, `\$` before `{`, and `\u{...}` for other control
    /// characters.
    static func quote(_ text: String) -> String {
        "\"" + escape(text) + "\""
    }

    /// The body of a one-line string. The escapes are Swift's too, so ``SwiftExporter`` writes
    /// its literals with them; `interpolation` is whether `${` would start one (the language's
    /// strings), so its `$` is escaped.
    static func escape(_ text: String, interpolation: Bool = true) -> String {
        var out = ""
        let scalars = Array(text.unicodeScalars)
        for (i, s) in scalars.enumerated() {
            switch s {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "$":
                let next = i + 1 < scalars.count ? scalars[i + 1] : nil
                out += interpolation && next == "{" ? "\\$" : "$"
            default:
                if s.value < 0x20 || s.value == 0x7F {
                    out += "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(s)
                }
            }
        }
        return out
    }

    /// One line of a `"""` string's body: backslashes, runs of three or more quotes and `${`
    /// escaped.
    static func escapeBlockLine(_ line: String) -> String {
        var out = ""
        let scalars = Array(line.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            switch s {
            case "\\": out += "\\\\"
            case "\"":
                var run = 0
                while i + run < scalars.count, scalars[i + run] == "\"" { run += 1 }
                out += String(repeating: run >= 3 ? "\\\"" : "\"", count: run)
                i += run
                continue
            case "$":
                out += i + 1 < scalars.count && scalars[i + 1] == "{" ? "\\$" : "$"
            case "\r": out += "\\r"
            case "\t": out += "\t"
            default:
                if s.value < 0x20 || s.value == 0x7F {
                    out += "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(s)
                }
            }
            i += 1
        }
        return out
    }

    /// A `"""` string whose lines are indented by `indent`, the closing delimiter too.
    static func blockString(_ parts: [StringPart], indent: String) -> String {
        var lines: [String] = [""]
        for part in parts {
            switch part {
            case .text(let t):
                // Split on the scalar: "\r\n" is one Character.
                let pieces = t.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
                for (n, piece) in pieces.enumerated() {
                    if n > 0 { lines.append("") }
                    lines[lines.count - 1] += escapeBlockLine(String(String.UnicodeScalarView(piece)))
                }
            case .interpolation(let name, let column, _):
                lines[lines.count - 1] += "${" + name + (column.map { "." + $0 } ?? "") + "}"
            }
        }
        var out = "\"\"\"\n"
        for line in lines {
            out += line.isEmpty ? "\n" : indent + line + "\n"
        }
        return out + indent + "\"\"\""
    }

    /// A one-line string from its parts.
    static func quote(parts: [StringPart]) -> String {
        var out = "\""
        for part in parts {
            switch part {
            case .text(let t):
                out += escape(t)
            case .interpolation(let name, let column, _):
                out += "${" + name + (column.map { "." + $0 } ?? "") + "}"
            }
        }
        return out + "\""
    }

    /// Whether `text` can be written as a bare word and scan back as the same word.
    static func isBareWord(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, first < 0x80, ScriptScanner.isWordStart(first), first != 0x7E else { return false }
        guard bytes.allSatisfy({ $0 < 0x80 && ScriptScanner.isWordByte($0) }) else { return false }
        return !text.contains("://")
    }

    /// A text value as a script writes it: a bare word when it is one, otherwise quoted. Text
    /// made of digits is quoted too (`zip "69662"`), so it reads as text.
    static func value(_ text: String) -> String {
        isBareWord(text) ? text : quote(text)
    }
}
