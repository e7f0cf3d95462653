import BridgeEngine
import BridgeModel
import Foundation
import Logging
import OngoingFiles
import Synchronization
import TwentyFourSeven
import TwentyFourSevenSimulator
import XMLStream

/// Where the repository's sample data lives, found from this source file.
let sampleDataDirectory = SimulatorData.sampleDirectory

let ongoingSchema = try! OngoingSchema.bundled()
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

/// Runs `body` with a live simulator on the sample company.
func withSimulator<T: Sendable>(_ body: @Sendable (SimulatorStore, String) async throws -> T) async throws -> T {
    var logger = Logger(label: "test.simulator")
    logger.logLevel = .critical
    let store = SimulatorStore(data: try SimulatorData.load(from: sampleDataDirectory))
    let simulator = try TwentyFourSevenSimulator(store: store, logger: logger)
    return try await simulator.withRunning { url in try await body(store, url) }
}

/// The exporters over a workspace, talking to the simulator at `url`.
func makeExporter(
    _ url: String, _ workspace: Workspace, dryRun: Bool = false, transport: (any SOAPTransport)? = nil,
    formats: Set<ExportSettings.Format> = [.xml, .csv], table: MappingTable = .standard()
) throws -> Exporter {
    var logger = Logger(label: "test.engine")
    logger.logLevel = .critical
    let demo = SimulatorCredentials.demo
    let client = TwentyFourSevenClient(
        configuration: TwentyFourSevenConfiguration(
            endpoint: url,
            credential: Credential(applicationId: demo.applicationId, username: demo.username, password: demo.password),
            maxAttempts: 1),
        transport: transport ?? HTTPClientTransport(timeoutSeconds: 10), logger: logger)
    return Exporter(
        client: client, store: try StateStore(folder: workspace.state, goodsOwner: "ACME"),
        archive: try Archive(root: workspace.archive), schema: ongoingSchema,
        mapper: try RecordMapper(table: table),
        settings: ExportSettings(goodsOwnerCode: "ACME", outbox: workspace.outbox, formats: formats, dryRun: dryRun),
        logger: logger)
}
