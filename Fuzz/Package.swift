// swift-tools-version: 6.1
// The libFuzzer executables for SevenBridge's parsers. Build and run them with scripts/fuzz (see README.md here);
// the code they drive is the root package's FuzzTargets library.
import PackageDescription

/// Each fuzz target: one executable whose only file defines `LLVMFuzzerTestOneInput`.
let fuzzTargets = ["FuzzXMLReader", "FuzzInboxXML", "FuzzInboxCSV", "FuzzSOAPAnswer"]

/// Where the root package is. SwiftPM names a path dependency after its folder, and this package is named
/// after its folder (`Fuzz`), so a checkout in a folder named `fuzz` would clash with it: scripts/fuzz then
/// points this variable at a symbolic link with another name.
let root = Context.environment["SEVENBRIDGE_FUZZ_ROOT"] ?? ".."

let package = Package(
    name: "SevenBridgeFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "sevenbridge", path: root)],
    targets: fuzzTargets.map { name in
        .executableTarget(
            name: name, dependencies: [.product(name: "FuzzTargets", package: "sevenbridge")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")])
    }
)
