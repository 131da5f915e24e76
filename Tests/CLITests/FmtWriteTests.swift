import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 13, finding 10: `fmt --write` rewrites the file a name leads to and keeps what the
/// user set on it. Before, it replaced a symlink with a regular file, turned 0600 into 0644 and
/// broke hard links.
@Suite("fmt --write")
struct FmtWriteTests {
    static let unformatted = "order cs <organization 123456\n  unit 42>\n"

    static func inode(_ path: String) -> (inode: UInt64, mode: mode_t, uid: uid_t, links: UInt64) {
        var info = stat()
        _ = stat(path, &info)
        return (UInt64(info.st_ino), info.st_mode & 0o7777, info.st_uid, UInt64(info.st_nlink))
    }

    @Test("finding 10: fmt --write writes through a symlink, keeps mode 0600 and the owner, and keeps hard links")
    func finding10FmtWriteKeepsLinksModeAndOwner() async throws {
        let world = try CLIWorld()
        let real = try world.write("real.order", Self.unformatted)
        let expected = try await world.certorder(["fmt", "real.order"])
        #expect(expected.status == 0, "\(expected)")
        #expect(expected.stdout != Self.unformatted)

        // A symlink: the file it leads to is rewritten; the link stays a link.
        #expect(symlink("real.order", world.path + "/link.order") == 0)
        #expect(chmod(real, 0o600) == 0)
        if getuid() == 0 { #expect(chown(real, 4321, 4321) == 0) }
        let before = Self.inode(real)
        let viaLink = try await world.certorder(["fmt", "--write", "link.order"])
        #expect(viaLink.status == 0, "\(viaLink)")
        var info = stat()
        #expect(lstat(world.path + "/link.order", &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK)
        #expect(try world.read("real.order") == expected.stdout)
        let after = Self.inode(real)
        #expect(after.mode == 0o600)
        #expect(after.uid == before.uid)

        // Hard links: both names see the new text, and they stay one file.
        let a = try world.write("a.order", Self.unformatted)
        #expect(link(a, world.path + "/b.order") == 0)
        let linked = try await world.certorder(["fmt", "--write", "a.order"])
        #expect(linked.status == 0, "\(linked)")
        #expect(try world.read("a.order") == expected.stdout)
        #expect(try world.read("b.order") == expected.stdout)
        #expect(Self.inode(a).inode == Self.inode(world.path + "/b.order").inode)
        #expect(Self.inode(a).links == 2)
        // No temporary file is left beside them.
        let names = try FileManager.default.contentsOfDirectory(atPath: world.path).filter { $0.contains(".fmt-") }
        #expect(names.isEmpty, "\(names)")
    }
}
