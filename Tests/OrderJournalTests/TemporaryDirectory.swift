import Foundation

/// A fresh directory under the system's temporary directory, removed when released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("OrderJournalTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// A path inside the directory.
    func path(_ relative: String) -> String {
        url.appendingPathComponent(relative).path
    }
}

/// The permission bits of a file or directory.
func permissions(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as! NSNumber).intValue & 0o777
}

/// A small order payload; `altID` stands in for an auto-generated alternative_order_id.
func samplePayload(commonName: String = "Example Corp", altID: String? = nil) -> Data {
    var json = #"{"certificate":{"common_name":"\#(commonName)"},"validity_years":1"#
    if let altID { json += #","alternative_order_id":"\#(altID)""# }
    return Data((json + "}").utf8)
}

/// The id of a process that has run and ended (reaped, so `kill(pid, 0)` fails with ESRCH).
func pidOfEndedProcess() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
}
