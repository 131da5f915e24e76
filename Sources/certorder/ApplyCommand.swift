import ArgumentParser
import Foundation
import OrderShell

/// `certorder apply FILE… [--renew-within DAYS] [--yes]`.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Place and renew what the plan says, so that the scripts' declared certificates exist.",
        discussion: """
        Makes the plan (see plan), shows it with the price and the account's balance, asks once \
        on a terminal (or --yes), then places each 'place' order and each 'renew' renewal \
        (renewal_of_order_id, alternative id NAME~rN) as send does: journaled first, paced, never \
        twice. A second apply does nothing. Nothing is applied when an order is blocked or \
        undeclared (exit 65).
        """
    )
    @OptionGroup var plan: PlanOptions
    @OptionGroup var session: SessionOptions
    @OptionGroup var confirm: ConfirmOptions
    @OptionGroup var pacing: PacingOptions

    func run() async throws {
        try await interruptible {
            try await session.withSession(assumeYes: confirm.yes, paced: !pacing.noPacing) { session in
                let orders = try await plan.declaredOrders(console: session.console)
                let terminal = session.terminal
                let console = session.console
                let ask: ((String) async -> Bool)? = console.isInteractive ? { question in
                    console.write(question)
                    // A signal while the question waits ends the wait.
                    let reply = await Interruption.shared.unlessSignalled { await terminal.run({ Swift.readLine() }) }
                    guard let answer = reply ?? nil else { return false }
                    return ["y", "yes"].contains(answer.lowercased())
                } : nil
                var result: OrderSession.ApplyResult?
                guard await session.perform({ result = try await session.apply(orders, renewWithin: plan.renewWithin, yes: confirm.yes, ask: ask) }),
                      let result else {
                    throw ExitCode(session.worstStatus == .success ? .dataError : session.worstStatus)
                }
                if result.status != .success { throw ExitCode(result.status) }
            }
        }
    }
}
