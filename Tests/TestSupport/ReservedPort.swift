#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A port of 127.0.0.1 held by a socket that is bound but not listening: a connection to it is
/// refused at once, and nothing else can bind it while the test holds it. Released by
/// ``release()`` or, at the latest, when the last reference goes.
public final class ReservedPort: @unchecked Sendable {
    public let port: Int
    private let lock = NSLock()
    private var descriptor: Int32

    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Frees the port (for a server the test starts on it). Safe to call more than once.
    public func release() {
        lock.lock()
        defer { lock.unlock() }
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
    }

    deinit { release() }
}
