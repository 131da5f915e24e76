import AsyncHTTPClient
import CertOrder
import Foundation
import Logging

extension CertCentralClient {
    enum Verb: String, Sendable {
        case get = "GET", post = "POST", put = "PUT"
    }

    /// What a request does, which decides what may be retried (see ``RetryPolicy``).
    enum Kind: Sendable {
        /// A read: retried on 429, 5xx, timeouts, lost connections and unreachable hosts.
        case read
        /// A status change: retried on 429 and unreachable hosts only.
        case statusChange
        /// An order: retried on unreachable hosts only (nothing was sent).
        case order
    }

    /// A response: its status and body.
    struct Reply: Sendable {
        var status: Int
        var body: Data
    }

    /// Sends one request with pacing and retries; answers a 2xx reply or throws.
    ///
    /// Deadlines: each attempt ends by ``Configuration/requestTimeout`` (connection, request and
    /// the whole answer), and no retry starts that could not end before
    /// ``Configuration/effectiveCallTimeout`` from the call's start. A call still waiting after
    /// ``Configuration/waitNoticeAfter`` says what it waits for (``Configuration/waitNotice``).
    ///
    /// Cancellation (Ctrl-C): before the request leaves, the call ends with
    /// ``CertCentralError/cancelledBeforeSending`` and sends nothing; a read under way is given up
    /// at once; an order or status change under way is awaited for
    /// ``Configuration/cancellationGrace`` more (its answer is what the caller records), then
    /// given up (``CertCentralError/cancelled``: its outcome is unknown).
    func perform(_ verb: Verb, _ path: String, query: [URLQueryItem] = [], body: Data? = nil, kind: Kind,
                 purpose: String? = nil) async throws(CertCentralError) -> Reply {
        let url = makeURL(path, query: query)
        let clock = ContinuousClock()
        let callTimeout = configuration.effectiveCallTimeout
        let callDeadline = clock.now + callTimeout
        // An order is not retried once it may have left: its limit is one request's.
        let watch = announceWait(verb: verb, path: path, purpose: purpose,
                                 limit: kind == .order ? min(configuration.requestTimeout, callTimeout) : callTimeout)
        defer { watch?.cancel() }
        var attempt = 0
        while true {
            attempt += 1
            if Task.isCancelled { throw .cancelledBeforeSending }
            let timeout = min(configuration.requestTimeout, callDeadline - clock.now)
            let error: CertCentralError
            switch await attemptOnce(verb, url: url, body: body, kind: kind, timeout: timeout) {
            case .success(let reply) where (200..<300).contains(reply.status):
                logger.debug("CertCentral answered", metadata: ["method": "\(verb.rawValue)", "path": "\(path)", "status": "\(reply.status)"])
                return reply
            case .success(let reply):
                error = mapStatus(reply)
            case .failure(let failure):
                error = failure
            }
            logger.debug("CertCentral request failed", metadata: ["method": "\(verb.rawValue)", "path": "\(path)", "attempt": "\(attempt)", "error": "\(error.status.map(String.init) ?? "\(error)")"])
            guard attempt < configuration.retry.maxAttempts, Self.isRetryable(error, kind: kind) else { throw error }
            let delay = configuration.retry.delay(afterAttempt: attempt, rateLimited: error == .rateLimited)
            // A retry that could not end before the call's deadline is not started.
            guard clock.now + delay + .milliseconds(100) < callDeadline else { throw error }
            do {
                try await Task.sleep(for: delay)
            } catch {
                // Between attempts: this attempt was not sent (a read's earlier one may have been,
                // which changes nothing; an order is only retried when nothing was sent).
                throw .cancelledBeforeSending
            }
        }
    }

    /// A task that tells ``Configuration/waitNotice`` what the call waits for once it has waited
    /// ``Configuration/waitNoticeAfter``; cancelled when the call ends.
    private func announceWait(verb: Verb, path: String, purpose: String?, limit: Duration) -> Task<Void, Never>? {
        guard let notice = configuration.waitNotice else { return nil }
        let after = configuration.waitNoticeAfter
        let host = endpoint.hostAndPort
        return Task {
            do { try await Task.sleep(for: after) } catch { return }
            notice("waiting for \(host) to answer \(verb.rawValue) \(path)\(purpose.map { " (\($0))" } ?? ""): "
                   + "\(Self.describe(after)) so far; giving up after \(Self.describe(limit))")
        }
    }

    /// `2 s`, `1.5 s`.
    static func describe(_ duration: Duration) -> String {
        let ms = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return ms % 1000 == 0 ? "\(ms / 1000) s" : String(format: "%.1f s", Double(ms) / 1000)
    }

    /// Whether `error` may be retried for a request of `kind`.
    static func isRetryable(_ error: CertCentralError, kind: Kind) -> Bool {
        switch (error, kind) {
        // An untrusted certificate or a proxy that wants credentials stays so: asking again only delays the error.
        case (.unreachable(_, let reason), _): return !reason.hasPrefix("the TLS certificate") && !reason.hasPrefix("the proxy asks")
        case (.rateLimited, .read), (.rateLimited, .statusChange): return true
        case (.server, .read), (.timeout, .read), (.connectionLost, .read): return true
        default: return false
        }
    }

