import BridgeEngine
import BridgeModel
import Foundation
import Logging
import OngoingFiles
import Synchronization
import Testing
import TwentyFourSeven
import TwentyFourSevenSimulator
import XMLStream

/// Where the repository's sample data lives, found from this source file.
let sampleDataDirectory = SimulatorData.sampleDirectory

// swift-format-ignore: NeverUseForceTry
// A fixture that cannot load is a broken checkout; failing at load names it.
let ongoingSchema = try! OngoingSchema.bundled()
// swift-format-ignore: NeverUseForceTry
let ongoingValidator = try! XMLSchemaValidator(
    wsdl: ongoingSchema.wsdl, targetNamespace: OngoingSchema.namespace, name: "ongoing.wsdl",
    globalElements: ["Supplier": "Supplier"])

/// A fresh folder for one test's outbox, archive and state.
struct Workspace {
    let root: String
    var outbox: String { root + "/outbox" }
    var archive: String { root + "/archive" }
    var state: String { root + "/state" }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sevenbridge-\(UUID().uuidString)").path
        for folder in [outbox, archive, state] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
    }

    /// The visible files of the outbox, sorted.
    func outboxFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: outbox).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Every file of the outbox, hidden ones included.
    func allOutboxFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: outbox).sorted()
    }

    /// The order rows of the one CSV file in the outbox, as (order number, order line code), in file order.
    func csvOrderRows() throws -> [(order: Substring, line: Substring)] {
        let name = try #require(try allOutboxFiles().first { $0.hasSuffix(".csv") })
        let text = try String(contentsOfFile: outbox + "/" + name, encoding: .utf8)
        let lines = text.split(separator: "\r\n").map { $0.split(separator: ";", omittingEmptySubsequences: false) }
        let column = try #require(lines.first?.firstIndex(of: "OrderInfo.GoodsOwnerOrderNumber"))
        let line = try #require(lines.first?.firstIndex(of: "CustomerOrderLine.ExternalOrderLineCode"))
        return lines.dropFirst().map { (order: $0[column], line: $0[line]) }
    }
}

/// A transport that fails every request after a number of successful ones, as a process killed mid-run would.
final class CuttingTransport: SOAPTransport, Sendable {
    private let inner = HTTPClientTransport(timeoutSeconds: 10)
    private let remaining: Mutex<Int>

    init(allow: Int) { remaining = Mutex(allow) }

    func send(_ request: SOAPRequest) async throws -> SOAPResponse {
        let allowed = remaining.withLock { value -> Bool in
            value -= 1
            return value >= 0
        }
        guard allowed else { throw CancellationError() }
        return try await inner.send(request)
    }
}

/// Runs `body` with a live simulator on `data`, or on the sample company.
func withSimulator<T: Sendable>(
    data: SimulatorData? = nil, _ body: @Sendable (SimulatorStore, String) async throws -> T
) async throws -> T {
    var logger = Logger(label: "test.simulator")
    logger.logLevel = .critical
    let store = SimulatorStore(data: try data ?? SimulatorData.load(from: sampleDataDirectory))
    let simulator = try TwentyFourSevenSimulator(store: store, logger: logger)
    return try await simulator.withRunning { url in try await body(store, url) }
}

/// The settings of the test goods owner over a workspace, as the binary's defaults would give them.
func ownerSettings(
    _ workspace: Workspace, dryRun: Bool = false, formats: Set<ExportSettings.Format> = [.xml, .csv],
    table: MappingTable = .standard(), rescan: Duration = .seconds(10), inbox: (inout InboxSettings) -> Void = { _ in }
) -> OwnerSettings {
    var inboxSettings = InboxSettings(inbox: workspace.root + "/inbox", settle: 0, dryRun: dryRun)
    inbox(&inboxSettings)
    return OwnerSettings(
        goodsOwnerCode: "ACME",
        export: ExportSettings(goodsOwnerCode: "ACME", outbox: workspace.outbox, formats: formats, dryRun: dryRun),
        inbox: inboxSettings, archive: workspace.archive,
        exporters: .init(articles: true, suppliers: true, orders: true), interval: .seconds(900), rescan: rescan,
        retention: nil, mapping: table, variantPattern: nil)
}

/// A 24SevenOffice client for the simulator at `url`, with short back-offs.
func makeClient(
    _ url: String, transport: (any SOAPTransport)? = nil, maxAttempts: Int = 1,
    environment: TwentyFourSevenEnvironment = .live
) -> TwentyFourSevenClient {
    var logger = Logger(label: "test.engine")
    logger.logLevel = .critical
    let demo = SimulatorCredentials.demo
    return TwentyFourSevenClient(
        configuration: TwentyFourSevenConfiguration(
            endpoint: url,
            credential: Credential(applicationId: demo.applicationId, username: demo.username, password: demo.password),
            maxAttempts: maxAttempts, initialBackoff: .milliseconds(2), maxBackoff: .milliseconds(10)),
        transport: transport ?? HTTPClientTransport(timeoutSeconds: 10), environment: environment, logger: logger)
}

/// The goods owner's runtime over a workspace, as a process of the binary builds it: one state database, one archive
/// writer, the given gateway.
///
/// Each call is a new "process" over the same folders.
func makeOwner(
    _ erp: any ERPGateway, _ settings: OwnerSettings, state: String, files: any FileSystem = LocalFileSystem(),
    now: @escaping @Sendable () -> Date = { Date() }
) async throws -> OwnerRuntime {
    var logger = Logger(label: "test.engine")
    logger.logLevel = .critical
    let database = try StateDatabase(folder: state, dryRun: settings.dryRun)
    return try await OwnerRuntime(
        settings: settings, database: database, erp: erp, schema: ongoingSchema, files: files, logger: logger, now: now)
}

/// The exporters of a new runtime over a workspace, talking to the simulator at `url`.
func makeExporter(
    _ url: String, _ workspace: Workspace, dryRun: Bool = false, transport: (any SOAPTransport)? = nil,
    formats: Set<ExportSettings.Format> = [.xml, .csv], table: MappingTable = .standard()
) async throws -> Exporter {
    try await makeOwner(
        makeClient(url, transport: transport),
        ownerSettings(workspace, dryRun: dryRun, formats: formats, table: table), state: workspace.state
    ).exporter
}
