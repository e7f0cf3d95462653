public import Foundation
public import Hummingbird
public import Logging
import NIOCore
import XMLStream

/// A built-in 24SevenOffice: a Hummingbird server on the four real service paths that answers SOAP 1.1
/// like the real service, from a ``SimulatorStore``.
///
/// Every request body is checked against the XML Schema in the service's real WSDL, so a request the real
/// service would not read is answered with a `soap:Client` fault, and every answer is written in schema
/// order with only the requested properties. `GET <path>?wsdl` serves the WSDL pointing at the simulator.
///
/// It may serve several companies (a ``SimulatorStore`` each): a login goes to the company whose user and identity it
/// names, and every later call to the company its session came from, so each company keeps its own data, faults and
/// call log.
///
/// ```swift
/// let simulator = try TwentyFourSevenSimulator(store: store, logger: logger)
/// try await simulator.run(port: 0) { port in print("listening on \(port)") }
/// ```
public struct TwentyFourSevenSimulator: Sendable {
    /// The first company the simulator answers from: the one a call without a known session goes to.
    public var store: SimulatorStore { stores[0] }
    /// Every company the simulator answers from.
    public let stores: [SimulatorStore]
    let routes = SessionRoutes()
    let logger: Logger
    let services: [String: SimulatedService]

    /// Creates a simulator of one company.
    /// - Throws: when the bundled WSDLs cannot be read or compiled.
    public init(store: SimulatorStore, logger: Logger) throws {
        try self.init(stores: [store], logger: logger)
    }

    /// Creates a simulator of several companies, each logged in to with its own credentials or identity.
    /// - Parameter stores: the companies; the first answers calls that name no known session. Must not be empty.
    /// - Throws: when the bundled WSDLs cannot be read or compiled.
    public init(stores: [SimulatorStore], logger: Logger) throws {
        precondition(!stores.isEmpty, "a simulator serves at least one company")
        self.stores = stores
        self.logger = logger
        var services: [String: SimulatedService] = [:]
        for service in SimulatedService.all {
            services[service.path] = try service.loadingSchema()
        }
        self.services = services
    }

    /// The folder of the bundled WSDLs.
    public static var wsdlDirectory: URL {
        Bundle.module.bundleURL.appendingPathComponent("Resources/wsdl")
    }

    /// The bytes of a bundled 24SevenOffice WSDL, such as `invoiceService`.
    /// - Throws: `XMLStreamError` when the bundle does not hold it.
    public static func wsdl(_ file: String) throws -> [UInt8] {
        let url = wsdlDirectory.appendingPathComponent("\(file).wsdl")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw XMLStreamError(.malformed, document: "\(file).wsdl", reason: "the bundled WSDL is missing")
        }
        return Array(data)
    }

    /// Builds the Hummingbird application.
    /// - Parameters:
    ///   - host: the address to listen on; loopback by default.
    ///   - port: the port; 0 picks a free one.
    ///   - onRunning: called with the bound port once the server listens.
    public func application(
        host: String = "127.0.0.1", port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router()
        for (path, service) in services {
            router.post(RouterPath(path)) { request, _ in
                try await self.handle(request, service: service)
            }
            router.get(RouterPath(path)) { request, _ in
                self.wsdl(request, service: service)
            }
        }
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "24SO-simulator"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// Runs the simulator until the task is cancelled or the process receives SIGTERM or SIGINT.
    public func run(
        host: String = "127.0.0.1", port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    )
        async throws
    {
        try await application(host: host, port: port, onRunning: onRunning).runService()
    }

    private func wsdl(_ request: Request, service: SimulatedService) -> Response {
        let host = request.head.authority ?? "127.0.0.1"
        let text = String(decoding: service.wsdl, as: UTF8.self)
            .replacingOccurrences(of: "https://api.24sevenoffice.com", with: "http://\(host)")
            .replacingOccurrences(of: "http://api.24sevenoffice.com", with: "http://\(host)")
        return Response(
            status: .ok, headers: [.contentType: "text/xml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
