import Hummingbird

/// The sandbox's request context: Hummingbird's core storage, plus a way to drop the request's
/// connection without answering (the "commit, then drop" fault).
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Closes the connection at once; nothing more is written to it.
    let dropConnection: @Sendable () async -> Void

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        let channel = source.channel
        dropConnection = { try? await channel.close().get() }
    }
}

/// Thrown after the connection was dropped on purpose: Hummingbird's attempt to answer it fails
/// on the closed channel, so the client sees the connection end without a response.
struct ConnectionDropped: Error {}
