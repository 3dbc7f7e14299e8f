// swift-tools-version: 6.0
import PackageDescription

/// One set of settings for every target: Swift 6 mode plus the upcoming features the
/// project relies on so that imports and existentials stay explicit.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "spx-data",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "spx-data", targets: ["spx-data"]),
        .library(name: "Parquet", targets: ["Parquet"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
        .library(name: "StateStore", targets: ["StateStore"]),
        .library(name: "MarketCalendar", targets: ["MarketCalendar"]),
        .library(name: "GapAnalysis", targets: ["GapAnalysis"]),
        .library(name: "ThetaData", targets: ["ThetaData"]),
        .library(name: "TerminalSimulator", targets: ["TerminalSimulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Already resolved for async-http-client and Hummingbird; named so that ThetaData and the
        // simulator can use ByteBuffer and the tests can run a loopback HTTP server.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        // The simulator's server logger, quiet when the demo runs it in process; already resolved.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // SHA-256 of staging and output files; already resolved for Hummingbird.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // System libraries: Debian's libzstd-dev and zlib1g-dev.
        .systemLibrary(
            name: "CZstd", pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // glibc's <malloc.h>, for the allocator tuning of the streaming commands.
        .systemLibrary(name: "CMalloc"),

        .target(
            name: "Parquet",
            dependencies: ["CZstd", "CZlib"],
            swiftSettings: swiftSettings),
        // What an archive file says of itself: its footer's keys and its schema versions.
        .target(name: "ArchiveFormat", dependencies: ["Parquet"], swiftSettings: swiftSettings),
        // The content checks of an archived day: each check, its score, the day's grade.
        .target(
            name: "Quality",
            dependencies: [
                "ArchiveFormat", "Parquet", "MarketCalendar",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "Pipeline",
            dependencies: [
                "ArchiveFormat", "Parquet", "Quality", "ThetaData", "MarketCalendar", "GapAnalysis", "StateStore", "HealthCheck",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),
        // The SQLite ledger: processing attempts, configuration, errors, metrics. No networking.
        .target(
            name: "StateStore",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        // Checks of the machine the pipeline runs on: disk space and the Terminal's status.
        .target(name: "HealthCheck", swiftSettings: swiftSettings),
        // NYSE sessions, holidays, early closes and date ranges: pure, no I/O, no Foundation.
        .target(name: "MarketCalendar", swiftSettings: swiftSettings),
        // Missing sessions of a ledger, their categories, priorities and work estimate.
        .target(name: "GapAnalysis", dependencies: ["MarketCalendar"], swiftSettings: swiftSettings),
        // The Terminal client, API v3 and v2: endpoints, streaming decoders, errors, retries,
        // the request limiter. No GRDB, no Parquet.
        .target(
            name: "ThetaData",
            dependencies: [
                // Day numbers of date-time fields; pure, no I/O.
                "MarketCalendar",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        // A local ThetaData Terminal (v2 and v3) with deterministic chains, latency and faults.
        .target(
            name: "TerminalSimulator",
            dependencies: [
                "MarketCalendar",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "spx-data",
            dependencies: [
                "ArchiveFormat", "Parquet", "Pipeline", "MarketCalendar", "GapAnalysis", "CMalloc", "StateStore", "HealthCheck",
                "Quality", "TerminalSimulator", "ThetaData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),
        // Reads and writes the canonical JSON form of a table; the interop suite
        // in tests/interop drives it against pyarrow and DuckDB.
        .executableTarget(
            name: "parquet-interop",
            dependencies: ["Parquet"],
            path: "Sources/ParquetInterop",
            swiftSettings: swiftSettings),
        // Times the gap engine and the calendar; scripts/bench-calendar runs it in release.
        .executableTarget(
            name: "calendar-bench",
            dependencies: ["GapAnalysis", "MarketCalendar"],
            path: "Sources/CalendarBench",
            swiftSettings: swiftSettings),

        // Fills a ledger with synthetic history for scripts/bench-ledger; not shipped.
        .executableTarget(
            name: "ledger-seed",
            dependencies: ["StateStore"],
            path: "Sources/LedgerSeed",
            swiftSettings: swiftSettings),

        // Fetches and decodes a body at full speed for scripts/bench-client-decode; not shipped.
        .executableTarget(
            name: "client-bench",
            dependencies: ["ThetaData"],
            path: "Sources/ClientBench",
            swiftSettings: swiftSettings),

        // Helpers shared by the test targets only.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "ParquetTests", dependencies: ["Parquet", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "QualityTests",
            // The simulator's chains are the clean days the tests break on purpose.
            dependencies: ["Quality", "ArchiveFormat", "Parquet", "MarketCalendar", "TerminalSimulator", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "PipelineTests",
            dependencies: [
                "Pipeline", "Parquet", "Quality", "ThetaData", "TerminalSimulator", "StateStore", "MarketCalendar", "GapAnalysis",
                "TestSupport",
                // Asks the simulator for the raw bodies the archive is compared with.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "StateStoreTests",
            dependencies: ["StateStore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings),
        .testTarget(name: "HealthCheckTests", dependencies: ["HealthCheck"], swiftSettings: swiftSettings),
        .testTarget(name: "MarketCalendarTests", dependencies: ["MarketCalendar", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "GapAnalysisTests", dependencies: ["GapAnalysis", "MarketCalendar", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ThetaDataTests",
            dependencies: [
                "ThetaData", "TestSupport", "MarketCalendar",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "TerminalSimulatorTests",
            dependencies: [
                "TerminalSimulator", "MarketCalendar", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        // The real client against the real simulator over loopback HTTP: formats, faults,
        // retries, pagination, cancellation and the concurrency cap, end to end.
        .testTarget(
            name: "ClientSimulatorTests",
            dependencies: [
                "ThetaData", "TerminalSimulator", "MarketCalendar", "TestSupport",
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "spx-data", "Parquet", "Pipeline", "MarketCalendar", "TestSupport", "StateStore", "ThetaData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),
    ],
    swiftLanguageModes: [.v6]
)
