import Foundation
import Logging
import TwentyFourSevenSimulator

#if canImport(Glibc)
    import Glibc
#endif

/// The built `sevenbridge` executable, beside the test bundle.
let sevenbridgeBinary: String = {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [bundle, bundle.deletingLastPathComponent()] {
        let path = candidate.appendingPathComponent("sevenbridge").path
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent(".build/debug/sevenbridge").path
}()

let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// What a finished command printed and returned.
struct CommandResult: Sendable {
    var status: Int32
    var output: String
    var errors: String
}

/// Runs the real binary with arguments and environment, waiting at most `timeout` seconds.
///
/// It waits without blocking a thread (the in-process simulator needs the cooperative pool to answer the
/// binary), and the output goes to files, so a chatty process can never fill a pipe and stall.
func runBinary(
    _ arguments: [String], environment: [String: String] = [:], directory: String? = nil, timeout: TimeInterval = 60
) async throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: sevenbridgeBinary)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SEVENBRIDGE_") }
    env.merge(environment) { _, new in new }
    process.environment = env
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("sevenbridge-run-\(UUID().uuidString)")
        .path
    _ = FileManager.default.createFile(atPath: base + ".out", contents: nil)
    _ = FileManager.default.createFile(atPath: base + ".err", contents: nil)
    defer {
        try? FileManager.default.removeItem(atPath: base + ".out")
        try? FileManager.default.removeItem(atPath: base + ".err")
    }
    process.standardOutput = FileHandle(forWritingAtPath: base + ".out")
    process.standardError = FileHandle(forWritingAtPath: base + ".err")
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
    if process.isRunning { process.terminate() }
    while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
    return CommandResult(
        status: process.terminationStatus,
        output: (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? "",
        errors: (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? "")
}

/// Starts the real binary in the background (for daemons and kill tests), with its output discarded or, given
/// `log`, written to that file.
func startBinary(_ arguments: [String], environment: [String: String], log: String? = nil) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: sevenbridgeBinary)
    process.arguments = arguments
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    if let log {
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: log)
    }
    try process.run()
    return process
}

/// A loopback TCP socket that listens and never answers.
///
/// It stands for a port another server holds, or a page that never loads. The caller closes `fd`.
func silentListener() throws -> (fd: Int32, port: Int) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard fd >= 0, bound == 0, listen(fd, 16) == 0 else {
        close(fd)
        throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "no loopback socket: errno \(errno)"])
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return (fd, Int(UInt16(bigEndian: address.sin_port)))
}

/// Drops a file into a folder as a WMS does: written under a hidden name, then renamed.
func dropFile(_ name: String, _ text: String, into folder: String) throws {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try text.write(toFile: folder + "/." + name, atomically: false, encoding: .utf8)
    try FileManager.default.moveItem(atPath: folder + "/." + name, toPath: folder + "/" + name)
}

/// A folder with a configuration pointing at a simulator.
struct BinaryWorkspace {
    let root: String
    var config: String { root + "/sevenbridge.yaml" }

    init(endpoint: String, extra: String = "", processes: String = "processes:\n  suppliers: true") throws {
        root =
            FileManager.default.temporaryDirectory.appendingPathComponent("sevenbridge-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let text = """
            goodsOwnerCode: ACME
            erp:
              endpoint: \(endpoint)
              applicationId: \(SimulatorCredentials.demo.applicationId)
              username: \(SimulatorCredentials.demo.username)
            folders:
              outbox: out
              archive: arch
              state: st
            \(processes)
            \(extra)
            """
        try text.write(toFile: config, atomically: true, encoding: .utf8)
    }

    /// The password comes from the environment, as the README recommends.
    var environment: [String: String] { ["SEVENBRIDGE_ERP_PASSWORD": SimulatorCredentials.demo.password] }

    /// Drops a file into the inbox as a WMS does.
    func drop(_ name: String, _ text: String) throws {
        try dropFile(name, text, into: root + "/inbox")
    }

    /// The names in a folder of the workspace, sorted; none when it does not exist.
    func files(_ folder: String) throws -> [String] {
        let path = root + "/" + folder
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }
}

/// Runs `body` with a live in-process simulator on the sample company.
func withSimulator<T: Sendable>(
    faults: SimulatorFaults = .none, _ body: @Sendable (SimulatorStore, String) async throws -> T
) async throws -> T {
    var logger = Logger(label: "test.simulator")
    logger.logLevel = .critical
    let store = SimulatorStore(data: try SimulatorData.load(from: repositoryRoot + "/samples/erp"), faults: faults)
    let simulator = try TwentyFourSevenSimulator(store: store, logger: logger)
    return try await simulator.withRunning { url in try await body(store, url) }
}

/// Runs `body` with a live in-process simulator on the sample company that can be taken off the network and back.
func withSimulatorOutages<T: Sendable>(
    _ body: @Sendable (SimulatorStore, String, SimulatorOutage) async throws -> T
) async throws -> T {
    var logger = Logger(label: "test.simulator")
    logger.logLevel = .critical
    let store = SimulatorStore(data: try SimulatorData.load(from: repositoryRoot + "/samples/erp"))
    let simulator = try TwentyFourSevenSimulator(store: store, logger: logger)
    return try await simulator.withOutages { url, outage in try await body(store, url, outage) }
}
