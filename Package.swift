// swift-tools-version:6.0
// StreamJobs: a DLI-compatible job service for Apache Flink.
// Layout: C modules -> generic adapters (HTTP, PostgreSQL, JSON, migrations) -> domain -> adapters
// that know jobs (PostgreSQL store, DLI wire API) -> app wiring -> thin executable.
import PackageDescription

let package = Package(
    name: "StreamJobs",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "streamjobs", targets: ["streamjobs"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // C libraries, found through pkg-config; shim.h wraps the variadic calls.
        .systemLibrary(
            name: "CMicroHTTPD", path: "Sources/CMicroHTTPD", pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"]), .brew(["libmicrohttpd"])]),
        .systemLibrary(
            name: "CLibPQ", path: "Sources/CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]),

        // Generic adapters: they know nothing of jobs.
        .target(name: "HTTPServer", dependencies: ["CMicroHTTPD", .product(name: "Logging", package: "swift-log")]),
        .target(name: "PostgresClient", dependencies: ["CLibPQ"]),
        .target(name: "JSONCodec"),
        .target(name: "SchemaMigrations", dependencies: ["PostgresClient"]),

        // The job domain: statuses, state rules, errors, repository protocol, service. Imports no adapter.
        .target(name: "JobDomain"),

        // Adapters that know jobs.
        .target(
            name: "JobStorePostgres",
            dependencies: ["JobDomain", "PostgresClient", "JSONCodec", .product(name: "Logging", package: "swift-log")]),
        .target(
            name: "DLIAPI",
            dependencies: ["JobDomain", "HTTPServer", "JSONCodec", .product(name: "Logging", package: "swift-log")]),

        // Wiring: configuration, commands. The executable is a thin main.
        .target(
            name: "StreamJobsApp",
            dependencies: [
                "HTTPServer", "PostgresClient", "SchemaMigrations", "JobDomain", "JobStorePostgres", "DLIAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(name: "streamjobs", dependencies: ["StreamJobsApp"]),

        // Tests: one target per module, plus shared support (database fixtures, HTTP client).
        .target(name: "TestSupport", dependencies: ["PostgresClient", "SchemaMigrations"], path: "Tests/TestSupport"),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "TestSupport"]),
        .testTarget(name: "PostgresClientTests", dependencies: ["PostgresClient", "TestSupport"]),
        .testTarget(name: "JSONCodecTests", dependencies: ["JSONCodec"]),
        .testTarget(name: "SchemaMigrationsTests", dependencies: ["SchemaMigrations", "TestSupport"]),
        .testTarget(name: "JobDomainTests", dependencies: ["JobDomain"]),
        .testTarget(name: "JobStorePostgresTests", dependencies: ["JobStorePostgres", "TestSupport", "PostgresClient"]),
        .testTarget(name: "DLIAPITests", dependencies: ["DLIAPI", "JSONCodec", "TestSupport"]),
        .testTarget(name: "StreamJobsAppTests", dependencies: ["StreamJobsApp", "TestSupport", "JSONCodec"]),
    ]
)
