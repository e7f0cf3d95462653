import BridgeModel
import Foundation
import Logging
import Synchronization
import Testing
import TwentyFourSeven
import TwentyFourSevenSimulator
import XMLStream

/// Answers scripted responses in order; records what was sent.
///
/// For the rules no simulator fault covers.
final class ScriptedTransport: SOAPTransport, Sendable {
    enum Step: Sendable {
        case status(Int, String)
        case failure
    }

    /// A connection that broke without an answer.
    struct Dropped: Error {}

    private let steps: Mutex<[Step]>
    private let sent = Mutex<[String]>([])

    init(_ steps: [Step]) {
        self.steps = Mutex(steps)
    }

    var operations: [String] { sent.withLock { $0 } }

    func send(_ request: SOAPRequest) async throws -> SOAPResponse {
        sent.withLock { $0.append(request.operation) }
        let step = steps.withLock { $0.isEmpty ? Step.failure : $0.removeFirst() }
        switch step {
        case .status(let code, let body): return SOAPResponse(status: code, body: Array(body.utf8))
        case .failure: throw Dropped()
        }
    }

    static func envelope(_ body: String) -> String {
        """
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>\(body)</soap:Body></soap:Envelope>
        """
    }

    static let login = Step.status(
        200,
        envelope(
            "<LoginResponse xmlns=\"http://24sevenOffice.com/webservices\"><LoginResult>abc</LoginResult></LoginResponse>"
        ))
}

@Suite struct ClientRetryPolicyTests {
    static func client(_ transport: ScriptedTransport, maxAttempts: Int = 4) -> TwentyFourSevenClient {
        TwentyFourSevenClient(
            configuration: TwentyFourSevenConfiguration(
                endpoint: "http://127.0.0.1:9",
                credential: Credential(applicationId: "a", username: "u", password: "p"),
                maxAttempts: maxAttempts, initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(2)),
            transport: transport, logger: Logger(label: "test"))
    }

    @Test func http429IsRetriedEvenForAWriteBecauseNothingWasApplied() async throws {
        let saved = ScriptedTransport.envelope(
            "<SaveInvoicesResponse xmlns=\"http://24sevenOffice.com/webservices\"><SaveInvoicesResult><InvoiceOrder><OrderId>7</OrderId></InvoiceOrder></SaveInvoicesResult></SaveInvoicesResponse>"
        )
        let transport = ScriptedTransport([
            ScriptedTransport.login, .status(429, "Too Many Requests"), .status(200, saved),
        ])
        let outcome = try await Self.client(transport).saveOrderStatuses([OrderStatusUpdate(orderId: 7, status: .sent)])
        #expect(outcome[7] == .applied)
        #expect(transport.operations == ["Login", "SaveInvoices", "SaveInvoices"])  // no read-back needed
    }

    @Test func aClientFaultIsNotRetried() async throws {
        let fault = ScriptedTransport.envelope(
            "<soap:Fault><faultcode>soap:Client</faultcode><faultstring>Server was unable to read request. ---&gt; There is an error in XML document (1, 1). ---&gt; Instance validation error: 'Lost' is not a valid value for OrderSlipStateType.</faultstring></soap:Fault>"
        )
        let transport = ScriptedTransport([ScriptedTransport.login, .status(500, fault)])
        await #expect(throws: TwentyFourSevenError.self) {
            _ = try await Self.client(transport).companies(CompanyQuery(companyIds: [1]))
        }
        #expect(transport.operations == ["Login", "GetCompanies"])
    }

    @Test func aServerFaultIsRetriedForAReadLikeAnyPassingTrouble() async throws {
        let deadlock = ScriptedTransport.envelope(
            "<soap:Fault><faultcode>soap:Server</faultcode><faultstring>Server was unable to process request. ---&gt; Transaction (Process ID 71) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.</faultstring></soap:Fault>"
        )
        let companies = ScriptedTransport.envelope(
            "<GetCompaniesResponse xmlns=\"http://24sevenOffice.com/webservices\"><GetCompaniesResult><Company><Id>1</Id></Company></GetCompaniesResult></GetCompaniesResponse>"
        )
        let transport = ScriptedTransport([ScriptedTransport.login, .status(500, deadlock), .status(200, companies)])
        let found = try await Self.client(transport).companies(CompanyQuery(companyIds: [1]))
        #expect(found.map(\.id) == [1])
        #expect(transport.operations == ["Login", "GetCompanies", "GetCompanies"])
    }

    @Test func readsAreRetriedAFixedNumberOfTimes() async throws {
        let transport = ScriptedTransport([ScriptedTransport.login, .failure, .failure, .failure, .failure, .failure])
        do {
            _ = try await Self.client(transport, maxAttempts: 3).products(ProductQuery(productIds: [1]))
            Issue.record("expected failure")
        } catch let error as TwentyFourSevenError {
            guard case .retriesExhausted(let attempts, _) = error.kind else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(attempts == 3)
        }
        #expect(transport.operations == ["Login", "GetProducts", "GetProducts", "GetProducts"])
    }

    @Test func timeoutsAreRetriedThenReported() async throws {
        try await withSimulator(faults: .init(latency: .milliseconds(1500))) { _, url in
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let client = TwentyFourSevenClient(
                configuration: TwentyFourSevenConfiguration(
                    endpoint: url, credential: Credential(applicationId: "a", username: "u", password: "p"),
                    maxAttempts: 2, initialBackoff: .milliseconds(1)),
                transport: HTTPClientTransport(timeoutSeconds: 1), logger: logger)
            do {
                _ = try await client.hasSession()
                Issue.record("expected a timeout")
            } catch let error as TwentyFourSevenError {
                guard case .retriesExhausted(2, let last) = error.kind else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(last.contains("did not complete"))
            }
        }
    }
}
