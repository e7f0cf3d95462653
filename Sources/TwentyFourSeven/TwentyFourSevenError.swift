/// An error from a 24SevenOffice call.
///
/// It names the operation and, where there was one, the HTTP status
/// and SOAP fault. It never carries credentials or session ids.
public struct TwentyFourSevenError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// Login returned an empty session id: wrong application id, user name or password.
        case invalidCredentials
        /// The service answered a SOAP fault.
        case fault(code: String, text: String)
        /// The service answered an HTTP error without a SOAP fault (for example a proxy's 502).
        case httpStatus
        /// The request could not be delivered or the answer did not arrive (timeout, dropped connection).
        case transport(String)
        /// The answer arrived but could not be understood.
        case malformedResponse(String)
        /// The hourly request budget is used up and the wait is longer than the configured maximum.
        case quarantined(until: String)
        /// Retries ran out; the last failure is in `underlying`.
        case retriesExhausted(attempts: Int, underlying: String)
        /// The call would have had to wait (budget, quarantine or back-off) and was made with `CallPatience.failFast`.
        case wouldWait(String)
        /// No connection to the endpoint could be made: refused, unresolvable, unreachable; `reason` says what was
        /// tried.
        case unreachable(endpoint: String, reason: String)
    }

    /// What went wrong.
    public var kind: Kind
    /// The SOAP operation, such as `GetInvoices`.
    public var operation: String
    /// The HTTP status, when an answer arrived.
    public var httpStatus: Int?

    /// Creates an error.
    public init(_ kind: Kind, operation: String, httpStatus: Int? = nil) {
        self.kind = kind
        self.operation = operation
        self.httpStatus = httpStatus
    }

    /// Whether the request was not applied and can be sent again safely (nothing reached 24SevenOffice's data).
    ///
    /// Transport failures and HTTP 5xx are not in this set: a write may or may not have been applied. A request that
    /// found no connection never reached the service.
    public var isSafeToRetry: Bool {
        if httpStatus == 429 { return true }
        if case .unreachable = kind { return true }
        if case .fault(_, let text) = kind { return Self.isSessionFault(text) || Self.isQuarantineFault(text) }
        return false
    }

    /// Whether this failure is temporary: a later attempt may succeed.
    public var isTransient: Bool {
        switch kind {
        case .transport, .wouldWait, .unreachable: return true
        case .httpStatus: return httpStatus.map { $0 == 429 || $0 >= 500 } ?? false
        case .fault(let code, let text):
            return Self.isSessionFault(text) || Self.isQuarantineFault(text) || Self.isServerFault(code)
        default: return false
        }
    }

    /// Whether no connection to the service could be made.
    public var isUnreachable: Bool {
        if case .unreachable = kind { return true }
        return false
    }

    /// Whether a fault text says the session has expired or was never authenticated.
    static func isSessionFault(_ text: String) -> Bool {
        text.contains("Session is not authenticated") || text.contains("Client is not authenticated on this identity")
    }

    /// Whether a fault code blames the server (`soap:Server`): a deadlock, a timeout, a passing outage.
    ///
    /// ASMX answers every fault with HTTP 500; the code tells a passing server trouble from a request it can never
    /// accept (`soap:Client`).
    static func isServerFault(_ code: String) -> Bool {
        code == "Server" || code.hasSuffix(":Server")
    }

    /// Whether a fault text is the hourly budget's quarantine answer.
    static func isQuarantineFault(_ text: String) -> Bool {
        text.contains("Limit exceeded") && text.contains("Quarantine ends at")
    }

    /// A readable description, for logs and error messages.
    public var description: String {
        let status = httpStatus.map { " (HTTP \($0))" } ?? ""
        switch kind {
        case .invalidCredentials:
            return "24SevenOffice \(operation): login refused; check erp.applicationId, erp.username and erp.password"
        case .fault(let code, let text):
            return "24SevenOffice \(operation) failed\(status): SOAP fault \(code): \(text)"
        case .httpStatus:
            return "24SevenOffice \(operation) failed\(status) without a SOAP fault"
        case .transport(let reason):
            return "24SevenOffice \(operation) did not complete: \(reason)"
        case .malformedResponse(let reason):
            return "24SevenOffice \(operation) answered something unreadable\(status): \(reason)"
        case .quarantined(let until):
            return "24SevenOffice \(operation): request budget exhausted, quarantined until \(until)"
        case .retriesExhausted(let attempts, let underlying):
            return "24SevenOffice \(operation) failed after \(attempts) attempts; last: \(underlying)"
        case .wouldWait(let reason):
            return "24SevenOffice \(operation) not sent now: \(reason)"
        case .unreachable(let endpoint, let reason):
            return "24SevenOffice at \(endpoint) cannot be reached (\(operation)): \(reason)"
        }
    }
}

/// A per-item error that 24SevenOffice returned inside a save result (`APIException`).
public struct TwentyFourSevenItemError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The operation, such as `SaveInvoices`.
    public var operation: String
    /// The id of the item, such as the OrderId.
    public var itemId: Int
    /// The exception type 24SevenOffice reported.
    public var type: String
    /// The exception message.
    public var message: String

    /// Creates a per-item error.
    public init(operation: String, itemId: Int, type: String, message: String) {
        self.operation = operation
        self.itemId = itemId
        self.type = type
        self.message = message
    }

    /// A readable description, for logs and error messages.
    public var description: String {
        "24SevenOffice \(operation) refused item \(itemId): \(message) (\(type))"
    }
}
