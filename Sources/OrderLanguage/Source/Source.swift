import Foundation

/// The text of one script (a file, the shell's line, stdin) with the name diagnostics show for it
/// and, for a file, where it lives so that `include`, `@file` and `csv` paths resolve relative to it.
///
/// A reference type so that every ``SourceRange`` can point at its source cheaply; immutable, so
/// it is `Sendable`.
public final class Source: Sendable, Hashable, CustomStringConvertible {
    /// What diagnostics print before `:line:col`: the path as the user gave it, `<stdin>`, `<shell>`.
    public let name: String
    /// The text.
    public let text: String
    /// The file the text was read from; `nil` for the shell or stdin, whose paths resolve against
    /// the current directory.
    public let url: URL?
    /// The text's UTF-8 bytes, which the scanner reads.
    let bytes: [UInt8]
    /// The byte offset at which each line starts (the text's first line at index 0).
    let lineStarts: [Int]
    /// The line number of the text's first line: 1, or where a piped entry starts in its stream.
    public let firstLine: Int

    /// A source from text: `Source(name: "<shell>", text: line)`. `firstLine` numbers the text's
    /// first line, so that an entry read from line 12 of stdin reports `<stdin>:12:…`.
    public init(name: String, text: String, url: URL? = nil, firstLine: Int = 1) {
        self.name = name
        self.firstLine = firstLine
        self.text = text
        self.url = url?.standardizedFileURL
        let bytes = Array(text.utf8)
        self.bytes = bytes
        self.lineStarts = Self.lineStarts(of: bytes)
    }

    /// Reads a file: `name` is what diagnostics show (by default the path as given).
    /// - Throws: ``SourceError`` when the file cannot be read (see ``SourceReader``) or is not
    ///   UTF-8 text.
    public static func file(atPath path: String, name: String? = nil) throws(SourceError) -> Source {
        let url = URL(fileURLWithPath: path)
        let bytes = try SourceReader.readFile(atPath: url.path, shownAs: path, regularOnly: false)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SourceError(path: path, message: "cannot read '\(path)': it is not UTF-8 text")
        }
        return Source(name: name ?? path, text: text, url: url)
    }

    /// The offsets at which lines start: after each LF, and after each CR not followed by LF
    /// (LF, CRLF and a lone CR each end a line, as the scanner reads them). With `memchr`, as a
    /// 16 MiB source must not cost seconds.
    private static func lineStarts(of bytes: [UInt8]) -> [Int] {
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            func find(_ byte: UInt8, from: Int) -> Int? {
                guard from < count, let found = memchr(base + from, Int32(byte), count - from) else { return nil }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            var cr = find(0x0D, from: 0)
            var lf = find(0x0A, from: 0)
            while cr != nil || lf != nil {
                let end: Int // the last byte of the line break
                if let c = cr, lf.map({ c < $0 }) ?? true {
                    if lf == c + 1 {
                        end = c + 1
                        lf = find(0x0A, from: c + 2)
                    } else {
                        end = c
                    }
                    cr = find(0x0D, from: c + 1)
                } else {
                    end = lf!
                    lf = find(0x0A, from: end + 1)
                }
                starts.append(end + 1)
            }
        }
        return starts
    }

    /// The folder relative paths in this source resolve against: the file's folder, or the
    /// current directory.
    public var baseDirectory: URL {
        url?.deletingLastPathComponent() ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    }

    /// The display name of a path named in this source: relative paths are joined to this
    /// source's own folder as the user sees it (`Examples/recipes/acme.order`).
    func displayName(forPath path: String) -> String {
        if path.hasPrefix("/") || url == nil { return path }
        let folder = (name as NSString).deletingLastPathComponent
        if folder.isEmpty { return path }
        return ((folder as NSString).appendingPathComponent(path) as NSString).standardizingPath
    }

    /// Resolves a path named in this source.
    package func resolve(path: String) -> URL {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL }
        if path.hasPrefix("~/") { return URL(fileURLWithPath: (path as NSString).expandingTildeInPath).standardizedFileURL }
        return baseDirectory.appendingPathComponent(path).standardizedFileURL
    }

    /// The line number of a byte offset (counting from ``firstLine``).
    public func line(ofOffset offset: Int) -> Int {
        lineIndex(ofOffset: offset) + firstLine
    }

    /// The 0-based index into ``lineStarts`` of a byte offset.
    private func lineIndex(ofOffset offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The line and column (both 1-based; the column counts characters) of a byte offset.
    public func location(ofOffset offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        let index = lineIndex(ofOffset: clamped)
        let start = lineStarts[index]
        let column = String(decoding: bytes[start..<clamped], as: UTF8.self).count + 1
        return SourceLocation(line: index + firstLine, column: column, offset: clamped)
    }

    /// The text of a line (numbered from ``firstLine``), without its line break.
    public func lineText(_ number: Int) -> String {
        let line = number - firstLine + 1
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        if end > start, bytes[end - 1] == 0x0A { end -= 1 }
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// The source text between two byte offsets.
    func slice(_ start: Int, _ end: Int) -> String {
        let s = max(0, min(start, bytes.count)), e = max(s, min(end, bytes.count))
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }

    public static func == (a: Source, b: Source) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
    public var description: String { name }
}

/// A script file that could not be read.
public struct SourceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The path as given.
    public var path: String
    /// `cannot read 'x.order': no such file`.
    public var message: String
    /// Whether the input was refused for being larger than ``SourceReader/maximumBytes`` (an
    /// invalid input, exit status 65) rather than unreadable.
    public var isTooLarge: Bool

    public init(path: String, message: String, isTooLarge: Bool = false) {
        self.path = path
        self.message = message
        self.isTooLarge = isTooLarge
    }

    public var description: String { message }
}
