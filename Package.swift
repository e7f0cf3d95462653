// swift-tools-version: 6.1
import PackageDescription

/// Settings every Swift target shares: strict Swift 6 and the upcoming features the style guide asks for.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "sevenbridge",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sevenbridge", targets: ["sevenbridge"]),
        // The parsers' fuzzing entry points, for the separate fuzzing package in Fuzz/ only.
        .library(name: "FuzzTargets", targets: ["FuzzTargets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-async-algorithms.git", from: "1.1.4"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        // MARK: System libraries: the only places that see C pointers of libxml2, zlib and libdeflate.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libdeflate compresses the archive's small files (one gzip member each) faster than zlib can.
        .systemLibrary(name: "CLibDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        // syncfs(2), which Glibc's Swift module leaves out: grouped durability flushes a batch with one call.
        .target(name: "CSyncFS"),
        .target(name: "CMallocTuning"),
        .target(name: "XMLStream", dependencies: ["CLibXML2"], swiftSettings: strictSettings),
        .target(name: "Gzip", dependencies: ["CZlib", "CLibDeflate"], swiftSettings: strictSettings),

        // MARK: Domain: no I/O, no dependencies.
        .target(name: "BridgeModel", swiftSettings: strictSettings),

        // MARK: Adapters.
        .target(
            name: "OngoingFiles",
            dependencies: ["BridgeModel", "XMLStream"],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TwentyFourSeven",
            dependencies: [
                "BridgeModel", "XMLStream",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TwentyFourSevenSimulator",
            dependencies: [
                "XMLStream",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),

        // MARK: The engine: state, exporters, archive.
        .target(
            name: "BridgeEngine",
            dependencies: [
                "BridgeModel", "XMLStream", "Gzip", "TwentyFourSeven", "OngoingFiles", "CSyncFS",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: What the daemon serves over HTTP: the status page, Prometheus metrics, health.
        .target(
            name: "StatusServer",
            dependencies: [
                "BridgeEngine", "TwentyFourSeven",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),

        // MARK: Composition root and executable.
        .target(
            name: "SevenBridgeCLI",
            dependencies: [
                "BridgeModel", "XMLStream", "Gzip", "TwentyFourSeven", "TwentyFourSevenSimulator", "OngoingFiles",
                "BridgeEngine", "StatusServer", .product(name: "Yams", package: "Yams"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "sevenbridge", dependencies: ["SevenBridgeCLI", "CMallocTuning"], swiftSettings: strictSettings),

        // MARK: Fuzzing entry points; the libFuzzer executables live in the package in Fuzz/.
        .target(
            name: "FuzzTargets", dependencies: ["XMLStream", "OngoingFiles", "TwentyFourSeven"],
            swiftSettings: strictSettings),

        // MARK: Tests.
        // The writer's oracle test compares it with libxml2's own writer, so this test target reaches libxml2 too.
        .testTarget(name: "XMLStreamTests", dependencies: ["XMLStream", "CLibXML2"], swiftSettings: strictSettings),
        .testTarget(name: "GzipTests", dependencies: ["Gzip"], swiftSettings: strictSettings),
        .testTarget(
            name: "StatusServerTests",
            dependencies: ["StatusServer", "BridgeEngine", "BridgeModel", "TwentyFourSeven"],
            // The golden files are read from the source tree (`#filePath`), so they are not bundled.
            exclude: ["Fixtures"],
            swiftSettings: strictSettings),
        .testTarget(name: "BridgeModelTests", dependencies: ["BridgeModel"], swiftSettings: strictSettings),
        .testTarget(
            name: "BridgeEngineTests",
            dependencies: [
                "BridgeEngine", "BridgeModel", "OngoingFiles", "TwentyFourSeven", "TwentyFourSevenSimulator",
                "XMLStream",
                "Gzip", .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // For states written by earlier versions of the schema, set up with the migrator's earlier steps.
                .product(name: "GRDB", package: "GRDB.swift"),
                // The archive records' hashes are checked against SHA-256 of what JSONEncoder writes.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // The golden files are read from the source tree (`#filePath`), so they are not bundled.
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SevenBridgeCLITests",
            dependencies: [
                "sevenbridge", "SevenBridgeCLI", "BridgeEngine", "BridgeModel", "TwentyFourSevenSimulator", "XMLStream",
                "StatusServer",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "OngoingFilesTests",
            dependencies: ["OngoingFiles", "BridgeModel", "XMLStream", "TwentyFourSevenSimulator"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "TwentyFourSevenTests",
            dependencies: [
                "TwentyFourSeven", "TwentyFourSevenSimulator", "XMLStream", "BridgeModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
    ]
)
