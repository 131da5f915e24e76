import ArgumentParser
import OrderShell

/// `certorder plan FILE… [--renew-within DAYS] [--json]`.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Say what apply would change so that the scripts' declared certificates exist.",
        discussion: """
        An order is declared by its name, its alternative_order_id. For each, one action: place \
        (nothing placed for the name yet), keep (placed, good beyond the renewal window), renew \
        (its certificate expires within the window: default 30 days), wait (placed, not issued \
        yet) or blocked (an error, a send of unknown outcome, an order rejected or revoked), with \
        the reason; orders without a name are undeclared. The journal is read first, the account \
        after it (its order list, a thousand orders a page), so a lost journal gives the same \
        plan. Nothing is sent. Exit status, as terraform plan -detailed-exitcode: 0 when nothing \
        would change, 2 when apply would place or renew, 65 when an order is blocked or undeclared.
        """
    )
    @OptionGroup var plan: PlanOptions
    @Flag(help: "Print {\"actions\": [{name, action, order_id, certificate_id, valid_till, reason}…]} instead of a table.") var json = false
    @OptionGroup var session: SessionOptions

    func run() async throws {
        try await interruptible {
            try await session.withSession { session in
                let orders = try await plan.declaredOrders(console: session.console)
                var made: Plan?
                guard await session.perform({ made = try await session.plan(orders, renewWithin: plan.renewWithin, json: json) }), let made else {
                    throw ExitCode(session.worstStatus == .success ? .dataError : session.worstStatus)
                }
                if made.exitCode != 0 { throw ExitCode(made.exitCode) }
            }
        }
    }
}
