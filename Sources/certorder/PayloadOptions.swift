import ArgumentParser
import CertOrder

/// `--product`: the product of JSON payloads given where scripts could stand (`send x.json`,
/// `check`, `compile`, `export`) that do not name theirs (`compile --requests` output does).
/// Without it such a payload is an error: the product picks the endpoint and the price.
struct PayloadOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The product of JSON payloads that do not name theirs: code_signing or code_signing_ev (cs, ev).",
                               valueName: "product"))
    var product: Product?
}
