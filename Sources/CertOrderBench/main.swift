import CertCentral
import CertOrder
import Foundation

/// Benchmarks run by `scripts/bench` in release builds. Each mode prints one line of
/// `key=value` pairs that the script turns into the comparison table.
let arguments = CommandLine.arguments.dropFirst()
guard let mode = arguments.first else {
    FileHandle.standardError.write(Data("usage: CertOrderBench orders N | orders-breakdown N | send BASE_URL PAYLOADS.tsv [CONCURRENCY]\n".utf8))
    exit(64)
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

switch mode {
case "orders":
    // Build, validate and encode N varied orders, as a program embedding the DSL would.
    let count = Int(arguments.dropFirst().first ?? "100000") ?? 100_000
    let validator = Validator()
    var bytes = 0
    var errors = 0
    let elapsed = seconds {
        for i in 0..<count {
            let order = OrderWorkload.order(i)
            errors += validator.validate(order.request, product: order.product).errors.count
            bytes += PayloadWriter.bytes(order.request, pretty: false).count
        }
    }
    print("orders=\(count) seconds=\(elapsed) bytes=\(bytes) errors=\(errors)")
case "orders-breakdown":
    // Where the time of "orders" goes: building, validating and encoding measured apart.
    let count = Int(arguments.dropFirst().first ?? "100000") ?? 100_000
    var orders: [Order] = []
    orders.reserveCapacity(count)
    let build = seconds { for i in 0..<count { orders.append(OrderWorkload.order(i)) } }
    let validator = Validator()
    var errors = 0
    let validate = seconds { for order in orders { errors += validator.validate(order.request, product: order.product).count } }
    var bytes = 0
    let encode = seconds { for order in orders { bytes += PayloadWriter.bytes(order.request, pretty: false).count } }
    print("build=\(build) validate=\(validate) encode=\(encode) diagnostics=\(errors)")
case "send":
    // Post every payload of the file to a sandbox with one keep-alive client, unpaced:
    // CONCURRENCY at a time (1, the default, is strictly sequential).
    let rest = Array(arguments.dropFirst())
    guard rest.count >= 2, let url = URL(string: rest[0]) else {
        FileHandle.standardError.write(Data("usage: CertOrderBench send BASE_URL PAYLOADS.tsv [CONCURRENCY]\n".utf8))
        exit(64)
    }
    let concurrency = rest.count > 2 ? Int(rest[2]) ?? 1 : 1
    let payloads = try SendWorkload.load(rest[1])
    let client = try CertCentralClient(endpoint: .url(url), apiKey: "certorder-bench", pacing: .off)
    let start = DispatchTime.now().uptimeNanoseconds
    let tally = await SendWorkload.run(client, payloads, concurrency: concurrency)
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    if let error = tally.firstError { FileHandle.standardError.write(Data("send: first failure: \(error)\n".utf8)) }
    print("orders=\(payloads.count) concurrency=\(concurrency) seconds=\(elapsed) placed=\(tally.placed) failed=\(tally.failed)")
default:
    FileHandle.standardError.write(Data("unknown mode \(mode)\n".utf8))
    exit(64)
}
