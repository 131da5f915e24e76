import Foundation
import Testing

/// The set-up most lifecycle tests share: a world with the sample CSR, ``LifecycleTests/emailOrder``
/// written as `release.order`, a sandbox with the given approval workflow, and that order placed.
struct PlacedEmailOrder {
    let world: CLIWorld
    /// The order script's path.
    let order: String
    let sandbox: CLISandbox
    /// `--endpoint` and the sandbox's URL, to append to a command.
    let endpoint: [String]
    /// The placed order's id.
    let id: Int

    static func start(approval: String = "auto") async throws -> PlacedEmailOrder {
        let world = try CLIWorld()
        try world.copy(packageFile: "Examples/request.csr")
        let order = try world.write("release.order", LifecycleTests.emailOrder)
        let sandbox = try await CLISandbox.start(world: world, arguments: ["--approval", approval])
        let endpoint = ["--endpoint", sandbox.baseURL]
        let id = try LifecycleTests.placedOrderID(try await world.certorder(["send", order, "--yes"] + endpoint))
        return PlacedEmailOrder(world: world, order: order, sandbox: sandbox, endpoint: endpoint, id: id)
    }
}
