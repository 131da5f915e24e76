import CertOrder
import Foundation

/// The documented example order (DigiCert's EV code signing request) and its three answers, as
/// the files of `Tests/CertOrderTests/Fixtures` hold them: the one copy every test target reads.
public enum DocumentedExample {
    /// `Tests/CertOrderTests/Fixtures`.
    public static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("CertOrderTests/Fixtures", isDirectory: true)

    /// The bytes of `Fixtures/<name>`.
    public static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }

    /// The documented request body, as it stands (pretty-printed, final newline included).
    public static func payload() throws -> Data {
        try fixture("documented-ev-order.request.json")
    }

    /// The documented request, decoded. `name` replaces the shipping name, so that orders of
    /// different tests (or of one batch) are distinct.
    public static func request(name: String? = nil) throws -> OrderRequest {
        var request = try PayloadReader.read(try payload())
        if let name { request.shipInfo?.name = name }
        return request
    }
}
