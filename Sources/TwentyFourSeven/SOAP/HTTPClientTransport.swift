public import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// The production transport: SOAP 1.1 over HTTP(S) with AsyncHTTPClient.
///
/// Its HTTP client does not retry a connection that cannot be made: the SOAP client's own policy decides, so an
/// endpoint that refuses connections or cannot be resolved fails in milliseconds, not after a connect timeout per
/// attempt. Such failures are thrown as ``SOAPTransportError/unreachable(_:)``.
public struct HTTPClientTransport: SOAPTransport {
    private let client: HTTPClient
    private let timeout: TimeAmount
    private let maxResponseBytes: Int

    /// The process-wide client for 24SevenOffice: connections are not retried inside AsyncHTTPClient, and a connection
    /// must be made within 10 seconds.
    ///
    /// It lives as long as the process.
    public static let sharedClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = .init(connect: .seconds(10))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// Creates a transport.
    /// - Parameters:
    ///   - client: the HTTP client; by default ``sharedClient``.
    ///   - timeoutSeconds: the most one request may take, from connecting to the last byte.
    ///   - maxResponseBytes: the largest answer accepted.
    public init(client: HTTPClient = Self.sharedClient, timeoutSeconds: Int64 = 120, maxResponseBytes: Int = 256 << 20)
    {
        self.client = client
        self.timeout = .seconds(timeoutSeconds)
        self.maxResponseBytes = maxResponseBytes
    }

    /// Sends one request over HTTP and returns the answer, whatever its status.
    public func send(_ request: SOAPRequest) async throws -> SOAPResponse {
        var http = HTTPClientRequest(url: request.url)
        http.method = .POST
        http.headers.add(name: "Content-Type", value: "text/xml; charset=utf-8")
        http.headers.add(name: "SOAPAction", value: TwentyFourSevenService.soapAction(request.operation))
        if let session = request.sessionId {
            http.headers.add(name: "Cookie", value: "ASP.NET_SessionId=\(session)")
        }
        http.body = .bytes(ByteBuffer(bytes: request.body))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(http, timeout: timeout)
        } catch {
            if let reason = Self.unreachable(error) { throw SOAPTransportError.unreachable(reason) }
            throw error
        }
        var body = try await response.body.collect(upTo: maxResponseBytes)
        let bytes = body.readBytes(length: body.readableBytes) ?? []
        return SOAPResponse(status: Int(response.status.code), body: bytes)
    }

    /// Why a request never reached the service, when the error says no connection could be made.
    static func unreachable(_ error: any Error) -> String? {
        if let error = error as? HTTPClientError, error == .connectTimeout {
            return "no connection within 10 s"
        }
        if let error = error as? ChannelError, case .connectTimeout = error { return "no connection within 10 s" }
        if let error = error as? NIOConnectionError {
            if error.dnsAError != nil || error.dnsAAAAError != nil {
                return "the host name \(error.host) cannot be resolved"
            }
            if let first = error.connectionErrors.first { return describe(first.error) }
            return "no address of \(error.host) accepts connections"
        }
        if let error = error as? IOError, [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH].contains(error.errnoCode) {
            return describe(error)
        }
        return nil
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? IOError else { return "\(error)" }
        switch error.errnoCode {
        case ECONNREFUSED: return "connection refused"
        case EHOSTUNREACH: return "host unreachable"
        case ENETUNREACH: return "network unreachable"
        default: return String(cString: strerror(error.errnoCode))
        }
    }
}