    /// One attempt: waits for the pacer, sends, reads the whole answer within `timeout`.
    func attemptOnce(_ verb: Verb, url: String, body: Data?, kind: Kind = .read, timeout: Duration) async -> Result<Reply, CertCentralError> {
        var ticket: Pacer.Ticket?
        if let pacer {
            do {
                ticket = try await pacer.acquireTicket()
            } catch {
                return .failure(.cancelledBeforeSending)
            }
        }
        let result: Result<Reply, CertCentralError>
        if Task.isCancelled {
            // Interrupted while it waited for its turn: it never leaves.
            result = .failure(.cancelledBeforeSending)
        } else if kind == .read {
            result = await exchange(verb, url: url, body: body, timeout: timeout)
        } else {
            result = await shielded { [self] in await exchange(verb, url: url, body: body, timeout: timeout) }
        }
        if let pacer, let ticket { await pacer.complete(ticket) }
        return result
    }

    /// Runs `work` in a task of its own that the caller's cancellation does not reach at once:
    /// a change already on its way is awaited ``Configuration/cancellationGrace`` more, so that
    /// its answer is recorded; then it is cancelled too.
    private func shielded(_ work: @escaping @Sendable () async -> Result<Reply, CertCentralError>) async -> Result<Reply, CertCentralError> {
        let inner = Task { await work() }
        let grace = configuration.cancellationGrace
        return await withTaskCancellationHandler {
            await inner.value
        } onCancel: {
            Task {
                try? await Task.sleep(for: grace)
                inner.cancel()
            }
        }
    }

    /// Sends the request and reads the whole answer, all within `timeout`: a server that sends
    /// its headers and then a byte now and then is given up at the deadline (``CertCentralError/timeout``).
    func exchange(_ verb: Verb, url: String, body: Data?, timeout: Duration) async -> Result<Reply, CertCentralError> {
        await withTaskGroup(of: Result<Reply, CertCentralError>?.self) { group in
            group.addTask { [self] in await transfer(verb, url: url, body: body, timeout: timeout) }
            group.addTask {
                do { try await Task.sleep(for: timeout) } catch { return nil }
                return .failure(.timeout)
            }
            var outcome: Result<Reply, CertCentralError>?
            while let next = await group.next() {
                if let next {
                    outcome = next
                    break
                }
            }
            group.cancelAll()
            return outcome ?? .failure(.cancelled)
        }
    }

    /// One HTTP exchange: the request, then the whole answer.
    private func transfer(_ verb: Verb, url: String, body: Data?, timeout: Duration) async -> Result<Reply, CertCentralError> {
        var request = HTTPClientRequest(url: url)
        switch verb {
        case .get: request.method = .GET
        case .post: request.method = .POST
        case .put: request.method = .PUT
        }
        if let apiKey { request.headers.add(name: "X-DC-DEVKEY", value: apiKey) }
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        if let body { request.body = .bytes(body) }

        var status = 0  // known once the head arrived: an oversized answer reports it
        do {
            let response = try await http.execute(request, timeout: .nanoseconds(Self.nanoseconds(timeout)), logger: logger)
            status = Int(response.status.code)
            let buffer = try await response.body.collect(upTo: configuration.maxResponseBytes)
            return .success(Reply(status: status, body: Data(buffer.readableBytesView)))
        } catch {
            if String(reflecting: type(of: error)).hasSuffix("TooManyBytesError") {
                return .failure(.invalidResponse(status: status, detail: "the answer is larger than \(configuration.maxResponseBytes) bytes"))
            }
            let failure = Self.classify(error, host: endpoint.hostAndPort)
            // Which certificate was not trusted: asked of the server once more, with nothing sent.
            if case .unreachable(let host, let reason) = failure, reason.hasPrefix(Self.untrustedPrefix(host)),
               let certificate = await CertificateProbe.describe(host: endpoint.host, port: endpoint.baseURL.port ?? 443,
                                                                 proxy: configuration.network.proxy(for: endpoint)) {
                return .failure(.unreachable(host: host, reason: Self.untrustedPrefix(host) + " (\(certificate))"
                                             + reason.dropFirst(Self.untrustedPrefix(host).count)))
            }
            return .failure(failure)
        }
    }

    /// The error of a non-2xx answer.
    func mapStatus(_ reply: Reply) -> CertCentralError {
        let envelope = APIError.decode(reply.body).map(redact)
        switch reply.status {
        case 401: return .unauthorized
        case 403: return .forbidden(envelope)
        case 404: return .notFound(envelope)
        case 429: return .rateLimited
        case 500...599: return .server(status: reply.status)
        default:
            if let envelope { return .api(status: reply.status, envelope) }
            let text = redact(String(decoding: reply.body.prefix(200), as: UTF8.self)).trimmingCharacters(in: .whitespacesAndNewlines)
            let code = (300..<400).contains(reply.status) ? "redirect" : "http_\(reply.status)"
            let message = (300..<400).contains(reply.status)
                ? "the endpoint answered with a redirect, which is not followed; check the endpoint URL"
                : (text.isEmpty ? "no error details in the answer" : text)
            return .api(status: reply.status, APIError(errors: [APIError.Entry(code: code, message: message)]))
        }
    }

