import Foundation

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
