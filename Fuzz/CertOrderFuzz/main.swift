#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// libFuzzer's driver, started from this module's main: SwiftPM links an executable's entry point
// itself (`main` is an alias of `CertOrderFuzz_main`), so libFuzzer's own `main` cannot be used.
// `LLVMFuzzerRunDriver` is libFuzzer's documented entry point for that case.

@_extern(c, "LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, certOrderFuzzOne))
