import CertCentral
import CertOrder
import Foundation

/// The "send" benchmark: post ready-made payloads to a sandbox through ``CertCentralClient``,
/// one after another or with several in flight.
///
/// The payload file has one order a line, `PRODUCT<TAB>JSON`; `scripts/bench` writes it once so
/// that this client, Python `requests` and the curl loop post the very same bytes.
enum SendWorkload {
    struct Tally: Sendable {
        var placed = 0
        var failed = 0
        var firstError: String?

        mutating func add(_ result: Result<OrderResponse, CertCentralError>) {
            switch result {
            case .success: placed += 1
            case .failure(let error):
                failed += 1
                if firstError == nil { firstError = "\(error)" }
            }
        }
    }

    static func load(_ path: String) throws -> [(product: Product, payload: Data)] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            guard let tab = line.firstIndex(of: "\t"), let product = Product(rawValue: String(line[..<tab])) else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path])
            }
            return (product, Data(line[line.index(after: tab)...].utf8))
        }
    }

    /// Sends every payload, `concurrency` at a time (1: strictly one after another).
    static func run(_ client: CertCentralClient, _ payloads: [(product: Product, payload: Data)], concurrency: Int) async -> Tally {
        var tally = Tally()
        if concurrency <= 1 {
            for (product, payload) in payloads {
                tally.add(await place(client, product, payload))
            }
            return tally
        }
        await withTaskGroup(of: Result<OrderResponse, CertCentralError>.self) { group in
            var next = 0
            func launch() {
                guard next < payloads.count else { return }
                let (product, payload) = payloads[next]
                next += 1
                group.addTask { await place(client, product, payload) }
            }
            for _ in 0..<concurrency { launch() }
            while let result = await group.next() {
                tally.add(result)
                launch()
            }
        }
        return tally
    }

    private static func place(_ client: CertCentralClient, _ product: Product, _ payload: Data) async -> Result<OrderResponse, CertCentralError> {
        do {
            return .success(try await client.placeOrder(product: product, payload: payload))
        } catch {
            return .failure(error)
        }
    }
}
