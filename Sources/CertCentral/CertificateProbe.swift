import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import X509

/// Names the certificate a server presented when it was not trusted: a second TLS handshake,
/// through the same proxy, that only reads the server's certificates and then refuses them.
///
/// The failed handshake of the request itself says only "certificate verify failed"; the user
/// needs to know *which* certificate (a TLS-inspecting proxy's, a test CA's) to add its CA. No
/// request is ever sent on the probe's connection: its verification callback always answers
/// "failed", so the handshake never completes.
enum CertificateProbe {
    /// `CN=sandbox.certorder.test, issued by CN=CertOrder Test CA`: the leaf certificate `host:port`
    /// presents (reached through `proxy` when given), or `nil` when it cannot be had within `timeout`.
    static func describe(host: String, port: Int, proxy: NetworkSettings.Proxy?, timeout: TimeAmount = .seconds(5)) async -> String? {
        guard proxy?.kind != .socks5 else { return nil }
        let group = MultiThreadedEventLoopGroup.singleton
        let loop = group.next()
        let captured = loop.makePromise(of: [NIOSSLCertificate].self)
        // SNI and the name checked: never an IP literal (NIOSSL refuses one).
        let serverName = host.contains(":") || host.split(separator: ".").allSatisfy({ Int($0) != nil }) ? nil : host
        let makeTLS: @Sendable () throws -> NIOSSLClientHandler = {
            let context = try NIOSSLContext(configuration: .makeClientConfiguration())
            return try NIOSSLClientHandler(context: context, serverHostname: serverName) { certificates, verdict in
                captured.succeed(certificates)
                verdict.succeed(NIOSSLVerificationResult.failed)
            }
        }
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                do {
                    if let proxy {
                        try channel.pipeline.syncOperations.addHandler(TunnelHandler(target: "\(host.contains(":") ? "[\(host)]" : host):\(port)",
                                                                                     proxy: proxy, makeTLS: makeTLS))
                    } else {
                        try channel.pipeline.syncOperations.addHandler(try makeTLS())
                    }
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
        let channel: Channel
        do {
            channel = try await bootstrap.connect(host: proxy?.host ?? host, port: proxy?.port ?? port).get()
        } catch {
            captured.fail(error)
            return nil
        }
        channel.closeFuture.whenComplete { _ in captured.fail(ChannelError.ioOnClosedChannel) }
        let timer = loop.scheduleTask(in: timeout) { captured.fail(ChannelError.connectTimeout(timeout)) }
        defer {
            timer.cancel()
            channel.close(promise: nil)
        }
        guard let leaf = try? await captured.futureResult.get().first,
              let certificate = try? Certificate(derEncoded: leaf.toDERBytes()) else { return nil }
        return "\(certificate.subject), issued by \(certificate.issuer)"
    }

    /// Asks the proxy for a tunnel (`CONNECT`), then starts TLS in it.
    private final class TunnelHandler: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        let target: String
        let proxy: NetworkSettings.Proxy
        let makeTLS: @Sendable () throws -> NIOSSLClientHandler
        private var answer = ""

        init(target: String, proxy: NetworkSettings.Proxy, makeTLS: @escaping @Sendable () throws -> NIOSSLClientHandler) {
            self.target = target
            self.proxy = proxy
            self.makeTLS = makeTLS
        }

        func channelActive(context: ChannelHandlerContext) {
            var request = "CONNECT \(target) HTTP/1.1\r\nHost: \(target)\r\n"
            if let user = proxy.username {
                let credentials = Data("\(user):\(proxy.password ?? "")".utf8).base64EncodedString()
                request += "Proxy-Authorization: Basic \(credentials)\r\n"
            }
            request += "\r\n"
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: request)), promise: nil)
            context.fireChannelActive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            answer += buffer.readString(length: buffer.readableBytes) ?? ""
            guard answer.contains("\r\n\r\n") else { return }
            // "HTTP/1.1 200 Connection established": the tunnel is open; anything else, give up.
            guard answer.split(separator: " ").dropFirst().first == "200" else {
                context.close(promise: nil)
                return
            }
            do {
                try context.pipeline.syncOperations.addHandler(try makeTLS(), position: .after(self))
                context.pipeline.syncOperations.removeHandler(self, promise: nil)
            } catch {
                context.close(promise: nil)
            }
        }
    }
}
