/// One SOAP request on the wire.
public struct SOAPRequest: Sendable {
    /// The full URL of the service.
    public var url: String
    /// The operation name, for the SOAPAction header and for errors.
    public var operation: String
    /// The envelope bytes.
    public var body: [UInt8]
    /// The session id to send as the `ASP.NET_SessionId` cookie, if any.
    public var sessionId: String?

    /// Creates a request.
    public init(url: String, operation: String, body: [UInt8], sessionId: String?) {
        self.url = url
        self.operation = operation
        self.body = body
        self.sessionId = sessionId
    }
}

/// One SOAP response on the wire.
public struct SOAPResponse: Sendable {
    /// The HTTP status.
    public var status: Int
    /// The body bytes.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}

/// Sends SOAP requests.
///
/// The production transport uses AsyncHTTPClient; tests may wrap it to record traffic.
public protocol SOAPTransport: Sendable {
    /// Sends one request and returns the answer, whatever its status.
    /// - Throws: an error when no answer arrived (connection refused or dropped, timeout).
    func send(_ request: SOAPRequest) async throws -> SOAPResponse
}

/// Why a transport could not deliver a request.
public enum SOAPTransportError: Error, Sendable, Equatable {
    /// No connection could be made: refused, unresolvable, unreachable, or not within the connect timeout.
    case unreachable(String)
}