    /// The envelope with the key removed from every message.
    func redact(_ envelope: APIError) -> APIError {
        APIError(errors: envelope.errors.map { APIError.Entry(code: redact($0.code), message: redact($0.message)) })
    }

    /// Sorts a transport error: was the request certainly not sent (``CertCentralError/unreachable(host:reason:)``),
    /// or may it have reached the server (``CertCentralError/timeout``, ``CertCentralError/connectionLost``)?
    ///
    /// Only failures while connecting count as "not sent"; anything else is taken to have maybe reached it.
    static func classify(_ error: any Error, host: String) -> CertCentralError {
        if error is CancellationError { return .cancelled }
        if let e = error as? HTTPClientError {
            switch e {
            case .connectTimeout: return .unreachable(host: host, reason: "connection timed out")
            // Still queued for a connection when the deadline passed: never sent.
            case .getConnectionFromPoolTimeout: return .unreachable(host: host, reason: "no connection could be had in time")
            case .deadlineExceeded, .readTimeout, .writeTimeout: return .timeout
            case .cancelled: return .cancelled
            // The proxy answered the CONNECT with an error, or not at all: nothing reached CertCentral.
            case .proxyAuthenticationRequired: return .unreachable(host: host, reason: "the proxy asks for credentials (407): put them in the proxy URL")
            case .invalidProxyResponse: return .unreachable(host: host, reason: "the proxy refused the CONNECT")
            case .httpProxyHandshakeTimeout, .socksHandshakeTimeout: return .unreachable(host: host, reason: "the proxy did not answer in time")
            default: return .connectionLost
            }
        }
        let typeName = String(reflecting: type(of: error))
        let text = String(describing: error).lowercased()
        // Errors NIO raises while connecting (it is not a declared dependency, hence the names).
        // A certificate not trusted, or not naming the host: the handshake failed, nothing was sent.
        if typeName.contains("NIOSSL") && (text.contains("certificate_verify_failed") || text.contains("certificate verify failed")) {
            return .unreachable(host: host, reason: untrustedPrefix(host) + " is not trusted: no trusted CA issued it; "
                                + "add its CA with --ca-file FILE or SSL_CERT_FILE")
        }
        if typeName.contains("NIOSSL") && text.contains("failedtovalidatehostname") {
            return .unreachable(host: host, reason: "the TLS certificate that \(host) presented is for another host name")
        }
        if typeName.hasSuffix("NIOConnectionError") || typeName.hasSuffix("SocketAddressError")
            || (typeName.hasSuffix("ChannelError") && text.contains("connecttimeout"))
            || (typeName.hasSuffix("IOError") && Self.isConnectFailure(text))
            || (typeName.contains("NIOSSL") && text.contains("handshake")) {
            return .unreachable(host: host, reason: reason(text))
        }
        return .connectionLost
    }

    /// How the reason of an untrusted certificate begins.
    static func untrustedPrefix(_ host: String) -> String { "the TLS certificate that \(host) presented" }

    /// Whether an `IOError`'s text (lowercased) is one only connecting raises: a failed
    /// `connect(…)` call, or a refused / unreachable errno (111, 101, 113) however it was reported
    /// (NIO reports a refused connect as "connection reset (error set): Connection refused (errno: 111)").
    static func isConnectFailure(_ text: String) -> Bool {
        text.contains("connect(") || text.contains("connection refused") || text.contains("(errno: 111)")
            || text.contains("(errno: 101)") || text.contains("(errno: 113)")
    }

    static func reason(_ text: String) -> String {
        if text.contains("refused") { return "connection refused" }
        if text.contains("handshake") { return "TLS handshake failed" }
        if text.contains("timeout") || text.contains("timed out") { return "connection timed out" }
        if text.contains("unreachable") { return "network unreachable" }
        if text.contains("dns") || text.contains("resolve") || text.contains("unknown") || text.contains("not known")
            || text.contains("no address") || text.contains("socketaddresserror") {
            return "host not found"
        }
        return "connection failed"
    }

    func makeURL(_ path: String, query: [URLQueryItem]) -> String {
        var url = endpoint.baseURL.absoluteString
        while url.hasSuffix("/") { url.removeLast() }
        url += path
        if !query.isEmpty {
            var components = URLComponents()
            components.queryItems = query
            url += "?" + (components.percentEncodedQuery ?? "")
        }
        return url
    }

    static func nanoseconds(_ d: Duration) -> Int64 {
        let c = d.components
        let (ns, overflow) = c.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : ns + c.attoseconds / 1_000_000_000
    }
}
