public import Foundation

/// One request to 24SevenOffice as it ended, for monitoring: which operation, how it ended, how long it took.
public struct ERPCallEvent: Sendable, Equatable {
    /// How a request ended.
    public enum Outcome: String, Sendable, CaseIterable {
        /// The service answered.
        case ok
        /// A SOAP fault (including an expired session or a quarantine).
        case fault
        /// An HTTP error without a SOAP fault.
        case http
        /// The request was sent but no answer arrived (dropped, timed out).
        case transport
        /// No connection could be made.
        case unreachable
    }

    /// The SOAP operation.
    public var operation: String
    /// How it ended.
    public var outcome: Outcome
    /// How long it took.
    public var duration: Duration
    /// When it ended.
    public var endedAt: Date
    /// The error, when it did not end `ok`.
    public var error: String?

    /// Creates an event.
    public init(operation: String, outcome: Outcome, duration: Duration, endedAt: Date, error: String? = nil) {
        self.operation = operation
        self.outcome = outcome
        self.duration = duration
        self.endedAt = endedAt
        self.error = error
    }
}
