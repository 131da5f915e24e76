import Foundation
import CertOrder
import TestSupport
@testable import OrderLanguage

/// One kind of diagnostic and the smallest script that gives it, with the first line of its
/// rendered form (`t.order:L:C: error: MESSAGE`): the golden test of its wording and place.
struct DiagnosticSample: Sendable, CustomStringConvertible {
    let id: DiagnosticID
    /// The script, run as `t.order` in a fresh folder.
    let script: String
    /// Other files of the folder, by name.
    var files: [String: [UInt8]] = [:]
    /// Hand commands to a ``RecordingHandler`` (else they are skipped with a warning).
    var handler = false
    /// Compile with the validator (else only evaluate).
    var validate = false
    /// The location line as the renderer prints it.
    let expected: String

    init(_ id: LanguageMessageID, _ script: String, files: [String: String] = [:], handler: Bool = false,
         validate: Bool = false, _ expected: String) {
        self.init(id.id, script, files: files, handler: handler, validate: validate, expected)
    }

    init(_ id: ValidationMessageID, _ script: String, files: [String: String] = [:], _ expected: String) {
        self.init(id.id, script, files: files, validate: true, expected)
    }

    init(_ id: DiagnosticID, _ script: String, files: [String: String], handler: Bool = false, validate: Bool, _ expected: String) {
        self.id = id
        self.script = script
        self.files = files.mapValues { Array($0.utf8) }
        self.handler = handler
        self.validate = validate
        self.expected = expected
    }

    var description: String { id.rawValue }

    /// The sample with one more file, given as bytes (text that is not UTF-8).
    func with(_ name: String, bytes: [UInt8]) -> DiagnosticSample {
        var copy = self
        copy.files[name] = bytes
        return copy
    }

    /// Runs the script; the diagnostics it gives.
    func run() async throws -> [LanguageDiagnostic] {
        let folder = try TemporaryDirectory(prefix: "certorder-diagnostic")
        defer { folder.remove() }
        for (name, bytes) in files {
            let url = folder.url.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        let source = Source(name: "t.order", text: script, url: folder.url.appendingPathComponent("t.order"))
        if validate {
            return await Compiler(validator: Validator(today: testToday)).compile(source).diagnostics
        }
        return await Interpreter().evaluate(source, handler: handler ? RecordingHandler() : nil).diagnostics
    }
}
