/// The entry point: runs ``CertOrderCommand``, which parses the command line and runs the command.
///
/// Kept apart from the command tree so that the fuzz target (`Fuzz/CertOrderFuzz`, Docs/Fuzzing.md),
/// which compiles this folder with an entry point of its own (libFuzzer's driver), can leave it out
/// and parse fuzzed command lines with the very same tree.
@main
enum CertOrderMain {
    static func main() async {
        await CertOrderCommand.main()
    }
}
