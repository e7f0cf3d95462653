import Foundation
public import Logging
public import NIOPosix
import XMLStream

/// The 24SevenOffice SOAP client: one typed API over the operations the bridge needs.
///
/// It logs in lazily, reuses the session cookie, and logs in again once when the session has expired.
/// It keeps within the account's hourly request budget (a ``RequestBudget`` that may be shared and persisted) and
/// waits out an announced quarantine. Temporary failures (HTTP 429 and 5xx, timeouts, dropped connections) are
/// retried with exponential back-off and jitter. A write whose outcome is unknown is never blindly repeated: the
/// client reads the value back from 24SevenOffice and sends the write again only when it did not take effect.
/// Answers are parsed on a thread pool, never on Swift concurrency's cooperative threads.
///
/// ```swift
/// let client = TwentyFourSevenClient(configuration: configuration, logger: logger)
/// let products = try await client.products(ProductQuery(changedSince: lastRun))
/// ```
public actor TwentyFourSevenClient {
    /// Whether a request may change data in 24SevenOffice.
    enum Effect {
        /// Reads and logins: always safe to send again.
        case read
        /// Writes: sent again only when the failure proves it was not applied.
        case write
    }

    let configuration: TwentyFourSevenConfiguration
    let transport: any SOAPTransport
    let environment: TwentyFourSevenEnvironment
    let logger: Logger
    /// The account's hourly request budget.
    public nonisolated let budget: RequestBudget
    /// In whose name requests are taken from the budget: the goods owner, when several share the account.
    public nonisolated let claimant: String
    private let threadPool: NIOThreadPool
    private let monitor: (@Sendable (ERPCallEvent) async -> Void)?
    /// The session id of the last login, until it expires.
    var sessionId: String?
    /// A login under way, which concurrent callers wait for instead of logging in themselves.
    var pendingLogin: Task<String, any Error>?
    /// How many logins this client made.
    var logins = 0
    /// The endpoint could not be reached: calls fail at once with this error until the given time or until
    /// ``startCycle()``, so a cycle of several processes tries the endpoint once, not once per process.
    private var unreachable: (error: TwentyFourSevenError, until: Date)?

    /// Creates a client.
    /// - Parameters:
    ///   - configuration: endpoint, credentials and retry policy.
    ///   - transport: how requests travel; AsyncHTTPClient by default.
    ///   - environment: time, waiting and randomness; real ones by default.
    ///   - budget: the account's request budget; a fresh one of `configuration.hourlyRequestBudget` by default.
    ///   - claimant: in whose name requests are taken from the budget (the goods owner), so that a budget shared by
    ///     several owners is divided fairly among them.
    ///   - threadPool: where answers are parsed.
    ///   - monitor: told how every request ended (for health, status and metrics).
    ///   - logger: where the client reports retries and re-logins (never credentials).
    public init(
        configuration: TwentyFourSevenConfiguration, transport: any SOAPTransport = HTTPClientTransport(),
        environment: TwentyFourSevenEnvironment = .live, budget: RequestBudget? = nil, claimant: String = "",
        threadPool: NIOThreadPool = .singleton, monitor: (@Sendable (ERPCallEvent) async -> Void)? = nil,
        logger: Logger
    ) {
        self.configuration = configuration
        self.transport = transport
        self.environment = environment
        self.logger = logger
        self.threadPool = threadPool
        self.monitor = monitor
        self.claimant = claimant
        self.budget =
            budget
            ?? RequestBudget(
                account: RequestBudget.account(
                    endpoint: configuration.endpoint, username: configuration.credential.username),
                limit: configuration.hourlyRequestBudget)
    }

    /// The session id in use, if logged in.
    ///
    /// For diagnostics and tests; never log it.
    public var currentSessionId: String? { sessionId }

    /// How many times this client has logged in.
    public var loginCount: Int { logins }

    /// Begins a new cycle: an endpoint found unreachable in the last one is tried again.
    public func startCycle() {
        unreachable = nil
    }

    /// Sends one call and returns its response element, handling sessions, budget, faults and retries.
    /// - Parameters:
    ///   - operation: the SOAP operation.
    ///   - service: the service that has it.
    ///   - envelope: the request bytes.
    ///   - effect: whether the call may change data.
    ///   - authenticated: whether the call needs a session (everything but Login and HasSession).
    func call(
        _ operation: String, service: TwentyFourSevenService, envelope: [UInt8], effect: Effect,
        authenticated: Bool = true
    ) async throws -> XMLElement {
        try await call(
            operation, service: service, envelope: envelope, effect: effect, authenticated: authenticated,
            interpret: { Self.interpret($0, operation: operation) })
    }

    /// Sends one call whose result is a list, decoding its items one at a time as the answer is read, on the thread
    /// pool: memory holds one item's tree at a time, and the decoding costs the caller's executor nothing.
    /// - Parameters:
    ///   - item: the name of the result's items (`InvoiceOrder`, `Product`, `Company`).
    ///   - decode: turns one item into a value, or `nil` to skip it.
    func items<T: Sendable>(
        _ operation: String, service: TwentyFourSevenService, envelope: [UInt8], item: String,
        decode: @escaping @Sendable (XMLElement) -> T?
    ) async throws -> [T] {
        try await call(
            operation, service: service, envelope: envelope, effect: .read, authenticated: true,
            interpret: { response -> Result<[T], TwentyFourSevenError> in
                var decoded: [T] = []
                let result = Self.interpret(response, operation: operation, items: item) { element in
                    if let value = decode(element) { decoded.append(value) }
                }
                return result.map { _ in decoded }
            })
    }

    /// Sends one call and returns what `interpret` makes of its answer, handling sessions, budget, faults and retries.
    private func call<R: Sendable>(
        _ operation: String, service: TwentyFourSevenService, envelope: [UInt8], effect: Effect,
        authenticated: Bool, interpret: @escaping @Sendable (SOAPResponse) -> Result<R, TwentyFourSevenError>
    ) async throws -> R {
        let patience = CallPatience.current
        if let (error, until) = unreachable {
            guard environment.now() >= until else {
                guard case .unreachable(let endpoint, let reason) = error.kind else { throw error }
                throw TwentyFourSevenError(
                    .unreachable(endpoint: endpoint, reason: "not tried: \(error.operation) found that \(reason)"),
                    operation: operation)
            }
            unreachable = nil
        }
        let started = environment.now()
        var attempt = 0
        var reloggedIn = false
        while true {
            try Task.checkCancellation()
            attempt += 1
            try await waitForBudget(operation, patience: patience)
            let session = authenticated ? try await ensureSession() : sessionId
            let sent = ContinuousClock.now
            let outcome: Result<R, TwentyFourSevenError>
            do {
                let response = try await transport.send(
                    SOAPRequest(
                        url: configuration.endpoint + service.path, operation: operation, body: envelope,
                        sessionId: session))
                outcome = try await threadPool.runIfActive { interpret(response) }
            } catch let error as CancellationError {
                throw error
            } catch SOAPTransportError.unreachable(let reason) {
                outcome = .failure(
                    TwentyFourSevenError(
                        .unreachable(endpoint: configuration.endpoint, reason: reason), operation: operation))
            } catch {
                try Task.checkCancellation()
                outcome = .failure(TwentyFourSevenError(.transport(Self.describe(error)), operation: operation))
            }
            await report(operation, outcome, since: sent)
            let failure: TwentyFourSevenError
            switch outcome {
            case .success(let element): return element
            case .failure(let error): failure = error
            }
            if case .fault(_, let text) = failure.kind {
                if TwentyFourSevenError.isSessionFault(text) && authenticated && !reloggedIn {
                    logger.info(
                        "24SevenOffice session expired; logging in again", metadata: ["erp.operation": "\(operation)"])
                    reloggedIn = true
                    if sessionId == session { sessionId = nil }
                    attempt -= 1
                    continue
                }
                if TwentyFourSevenError.isQuarantineFault(text) {
                    try await waitOutQuarantine(text, operation: operation, patience: patience)
                    attempt -= 1
                    continue
                }
            }
            guard failure.isTransient else { throw failure }
            if effect == .write && !failure.isSafeToRetry { throw failure }
            if patience == .failFast { throw failure }
            guard attempt < configuration.maxAttempts else {
                if case .unreachable(let endpoint, let reason) = failure.kind {
                    let seconds = Int(environment.now().timeIntervalSince(started).rounded())
                    let error = TwentyFourSevenError(
                        .unreachable(
                            endpoint: endpoint,
                            reason:
                                "\(reason); tried \(attempt) times over \(seconds) s, and the next cycle tries again"),
                        operation: operation)
                    unreachable = (error, environment.now().addingTimeInterval(60))
                    throw error
                }
                throw TwentyFourSevenError(
                    .retriesExhausted(attempts: attempt, underlying: failure.description), operation: operation,
                    httpStatus: failure.httpStatus)
            }
            let delay = backoff(attempt: attempt)
            logger.notice(
                "24SevenOffice call failed; retrying",
                metadata: [
                    "erp.operation": "\(operation)", "erp.attempt": "\(attempt)", "erp.error": "\(failure)",
                    "erp.delay": "\(delay)",
                ])
            try await environment.sleep(delay)
        }
    }

    /// Sends a write; when its outcome is unknown, asks `verify` (told the error that left it unknown) whether it
    /// took effect and sends it again only if it did not.
    /// - Returns: `true` when this call applied the write, `false` when `verify` found it already applied.
    func write(
        _ operation: String, service: TwentyFourSevenService, envelope: [UInt8],
        verify: (TwentyFourSevenError) async throws -> Bool, apply: (XMLElement) throws -> Void
    ) async throws -> Bool {
        var round = 0
        while true {
            round += 1
            do {
                try apply(try await call(operation, service: service, envelope: envelope, effect: .write))
                return true
            } catch let error as TwentyFourSevenError where error.isTransient && !error.isSafeToRetry {
                guard round < configuration.maxAttempts else {
                    throw TwentyFourSevenError(
                        .retriesExhausted(attempts: round, underlying: error.description), operation: operation,
                        httpStatus: error.httpStatus)
                }
                logger.notice(
                    "24SevenOffice write outcome unknown; checking before sending again",
                    metadata: ["erp.operation": "\(operation)", "erp.error": "\(error)"])
                try await environment.sleep(backoff(attempt: round))
                if try await verify(error) { return false }
            }
        }
    }

    private func report<R>(
        _ operation: String, _ outcome: Result<R, TwentyFourSevenError>, since sent: ContinuousClock.Instant
    ) async {
        guard let monitor else { return }
        let kind: ERPCallEvent.Outcome
        var error: String?
        switch outcome {
        case .success:
            kind = .ok
        case .failure(let failure):
            error = failure.description
            switch failure.kind {
            case .fault: kind = .fault
            case .httpStatus: kind = .http
            case .unreachable: kind = .unreachable
            default: kind = .transport
            }
        }
        await monitor(
            ERPCallEvent(
                operation: operation, outcome: kind, duration: ContinuousClock.now - sent, endedAt: environment.now(),
                error: error))
    }

    private static func describe(_ error: any Error) -> String {
        String(describing: error)
    }
}
