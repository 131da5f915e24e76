import TestSupport

/// A journal's path in a fresh temporary directory, for the suites that open one file more than
/// once (two instances, another process, a reopening); the directory goes with the value.
struct JournalFile {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path("journal.sqlite")
    }
}
