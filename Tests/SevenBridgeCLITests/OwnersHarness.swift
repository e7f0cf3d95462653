import Foundation
import Logging
import TwentyFourSevenSimulator

/// A folder with a configuration of several goods owners, each line of `owners` one entry of `goodsOwners`.
///
/// Top-level defaults: the demo application id and user (password from the environment), a one-second schedule, an
/// inbox taken at once on its file event, and folders `out`, `in`, `arch` and `st`, so each owner's folders are
/// `out/<CODE>` and so on.
struct OwnersWorkspace {
    let root: String
    var config: String { root + "/sevenbridge.yaml" }

    init(_ owners: [String], endpoint: String? = nil) throws {
        root =
            FileManager.default.temporaryDirectory.appendingPathComponent("sevenbridge-owners-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try write(owners, endpoint: endpoint)
    }

    /// Rewrites the configuration, as an operator does before a restart.
    /// - Parameter endpoint: the top-level `erp.endpoint`, when the entries do not set their own.
    func write(_ owners: [String], endpoint: String? = nil) throws {
        let text = """
            erp:
              endpoint: \(endpoint ?? "http://127.0.0.1:9")
              applicationId: \(SimulatorCredentials.demo.applicationId)
              username: \(SimulatorCredentials.demo.username)
            interval: 1s
            inbox:
              settle: 1ms
              rescan: 1h
            folders:
              outbox: out
              inbox: in
              archive: arch
              state: st
            goodsOwners:
            \(owners.map { "  - " + $0 }.joined(separator: "\n"))

            """
        try text.write(toFile: config, atomically: true, encoding: .utf8)
    }

    /// The password comes from the environment, for every owner.
    var environment: [String: String] { ["SEVENBRIDGE_ERP_PASSWORD": SimulatorCredentials.demo.password] }

    /// The visible files of a folder under the workspace, sorted; none when it does not exist.
    func files(_ folder: String) throws -> [String] {
        let path = root + "/" + folder
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// The XML files in an owner's outbox.
    func xml(_ owner: String) throws -> [String] {
        try files("out/" + owner).filter { $0.hasSuffix(".xml") }
    }

    /// Drops a file into an owner's inbox as a WMS does: written under a hidden name, then renamed.
    func drop(_ name: String, _ text: String, owner: String) throws {
        try dropFile(name, text, into: root + "/in/" + owner)
    }

    /// The `GoodsOwnerCode` of every XML file in an owner's outbox.
    func goodsOwnerCodes(_ owner: String) throws -> Set<String> {
        var codes: Set<String> = []
        for name in try xml(owner) {
            let text = try String(contentsOfFile: root + "/out/\(owner)/\(name)", encoding: .utf8)
            guard let start = text.range(of: "<GoodsOwnerCode>"), let end = text.range(of: "</GoodsOwnerCode>")
            else {
                codes.insert("none in \(name)")
                continue
            }
            codes.insert(String(text[start.upperBound..<end.lowerBound]))
        }
        return codes
    }
}

/// A sample company as a simulator store: the sample company (`samples/erp`) or Nordlys (`samples/erp/nordlys`).
func sampleStore(
    nordlys: Bool, credentials: SimulatorCredentials = .demo, faults: SimulatorFaults = .none
) throws -> SimulatorStore {
    SimulatorStore(
        data: try SimulatorData.load(from: repositoryRoot + "/samples/erp" + (nordlys ? "/nordlys" : "")),
        credentials: credentials, identity: nordlys ? .nordlys : .demo, faults: faults)
}

/// Runs `body` with a live in-process simulator serving `stores`.
func withSimulator<T: Sendable>(
    stores: [SimulatorStore], _ body: @Sendable (String) async throws -> T
) async throws -> T {
    var logger = Logger(label: "test.simulator")
    logger.logLevel = .critical
    let simulator = try TwentyFourSevenSimulator(stores: stores, logger: logger)
    return try await simulator.withRunning { url in try await body(url) }
}

/// Waits (polling, at most `limit`) until `condition` holds; whether it did.
func eventually(_ limit: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(25))
    }
    return try await condition()
}
