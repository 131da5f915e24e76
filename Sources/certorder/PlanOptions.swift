import ArgumentParser
import OrderLanguage
import OrderShell

/// What `plan` and `apply` share: the scripts, their parameters and the renewal window.
struct PlanOptions: ParsableArguments {
    @Argument(help: "Order scripts declaring the certificates that should exist; - reads stdin.") var files: [String]
    @Option(name: .customLong("renew-within"),
            help: ArgumentHelp("Renew a certificate that expires within this many days (default 30).", valueName: "DAYS"))
    var renewWithin: Int?
    @OptionGroup var parameters: ParameterOptions

    func validate() throws {
        if let renewWithin, !(0...459).contains(renewWithin) {
            throw ValidationError("--renew-within takes a number of days from 0 to 459; got \(renewWithin)")
        }
    }

    /// The scripts' orders, each with where it was made. Prints the diagnostics; a language
    /// error (the scripts cannot be read as a whole) exits 65. The validator's errors do not:
    /// the plan shows those orders as blocked.
    func declaredOrders(console: Console) async throws -> [DeclaredOrder] {
        let compilation = await compile(try loadSources(files, console: console), parameters: try parameters.parameters(), console: console)
        if !compilation.diagnostics.isEmpty {
            console.error(DiagnosticRenderer(colour: console.colour).render(compilation.diagnostics))
        }
        if compilation.diagnostics.errors.contains(where: { $0.path == nil }) {
            console.error("no plan: \(DiagnosticRenderer.summary(compilation.diagnostics))")
            throw ExitCode(.dataError)
        }
        guard !compilation.orders.isEmpty else {
            console.error("no plan: the scripts declare no order")
            throw ExitCode(.dataError)
        }
        return compilation.orders.map { order in
            DeclaredOrder(label: "\(order.orderRange.source.name):\(order.orderRange.location.line)", order: order)
        }
    }
}
