import Foundation
import Testing
@testable import LineEditor
import TestSupport

@Suite("History kept by libedit, saved to and loaded from a real file")
struct LineHistoryTests {
    /// A fresh directory per test (each test has its own suite value), removed with it.
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    @Test("entries come back oldest first; a multi-line entry stays one entry")
    func entries() {
        let history = LineHistory()
        history.add("set validity 1")
        history.add("order {\n  validity 2\n}")
        history.add("send")
        #expect(history.entries == ["set validity 1", "order {\n  validity 2\n}", "send"])
        #expect(history.count == 3)
    }

    @Test("an entry equal to the most recent one is not added again; empty entries are ignored")
    func unique() {
        let history = LineHistory()
        for entry in ["a", "a", "b", "", "a", "a"] { history.add(entry) }
        #expect(history.entries == ["a", "b", "a"])
    }

    @Test("only the most recent entries are kept")
    func bounded() {
        let history = LineHistory(maximumCount: 3)
        for number in 1...5 { history.add("entry \(number)") }
        #expect(history.entries == ["entry 3", "entry 4", "entry 5"])

        history.maximumCount = 2
        #expect(history.entries == ["entry 4", "entry 5"])
        history.add("entry 6")
        #expect(history.entries == ["entry 5", "entry 6"])

        history.maximumCount = 0
        #expect(history.entries.isEmpty)
        history.add("entry 7")
        #expect(history.entries.isEmpty)
    }

    @Test("the default bound is 1000")
    func defaultBound() {
        let history = LineHistory()
        #expect(history.maximumCount == 1000)
        for number in 1...1005 { history.add("\(number)") }
        #expect(history.count == 1000)
        #expect(history.entries.first == "6")
        #expect(history.entries.last == "1005")
    }

    @Test("clear removes every entry")
    func clear() {
        let history = LineHistory()
        history.add("a")
        history.add("b")
        history.clear()
        #expect(history.entries.isEmpty)
        #expect(history.count == 0)
    }

    @Test("save then load gives the same entries, in libedit's format")
    func roundTrip() throws {
        let path = directory.path("history")
        let entries = [
            "set validity 1",
            "order cs {\n  validity 2\n  comments \"two  spaces\"\n}",
            "note \"back\\slash\" \u{E9}t\u{E9} \u{1F389}",
            "tab\there",
            "  leading and trailing  ",
        ]
        let saved = LineHistory()
        for entry in entries { saved.add(entry) }
        try saved.save(path: path)

        let contents = try String(contentsOfFile: path, encoding: .utf8)
        #expect(contents.hasPrefix("_HiStOrY_V2_\n"))
        // One line per entry after the cookie: the newlines inside an entry are encoded.
        #expect(contents.split(separator: "\n", omittingEmptySubsequences: false).count == entries.count + 2)

        let loaded = LineHistory()
        #expect(try loaded.load(path: path) == entries.count)
        #expect(loaded.entries == entries)
    }

    @Test("loading adds after the current entries, within the bound")
    func loadAppends() throws {
        let path = directory.path("history")
        let saved = LineHistory()
        for number in 1...5 { saved.add("saved \(number)") }
        try saved.save(path: path)

        let history = LineHistory(maximumCount: 4)
        history.add("current")
        #expect(try history.load(path: path) == 5)
        #expect(history.entries == ["saved 2", "saved 3", "saved 4", "saved 5"])
    }

    @Test("the file is created 0600 and missing directories 0700")
    func permissionsOfNewFiles() throws {
        let path = directory.path("config/certorder/history")
        let history = LineHistory()
        history.add("secret-free line")
        try history.save(path: path)

        #expect(try TemporaryDirectory.permissions(of: path) == 0o600)
        #expect(try TemporaryDirectory.permissions(of: directory.path("config/certorder")) == 0o700)
        #expect(try TemporaryDirectory.permissions(of: directory.path("config")) == 0o700)
        // Nothing but the file is left behind (no temporary file).
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path("config/certorder")) == ["history"])
    }

    @Test("saving over a readable file makes it 0600 and replaces its contents")
    func permissionsOfExistingFile() throws {
        let path = directory.path("history")
        try "old contents\n".write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let history = LineHistory()
        history.add("new")
        try history.save(path: path)

        #expect(try TemporaryDirectory.permissions(of: path) == 0o600)
        let loaded = LineHistory()
        try loaded.load(path: path)
        #expect(loaded.entries == ["new"])
    }

    @Test("an existing directory keeps its permissions")
    func existingDirectory() throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.url.path)
        try LineHistory().save(path: directory.path("history"))
        #expect(try TemporaryDirectory.permissions(of: directory.url.path) == 0o755)
    }

    @Test("a missing or empty file loads nothing, without error")
    func missingOrEmpty() throws {
        let history = LineHistory()
        history.add("kept")
        #expect(try history.load(path: directory.path("absent/history")) == 0)
        _ = FileManager.default.createFile(atPath: directory.path("empty"), contents: Data())
        #expect(try history.load(path: directory.path("empty")) == 0)
        #expect(history.entries == ["kept"])
    }

    @Test("a file that is not a history file fails to load")
    func notHistory() throws {
        let path = directory.path("notes.txt")
        try "just some notes\nmore\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(throws: LineHistoryError.loadFailed(path: path)) {
            try LineHistory().load(path: path)
        }
    }

    @Test("saving under a regular file fails with ENOTDIR")
    func saveFailure() throws {
        let file = directory.path("file")
        _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        let path = file + "/history"
        #expect(throws: LineHistoryError.saveFailed(path: path, errno: ENOTDIR)) {
            try LineHistory().save(path: path)
        }
    }

    @Test("the directory part of a path", arguments: [
        ("history", "."),
        ("/history", "/"),
        ("a/b/history", "a/b"),
        ("/home/user/.certorder/history", "/home/user/.certorder"),
    ])
    func directoryOfPath(path: String, directory: String) {
        #expect(LineHistory.directory(containing: path) == directory)
    }
}
