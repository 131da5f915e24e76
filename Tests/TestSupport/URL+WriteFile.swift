import Foundation

extension URL {
    /// Writes `text` (UTF-8) to `name` below this folder, creating the folders on its way, and
    /// answers the file's path: how the CLI tests' worlds and directories lay out their inputs.
    @discardableResult
    public func writeFile(_ name: String, _ text: String) throws -> String {
        let file = appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }
}
