public import BridgeEngine
import Foundation
public import Hummingbird
public import Logging
import NIOCore

/// What the daemon serves when `http.listen` is set (interfaces section 8): the status page at `/`, the same as JSON
/// at `/status.json`, Prometheus metrics at `/metrics`, liveness at `/healthz` and readiness at `/readyz`.
///
/// The application is one more service of the daemon's `ServiceGroup` and stops with it.
///
/// ```swift
/// let server = StatusServer(runtime: runtime, metrics: registry, daemon: daemon, logger: logger)
/// services.append(server.application(host: "127.0.0.1", port: 9464))
/// ```
public struct StatusServer: Sendable {
    private let collector: StatusCollector
    private let metrics: MetricsRegistry
    private let logger: Logger

    /// A server over the daemon's runtime.
    /// - Parameters:
    ///   - runtime: the daemon's one runtime.
    ///   - metrics: the registry its owners count into.
    ///   - daemon: the serving process.
    ///   - logger: the process's logger.
    public init(runtime: BridgeRuntime, metrics: MetricsRegistry, daemon: SiteStatus.Daemon, logger: Logger) {
        self.collector = StatusCollector(runtime: runtime, daemon: daemon)
        self.metrics = metrics
        self.logger = logger
    }

    /// The Hummingbird application on `host` and `port` (0 takes a free port); `onRunning` is told the address it
    /// listens on.
    public func application(
        host: String, port: Int, onRunning: @escaping @Sendable (String) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router()
        let (collector, metrics, logger) = (collector, metrics, logger)
        router.get("/") { _, _ in
            let site = try await collector.site()
            return Self.response(.ok, "text/html; charset=utf-8", try StatusPage.render(site))
        }
        router.get("/status.json") { _, _ in
            Self.response(.ok, "application/json", try Self.json(try await collector.site()))
        }
        router.get("/metrics") { _, _ in
            try await collector.publish(try await collector.site())
            return Self.response(.ok, "text/plain; version=0.0.4; charset=utf-8", metrics.text())
        }
        router.get("/healthz") { _, _ in
            Self.response(.ok, "text/plain; charset=utf-8", "ok\n")
        }
        router.get("/readyz") { _, _ in
            let readiness = try await collector.readiness()
            return Self.response(
                readiness.ready ? .ok : .serviceUnavailable, "application/json", try Self.json(readiness))
        }
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "SevenBridge"),
            onServerRunning: { channel in
                let ip = channel.localAddress?.ipAddress ?? host
                let bound = channel.localAddress?.port ?? port
                let address = ip.contains(":") ? "[\(ip)]:\(bound)" : "\(ip):\(bound)"
                logger.notice("status page, metrics and health listening", metadata: ["http.address": "\(address)"])
                await onRunning(address)
            }, logger: logger)
    }

    private static func response(_ status: HTTPResponse.Status, _ type: String, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: type, .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
