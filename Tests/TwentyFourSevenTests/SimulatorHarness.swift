import Foundation
import Hummingbird
import Logging
import TwentyFourSeven
import TwentyFourSevenSimulator
import XMLStream

/// Records every request a client sends, so tests can validate and count them.
final class RecordingTransport: SOAPTransport, @unchecked Sendable {
    // @unchecked: `lock` guards `requests`.
    private let inner: any SOAPTransport
    private let lock = NSLock()
    private var requests: [SOAPRequest] = []

    init(_ inner: any SOAPTransport = HTTPClientTransport(timeoutSeconds: 10)) {
        self.inner = inner
    }

    var recorded: [SOAPRequest] { lock.withLock { requests } }

    func send(_ request: SOAPRequest) async throws -> SOAPResponse {
        lock.withLock { requests.append(request) }
        return try await inner.send(request)
    }
}

/// Where the repository's sample data lives, found from this source file.
let sampleDataDirectory = SimulatorData.sampleDirectory

/// Runs `body` with a live simulator on a free loopback port, then stops it.
func withSimulator<T: Sendable>(
    faults: SimulatorFaults = .none, companyPageSize: Int = 1000,
    _ body: @Sendable (SimulatorStore, String) async throws -> T
) async throws -> T {
    var logger = Logger(label: "test.simulator")
    logger.logLevel = .critical  // cancelling the server at the end of a test logs an error we expect
    let store = SimulatorStore(
        data: try SimulatorData.load(from: sampleDataDirectory), faults: faults, companyPageSize: companyPageSize)
    let simulator = try TwentyFourSevenSimulator(store: store, logger: logger)
    return try await simulator.withRunning { url in try await body(store, url) }
}

/// A client for the simulator with fast retries, recording its requests.
func makeClient(
    _ baseURL: String, transport: RecordingTransport = RecordingTransport(), password: String? = nil,
    maxAttempts: Int = 8, environment: TwentyFourSevenEnvironment = .live, hourlyBudget: Int = 7200
) -> TwentyFourSevenClient {
    let demo = SimulatorCredentials.demo
    var logger = Logger(label: "test.client")
    logger.logLevel = .error
    return TwentyFourSevenClient(
        configuration: TwentyFourSevenConfiguration(
            endpoint: baseURL,
            credential: Credential(
                applicationId: demo.applicationId, username: demo.username, password: password ?? demo.password),
            maxAttempts: maxAttempts, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(40),
            hourlyRequestBudget: hourlyBudget),
        transport: transport, environment: environment, logger: logger)
}

/// The schema validator of each service, compiled from the real WSDLs bundled with the simulator.
let serviceValidators: [String: XMLSchemaValidator] = {
    var result: [String: XMLSchemaValidator] = [:]
    let files: [TwentyFourSevenService: String] = [
        .authenticate: "authService", .product: "productService", .invoice: "invoiceService",
        .company: "companyService",
    ]
    for (service, file) in files {
        if let bytes = try? TwentyFourSevenSimulator.wsdl(file),
            let validator = try? XMLSchemaValidator(wsdl: bytes, targetNamespace: TwentyFourSevenService.namespace)
        {
            result[service.path] = validator
        }
    }
    return result
}()
