import ArgumentParser
import CertCentralSandbox
import Foundation
import OrderShell

/// `certorder sandbox`: the local CertCentral, standalone.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a local CertCentral sandbox on 127.0.0.1 with the Services API's routes."
    )

    @Option(help: "The port (0 picks a free one).") var port: Int = 8443
    @Option(help: "Approval flow: one-step (pending), two-step (submitted), auto (approved).") var approval: String = "one-step"
    @Option(name: .customLong("issue-after"), help: "Seconds from approval to issuance.") var issueAfter: Double = 0
    @Option(help: "Keep orders in this file across restarts.") var state: String?
    @Flag(name: .customLong("no-rate-limit"), help: "Lift the documented rate limits.") var noRateLimit = false
    @Flag(name: .customLong("key-owner-without-job-title"),
          help: "The API key's owner (GET /user/me) has no job title, so an order without a verified contact lacks one.")
    var keyOwnerWithoutJobTitle = false
    @Option(name: .customLong("latency-ms"), help: "Added latency before every answer.") var latencyMs: Int = 0
    @Option(name: .customLong("failure-rate"), help: "Share of requests answered 500 (0 to 1).") var failureRate: Double = 0
    @Option(name: .customLong("drop-next-orders"), help: "Commit the next N orders, then drop the connection without answering.")
    var dropNextOrders: Int = 0
    @Option(name: .customLong("accepted-keys-file"), help: ArgumentHelp(
        "Accept only the API keys in this file, one per line (others get 401); by default any non-empty key.",
        valueName: "FILE"))
    var acceptedKeysFile: String?
    @Option(name: .customLong("ca-cert"), help: ArgumentHelp(
        "Write the sandbox CA's root certificate (PEM) to this file when it starts: what verifies the certificates it issues.",
        valueName: "FILE"))
    var caCert: String?
    @Option(name: .customLong("tls-cert"), help: ArgumentHelp(
        "Serve https:// with this certificate chain (PEM), for tests of proxies and trust roots; needs --tls-key.", valueName: "FILE"))
    var tlsCert: String?
    @Option(name: .customLong("tls-key"), help: ArgumentHelp("The private key (PEM) of --tls-cert.", valueName: "FILE"))
    var tlsKey: String?

    func validate() throws {
        guard SandboxConfiguration.ApprovalMode(name: approval) != nil else {
            throw ValidationError("--approval must be one-step, two-step or auto")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535 (0 picks a free one); got \(port)") }
        guard (0...1).contains(failureRate) else { throw ValidationError("--failure-rate must be between 0 and 1") }
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together") }
    }

    func run() async throws {
        var configuration = SandboxConfiguration(
            port: port, approval: SandboxConfiguration.ApprovalMode(name: approval)!, issueAfter: issueAfter,
            rateLimit: !noRateLimit, stateFile: state.map { URL(fileURLWithPath: $0) })
        configuration.latency = .milliseconds(latencyMs)
        configuration.failureRate = failureRate
        configuration.dropNextOrders = dropNextOrders
        configuration.tlsCertificateFile = tlsCert
        configuration.tlsKeyFile = tlsKey
        configuration.keyOwnerHasJobTitle = !keyOwnerWithoutJobTitle
        if let acceptedKeysFile {
            // A file, not arguments: keys on a command line are visible to every local user.
            guard let text = try? String(contentsOfFile: acceptedKeysFile, encoding: .utf8) else {
                throw ValidationError("cannot read --accepted-keys-file \(acceptedKeysFile)")
            }
            let keys = Set(text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            guard !keys.isEmpty else { throw ValidationError("--accepted-keys-file \(acceptedKeysFile) holds no key") }
            configuration.acceptedKeys = keys
        }
        let server = try SandboxServer(configuration: configuration)
        if let caCert {
            // Written before the banner: a script that waits for the banner finds the root there.
            do {
                let pem = try await server.rootCertificatePEM()
                try Data(pem.utf8).write(to: URL(fileURLWithPath: caCert), options: .atomic)
            } catch {
                throw ValidationError("cannot write --ca-cert \(caCert): \(error)")
            }
        }
        let bound = try await server.start()
        FileHandle.standardOutput.write(Data("CertCentral sandbox on \(server.scheme)://127.0.0.1:\(bound)/services/v2 (approval \(approval)); Ctrl-C stops it\n".utf8))
        let (signals, received) = AsyncStream<Void>.makeStream()
        let trap = SignalTrap([SIGINT, SIGTERM]) { _ in received.yield() }
        for await _ in signals { break }
        trap.cancel()
        await server.stop()
    }
}
