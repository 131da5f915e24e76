// swift-tools-version: 6.0
import PackageDescription

/// A dependency on `name` from the package `package` (the URL's last component).
func product(_ name: String, _ package: String) -> Target.Dependency {
    .product(name: name, package: package)
}

let package = Package(
    name: "CertOrder",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "CertOrder", targets: ["CertOrder"]),
        .library(name: "OrderLanguage", targets: ["OrderLanguage"]),
        .library(name: "CertCentral", targets: ["CertCentral"]),
        .library(name: "CertCentralSandbox", targets: ["CertCentralSandbox"]),
        .library(name: "OrderJournal", targets: ["OrderJournal"]),
        .executable(name: "certorder", targets: ["certorder"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Already in the graph through async-http-client and postgres-nio: named for the
        // PostgreSQL journal's event loop and its TLS (`sslmode=require`/`verify-full`), the
        // client's trust roots (TLSConfiguration) and the probe that names an untrusted
        // certificate (CertificateProbe).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // config.toml (issue 17): ~40 s of a clean build measured on this machine (toml++ in C++).
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // The model, DSL, validator and payload coding: Foundation and swift-certificates only.
        .target(
            name: "CertOrder",
            dependencies: [product("X509", "swift-certificates"), product("Crypto", "swift-crypto"), product("_CryptoExtras", "swift-crypto")]
        ),
        .target(name: "OrderLanguage", dependencies: ["CertOrder"]),
        .target(
            name: "CertCentral",
            dependencies: ["CertOrder", product("AsyncHTTPClient", "async-http-client"), product("Logging", "swift-log"), product("NIOSSL", "swift-nio-ssl"),
                           product("NIOCore", "swift-nio"), product("NIOPosix", "swift-nio"), product("X509", "swift-certificates")]
        ),
        // The sandbox answers in the shapes the client reads, by the client models' keys.
        .target(
            name: "CertCentralSandbox",
            dependencies: [
                "CertOrder", "CertCentral",
                // The sandbox's CA issues real certificates (SandboxCA).
                product("X509", "swift-certificates"), product("Crypto", "swift-crypto"),
                product("Hummingbird", "hummingbird"), product("HTTPTypes", "swift-http-types"), product("Logging", "swift-log"),
                // `certorder sandbox --tls-cert/--tls-key`: the sandbox behind TLS (proxy and CA tests).
                product("HummingbirdCore", "hummingbird"), product("HummingbirdTLS", "hummingbird"), product("NIOSSL", "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "OrderJournal",
            dependencies: [
                "CertOrder", product("GRDB", "GRDB.swift"), product("Crypto", "swift-crypto"),
                // The PostgreSQL store (PostgresJournalStore) and the shared rate budget.
                product("PostgresNIO", "postgres-nio"), product("Logging", "swift-log"),
                product("NIOCore", "swift-nio"), product("NIOSSL", "swift-nio-ssl"),
            ]
        ),
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "LineEditor", dependencies: ["CEditLine"]),
        // The commit `certorder --version` prints, given by scripts/install (-Xcc -DCERTORDER_COMMIT=…).
        .systemLibrary(name: "CBuildInfo"),
        .target(
            name: "OrderShell",
            dependencies: [
                "CertOrder", "OrderLanguage", "CertCentral", "CertCentralSandbox", "OrderJournal", "LineEditor", "CBuildInfo",
                product("TOMLKit", "TOMLKit"),
            ]
        ),
        // `certorder lsp`: the language server (JSON-RPC over stdio, hand-written).
        .target(name: "OrderLanguageServer", dependencies: ["OrderLanguage", "CertOrder"]),
        .executableTarget(
            name: "certorder",
            dependencies: ["OrderShell", "OrderLanguageServer", product("ArgumentParser", "swift-argument-parser")]
        ),
        // Benchmarks: built in release by scripts/bench, never by scripts/test.
        .executableTarget(
            name: "CertOrderBench",
            dependencies: ["CertOrder", "OrderLanguage", "CertCentral", "CertCentralSandbox"]
        ),
        // What every test target shares: waiting on a condition, a seeded generator, a manual
        // clock, reserved ports, temporary directories and the documented example.
        .target(name: "TestSupport", dependencies: ["CertOrder"], path: "Tests/TestSupport"),
        .testTarget(name: "CertOrderTests", dependencies: ["CertOrder", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "OrderLanguageTests", dependencies: ["OrderLanguage", "CertOrder", "TestSupport"], resources: [.copy("Golden")]),
        .testTarget(name: "CertCentralTests", dependencies: ["CertCentral", "CertCentralSandbox", "CertOrder", "TestSupport"]),
        .testTarget(
            name: "OrderJournalTests",
            dependencies: ["OrderJournal", "CertOrder", "TestSupport", product("GRDB", "GRDB.swift")]
        ),
        .testTarget(name: "LineEditorTests", dependencies: ["LineEditor", "TestSupport"]),
        .testTarget(name: "OrderShellTests", dependencies: ["OrderShell", "TestSupport"], resources: [.copy("Golden")]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"]),
        .testTarget(name: "OrderLanguageServerTests", dependencies: ["OrderLanguageServer", "OrderLanguage", "CertOrder", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer target (scripts/fuzz, Docs/Fuzzing.md): declared only when CERTORDER_FUZZ is set,
// so `swift build` and `swift test` never see it. It fuzzes the command-line layer too (issue 13):
// `Fuzz/CertOrderFuzz/CLI` is a link to `Sources/certorder`, compiled into the fuzz target without
// its entry point (`CertOrderMain.swift`), so the `certorder` executable is left out of this build
// (two targets may not share a folder).
if Context.environment["CERTORDER_FUZZ"] != nil {
    package.targets.removeAll { $0.name == "certorder" }
    package.products.removeAll { $0.name == "certorder" }
    package.targets.append(
        .executableTarget(
            name: "CertOrderFuzz",
            dependencies: [
                "OrderLanguage", "CertOrder", "LineEditor", "OrderShell", "OrderLanguageServer",
                product("ArgumentParser", "swift-argument-parser"),
            ],
            path: "Fuzz/CertOrderFuzz",
            exclude: ["CLI/CertOrderMain.swift"],
            swiftSettings: [.enableExperimentalFeature("Extern")]
        )
    )
}
