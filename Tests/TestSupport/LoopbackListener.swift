#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A TCP socket listening on 127.0.0.1 at a port the system picks: what the tests' hand-made
/// servers (``DribblingServer``, the CLI tests' black hole) start from.
public struct LoopbackListener {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The listening descriptor (close-on-exec); the caller owns it.
    public let descriptor: Int32
    public let port: Int
    /// The bound address, for a client of the caller's own to `connect` to.
    public let address: sockaddr_in

    /// Binds and listens with `backlog` (0: the queue holds one connection).
    public static func open(backlog: Int32, reuseAddress: Bool = false) throws(Failure) -> LoopbackListener {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        _ = fcntl(listener, F_SETFD, FD_CLOEXEC)
        if reuseAddress {
            var reuse: Int32 = 1
            setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, size) }
        }
        guard bound == 0, listen(listener, backlog) == 0 else {
            let reason = String(cString: strerror(errno))
            close(listener)
            throw Failure(description: "bind/listen: \(reason)")
        }
        var length = size
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        return LoopbackListener(descriptor: listener, port: Int(UInt16(bigEndian: address.sin_port)), address: address)
    }
}
