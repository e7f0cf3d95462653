public import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// The production transport: SOAP 1.1 over HTTP(S) with AsyncHTTPClient.
public struct HTTPClientTransport: SOAPTransport {
    private let client: HTTPClient
    private let timeout: TimeAmount
    private let maxResponseBytes: Int

    /// Creates a transport.
    /// - Parameters:
    ///   - client: the HTTP client; defaults to the process-wide shared client.
    ///   - timeoutSeconds: the most one request may take, from connecting to the last byte.
    ///   - maxResponseBytes: the largest answer accepted.
    public init(client: HTTPClient = .shared, timeoutSeconds: Int64 = 120, maxResponseBytes: Int = 256 << 20) {
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
        let response = try await client.execute(http, timeout: timeout)
        var body = try await response.body.collect(upTo: maxResponseBytes)
        let bytes = body.readBytes(length: body.readableBytes) ?? []
        return SOAPResponse(status: Int(response.status.code), body: bytes)
    }
}
