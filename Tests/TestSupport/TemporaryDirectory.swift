import Foundation

/// A fresh directory under the system's temporary directory, removed by ``remove()`` or, at
/// the latest, when the last reference goes.
public final class TemporaryDirectory: Sendable {
    public let url: URL

    /// Creates `<tmp>/<prefix>-<uuid>`.
    public init(prefix: String = "CertOrderTests") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        remove()
    }

    /// The path of `relativePath` inside the directory.
    public func path(_ relativePath: String) -> String {
        url.appendingPathComponent(relativePath).path
    }

    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// The permission bits (`0o777` part) of the file or directory at `path`.
    public static func permissions(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return ((attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
    }
}
