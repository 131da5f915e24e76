import CertOrder
import OrderLanguage
import OrderShell

/// A console for commands that place nothing (`compile`, `check`, `export`): its redactor knows
/// the key of `$DIGICERT_API_KEY`, so the key is masked in what they print, and an order that
/// holds it is refused (``compile(_:parameters:console:)``).
func plainConsole() -> Console {
    let redactor = SecretRedactor()
    _ = APIKeyStore(redactor: redactor)  // registers the environment's key with the redactor
    return Console(redactor: redactor)
}

/// Compiles `sources` and adds an error at each field that holds the session's API key
/// (issue 12, finding 10): such an order is never printed, exported, journaled or sent. The
/// error has no payload path, so `--force`, which lets CertCentral judge the validator's errors,
/// does not let it through.
func compile(_ sources: [Source], parameters: [String: String], payloadProduct: Product? = nil, console: Console) async -> Compilation {
    var compilation = await Compiler(parameters: parameters, payloadProduct: payloadProduct).compile(sources)
    for order in compilation.orders {
        for leak in console.redactor.diagnostics(for: order.request) {
            var located = order.locate(leak)
            located.path = nil
            compilation.diagnostics.append(located)
        }
    }
    return compilation
}
