import Foundation
import Testing

/// Docs/Lifecycle.md, "a year in the life of a certificate", run as written: its files are
/// written, its `$` lines run in order against a sandbox of the test's own (its port in place of
/// 8443), each must succeed, and the output lines the page shows under a command must be among
/// the command's output lines (`…` standing for any text). The page and `certorder` cannot drift.
@Suite("Docs/Lifecycle.md walk-through")
struct WalkthroughTests {
    /// One `$` line of the page and the output lines shown under it.
    struct Step {
        var command: String
        var expected: [String]
    }

    /// The page's files (`<!-- file: NAME -->` then a fenced block) and its steps (`$` lines of
    /// ```` ```console ```` blocks), in page order.
    static func parse(_ page: String) -> (files: [(name: String, text: String)], steps: [Step]) {
        var files: [(String, String)] = []
        var steps: [Step] = []
        var pendingFile: String?
        var block: (kind: String, lines: [String])?
        for line in page.components(separatedBy: "\n") {
            if var open = block {
                if line.hasPrefix("```") {
                    if let name = pendingFile {
                        files.append((name, open.lines.joined(separator: "\n") + "\n"))
                        pendingFile = nil
                    } else if open.kind == "console" {
                        for text in open.lines {
                            if text.hasPrefix("$ ") {
                                steps.append(Step(command: String(text.dropFirst(2)), expected: []))
                            } else if !text.isEmpty, !steps.isEmpty {
                                steps[steps.count - 1].expected.append(text)
                            }
                        }
                    }
                    block = nil
                } else {
                    open.lines.append(line)
                    block = open
                }
                continue
            }
            if line.hasPrefix("<!-- file: "), line.hasSuffix(" -->") {
                pendingFile = String(line.dropFirst("<!-- file: ".count).dropLast(" -->".count))
            } else if line.hasPrefix("```") {
                block = (String(line.dropFirst(3)), [])
            }
        }
        return (files, steps)
    }

    /// The words of a command line as a POSIX shell splits them (single and double quotes).
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        for ch in line {
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
            } else if ch == "'" || ch == "\"" {
                quote = ch
                inWord = true
            } else if ch == " " {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(ch)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// Whether `line` matches `pattern`, `…` standing for any text.
    static func matches(_ line: String, _ pattern: String) -> Bool {
        let parts = pattern.components(separatedBy: "…")
        guard parts.count > 1 else { return line == pattern }
        guard line.hasPrefix(parts[0]), line.hasSuffix(parts[parts.count - 1]) else { return false }
        var rest = Substring(line.dropFirst(parts[0].count))
        for part in parts.dropFirst().dropLast() {
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.count >= parts[parts.count - 1].count
    }

    @Test("the page's parser finds its files and steps")
    func parser() {
        let page = "<!-- file: a.order -->\n```\nx\n```\n```console\n$ certorder expiring\nno …\n$ true\n```\n```sh\nnot run\n```\n"
        let (files, steps) = Self.parse(page)
        #expect(files.map(\.name) == ["a.order"] && files.first?.text == "x\n")
        #expect(steps.map(\.command) == ["certorder expiring", "true"])
        #expect(steps.first?.expected == ["no …"])
        #expect(Self.words(#"curl -d '{"a": 1}' "b c" d"#) == ["curl", "-d", #"{"a": 1}"#, "b c", "d"])
        #expect(Self.matches("valid till 2028-03-01 (59 days left)", "valid till … (59 days left)"))
        #expect(!Self.matches("valid till 2028-03-01 (58 days left)", "valid till … (59 days left)"))
    }

    @Test("every command of Docs/Lifecycle.md runs as the page says")
    func walkthrough() async throws {
        let (files, steps) = Self.parse(try CLIPackage.read("Docs/Lifecycle.md"))
        #expect(files.map(\.name) == ["release.order", "hello.ps1", "renewal.order"])
        #expect(steps.count >= 15, "\(steps.map(\.command))")
        let world = try CLIWorld()
        for file in files { try world.write(file.name, file.text) }
        let sandbox = try await CLISandbox.start(world: world, arguments: ["--approval", "auto", "--ca-cert", world.path + "/sandbox-root.pem"])
        let address = sandbox.rootURL.replacingOccurrences(of: "http://", with: "")
        for step in steps {
            let words = Self.words(step.command.replacingOccurrences(of: "127.0.0.1:8443", with: address))
            let program = words[0]
            if program == "osslsigncode", !CLIPackage.hasOrRequired("osslsigncode") { continue }
            let result = program == "certorder"
                ? try await world.certorder(Array(words.dropFirst()))
                : try await world.run(program, Array(words.dropFirst()))
            #expect(result.status == 0, "\(step.command): \(result)")
            let lines = result.stdout.components(separatedBy: "\n")
            // The page's sandbox address stands for this sandbox's in what it prints too (hints).
            for pattern in step.expected.map({ $0.replacingOccurrences(of: "127.0.0.1:8443", with: address) }) {
                #expect(lines.contains { Self.matches($0, pattern) }, "\(step.command): no line '\(pattern)' in \(result)")
            }
        }
        try await sandbox.stop()
    }
}
