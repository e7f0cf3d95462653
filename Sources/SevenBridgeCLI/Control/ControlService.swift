import BridgeEngine
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The daemon's control socket: `<state>/sevenbridge.sock`, a Unix domain socket (mode 0600) on which commands that
/// change state (`inbox release`, `archive prune`, `archive replay`) hand their work to the running daemon, which
/// carries it out over its own runtime.
///
/// One more service of the daemon's group; it stops with it.
struct ControlService: Service {
    let runtime: BridgeRuntime
    let socket: String
    let logger: Logger

    func run() async throws {
        // The daemon holds the state lock, so a socket file left here is a stale one of an earlier daemon.
        if FileManager.default.fileExists(atPath: socket) { try FileManager.default.removeItem(atPath: socket) }
        guard socket.utf8.count < 104 else {
            logger.warning(
                "the state folder's path is too long for a control socket; commands that change state will wait for the daemon to stop",
                metadata: ["socket": "\(socket)"])
            try await gracefulShutdown()
            return
        }
        let router = Router()
        let runtime = runtime
        router.post("control") { request, context -> ControlAnswer in
            let control = try await request.decode(as: ControlRequest.self, context: context)
            return await ControlOperations.perform(control, on: runtime)
        }
        var quiet = logger
        quiet.logLevel = .warning
        let socket = socket
        let app = Application(
            router: router, configuration: .init(address: .unixDomainSocket(path: socket), serverName: "sevenbridge"),
            onServerRunning: { _ in _ = chmod(socket, 0o600) }, logger: quiet)
        defer { try? FileManager.default.removeItem(atPath: socket) }
        try await app.runService(gracefulShutdownSignals: [])
    }
}
