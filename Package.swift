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
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // C libraries, found through pkg-config; shim.h wraps the variadic calls.
        .systemLibrary(
            name: "CMicroHTTPD", path: "Sources/CMicroHTTPD", pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"]), .brew(["libmicrohttpd"])]),
        .systemLibrary(
            name: "CLibPQ", path: "Sources/CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        // OpenSSL's libcrypto (already linked by libpq): SHA-256, HMAC, AES-256-GCM, RAND_bytes, CRYPTO_memcmp.
        .systemLibrary(
            name: "CCrypto", path: "Sources/CCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]),

        // The one concurrency rule, enforced in debug builds: a marked thread (an HTTP worker) never waits.
        .target(name: "WaitRule"),
        // Generic adapters: they know nothing of jobs.
        .target(
            name: "HTTPServer", dependencies: ["CMicroHTTPD", "WaitRule", .product(name: "Logging", package: "swift-log")]),
        .target(name: "PostgresClient", dependencies: ["CLibPQ", "WaitRule"]),
        .target(name: "JSONCodec"),
        .target(name: "SchemaMigrations", dependencies: ["PostgresClient"]),
        // Object paths (obs://bucket/key) mapped to files below a root; zip archives over zlib.
        .target(name: "ObjectStore", dependencies: ["WaitRule"]),
        .target(name: "ZipArchive", dependencies: ["CZlib"]),
        // The Flink settings a job may give in `runtime_config` (parse and allow-list), shared by the API and the engine.
        .target(name: "FlinkSettings", dependencies: ["JSONCodec"]),
        // Metric names and recording helpers shared by the app and the engine reconciler (swift-metrics API only).
        .target(name: "ServiceMetrics", dependencies: [.product(name: "Metrics", package: "swift-metrics")]),

        // The job domain: statuses, state rules, errors, repository protocol, service. Imports no adapter.
        .target(name: "JobDomain", dependencies: ["WaitRule"]),

        // Authentication (AK/SK signatures as the Huawei Cloud SDK makes them, tokens) and audit events;
        // knows HTTP requests but not DLI. Its PostgreSQL store is a separate adapter.
        .target(name: "Auth", dependencies: ["CCrypto", "HTTPServer"]),
        .target(
            name: "AuthStorePostgres",
            dependencies: ["Auth", "PostgresClient", "JSONCodec", .product(name: "Logging", package: "swift-log")]),

        // Adapters that know jobs.
        .target(
            name: "JobStorePostgres",
            dependencies: ["JobDomain", "PostgresClient", "JSONCodec", .product(name: "Logging", package: "swift-log")]),
        .target(
            name: "DLIAPI",
            dependencies: [
                "JobDomain", "HTTPServer", "JSONCodec", .product(name: "Logging", package: "swift-log"), "ObjectStore",
                "ZipArchive", "Auth", "FlinkSettings",
            ]),
        // The Flink engine adapter: the JobManager REST API over FoundationNetworking's URLSession.
        .target(name: "FlinkEngine", dependencies: ["JobDomain", "JSONCodec", "ObjectStore", "FlinkSettings", "WaitRule", "ZipArchive"]),

        // The alarm webhook adapter: signed POSTs of failure alarms over FoundationNetworking's URLSession
        // (the HMAC is Auth's).
        .target(name: "AlarmWebhook", dependencies: ["JobDomain", "JSONCodec", "Auth", "WaitRule"]),

        // Wiring: configuration, commands. The executable is a thin main.
        .target(
            name: "StreamJobsApp",
            dependencies: [
                "HTTPServer", "PostgresClient", "SchemaMigrations", "JobDomain", "JobStorePostgres", "DLIAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                "ServiceMetrics", "JSONCodec", "FlinkEngine", "ObjectStore", "Auth", "AuthStorePostgres", "AlarmWebhook",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]),
        .executableTarget(name: "streamjobs", dependencies: ["StreamJobsApp"]),
        // Fuzz target over the router, validators and JSON (scripts/fuzz builds it with libFuzzer; a plain
        // build gives a corpus replayer).
        .executableTarget(
            name: "StreamJobsFuzz", dependencies: ["DLIAPI", "HTTPServer", "JSONCodec", "JobDomain", "ObjectStore",
                .product(name: "Logging", package: "swift-log")], path: "fuzz/StreamJobsFuzz"),

        // Tests: one target per module, plus shared support (database fixtures, HTTP client).
        .target(name: "TestSupport", dependencies: ["PostgresClient", "SchemaMigrations"], path: "Tests/TestSupport"),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "TestSupport"]),
        .testTarget(name: "PostgresClientTests", dependencies: ["PostgresClient", "TestSupport"]),
        .testTarget(name: "JSONCodecTests", dependencies: ["JSONCodec"]),
        .testTarget(name: "ObjectStoreTests", dependencies: ["ObjectStore"]),
        .testTarget(name: "FlinkSettingsTests", dependencies: ["FlinkSettings"]),
        .testTarget(name: "WaitRuleTests", dependencies: ["WaitRule"]),
        .testTarget(name: "ZipArchiveTests", dependencies: ["ZipArchive"]),
        .testTarget(name: "SchemaMigrationsTests", dependencies: ["SchemaMigrations", "TestSupport"]),
        .testTarget(name: "JobDomainTests", dependencies: ["JobDomain"]),
        .testTarget(name: "AuthTests", dependencies: ["Auth", "HTTPServer"]),
        .testTarget(name: "JobStorePostgresTests", dependencies: ["JobStorePostgres", "TestSupport", "PostgresClient"]),
        .testTarget(name: "DLIAPITests", dependencies: ["DLIAPI", "JSONCodec", "TestSupport", "Auth"]),
        .testTarget(
            name: "StreamJobsAppTests",
            dependencies: [
                "StreamJobsApp", "TestSupport", "JSONCodec", "ZipArchive", "Auth", "AuthStorePostgres", "JobDomain",
                "JobStorePostgres", "ObjectStore",
            ]),
        .testTarget(
            name: "FlinkEngineTests",
            dependencies: [
                "FlinkEngine", "JobDomain", "JobStorePostgres", "PostgresClient", "TestSupport", "JSONCodec", "StreamJobsApp",
                "Auth", "AuthStorePostgres", "AlarmWebhook", "HTTPServer", .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "ServiceMetricsTests",
            dependencies: ["ServiceMetrics", .product(name: "MetricsTestKit", package: "swift-metrics")]),
    ]
)
