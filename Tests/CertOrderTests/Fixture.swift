import Foundation
import TestSupport

/// Reads the project's own copies of the documented examples (`Fixtures/`).
enum Fixture {
    static func data(_ name: String) throws -> Data {
        try DocumentedExample.fixture(name)
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try data(name), as: UTF8.self)
    }

    /// The documented request body, without its final newline.
    static func documentedRequest() throws -> String {
        var text = try text("documented-ev-order.request.json")
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
