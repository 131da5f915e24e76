import ArgumentParser
import Foundation
import OrderLanguage
import OrderShell

/// `certorder fmt PATH…`: the canonical form of scripts, printed, written back (`--write`),
/// checked (`--check`, for CI) or shown as a unified diff (`--diff`). A directory stands for
/// every `*.order` file under it, in name order.
struct FmtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Print the canonical form of scripts (comments kept); --check and --diff for CI.",
        discussion: """
        Exit status: 0 when done (with --check: every file is formatted), 1 when --check finds a \
        file that is not formatted (its name is printed), 65 when a script has a syntax error, 73 \
        when --write cannot write a file.
        """
    )

    @Argument(help: "Order scripts or directories (every *.order under them); - reads stdin.",
              completion: .file(extensions: ["order"]))
    var paths: [String]
    @Flag(help: "Rewrite the files that are not formatted, in place.") var write = false
    @Flag(help: "Print the names of the files that are not formatted and exit 1 if there is one; write nothing.") var check = false
    @Flag(help: "Print a unified diff from each file to its canonical form.") var diff = false

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("name a script, a directory or - (stdin)") }
        if write && (check || diff) { throw ValidationError("--write rewrites the files; --check and --diff only report") }
        if write && paths.contains("-") { throw ValidationError("--write cannot rewrite stdin") }
    }

    func run() throws {
        let console = plainConsole()
        var unformatted: [String] = []
        var failed = false
        for path in try Self.scripts(expanding: paths, console: console) {
            let source = try loadSources([path], console: console)[0]
            let result = ScriptFormatter.format(source)
            guard let text = result.text else {
                console.error(DiagnosticRenderer(colour: console.colour).render(result.diagnostics))
                failed = true
                continue
            }
            let name = path == "-" ? source.name : path
            if !check && !diff && !write {
                console.write(text)
                continue
            }
            guard text != source.text else { continue }
            unformatted.append(name)
            if diff { console.write(UnifiedDiff(old: source.text, new: text, oldName: "a/\(name)", newName: "b/\(name)").text) }
            if check && !diff { console.print(name) }
            if write {
                do {
                    try FileRewrite.replaceContents(of: path, with: Data(text.utf8))
                } catch {
                    console.error("error: \(error)")
                    throw ExitCode(rawValue: 73)  // EX_CANTCREAT: the output could not be written
                }
            }
        }
        if failed { throw ExitCode(.dataError) }
        if check && !unformatted.isEmpty { throw ExitCode(1) }
    }

    /// The scripts `paths` name: files as given (`-` too), directories walked for `*.order` files
    /// (sorted, so the output is the same on every machine). A path that does not exist is a
    /// usage error, said before anything is formatted.
    static func scripts(expanding paths: [String], console: Console) throws -> [String] {
        var scripts: [String] = []
        let files = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            if path != "-", files.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                let found = (files.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                    .filter { $0.hasSuffix(".order") }
                    .map { (path as NSString).appendingPathComponent($0) }
                    .filter { files.fileExists(atPath: $0, isDirectory: &isDirectory) && !isDirectory.boolValue }
                scripts += found.sorted()
            } else {
                scripts.append(path)
            }
        }
        return scripts
    }
}
