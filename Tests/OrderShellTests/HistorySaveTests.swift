import Foundation
import LineEditor
import Testing
@testable import OrderShell

/// Issue 13, finding 14: a history file that cannot be written is a warning, not silence.
@Suite("History saving")
struct HistorySaveTests {
    @Test("finding 14: an unwritable history file gives a warning naming it and why")
    func finding14UnwritableHistoryWarns() throws {
        let (session, console) = ShellEntryTests.session()
        // A regular file where the history's directory should be: no user, root included, can write under it.
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("history-blocker-\(UUID().uuidString)").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        defer { unlink(blocker) }
        let path = blocker + "/certorder/history"
        let reader = PlainLineReader(fileDescriptor: -1)
        reader.addHistory("new ev")
        let shell = OrderShell(session: session, reader: reader, historyPath: path)
        shell.saveHistory()
        #expect(console.output == "warning: the history could not be saved to \(path): Not a directory\n")
    }
}
