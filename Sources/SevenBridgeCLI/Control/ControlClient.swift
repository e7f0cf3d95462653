import AsyncHTTPClient
import BridgeEngine
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// How a command reaches the state: itself under the state lock, or through the daemon that holds the lock.
enum ControlClient {
    /// Carries out `request`: in this process under the state locks when no other process holds them, else by the
    /// daemon that holds them; when the holder is a one-shot run without a control socket, waits (up to `patience`)
    /// for it to finish.
    static func perform(
        _ request: ControlRequest, selection: OwnerSelection, logger: Logger, patience: Duration = .seconds(120)
    ) async throws -> ControlAnswer {
        let deadline = ContinuousClock.now + patience
        while true {
            if let locks = try selection.attemptLock() {
                let runtime = try await RuntimeBuilder.build(selection, dryRun: false, logger: logger)
                let answer = await ControlOperations.perform(request, on: runtime)
                withExtendedLifetime(locks) {}
                return answer
            }
            if let answer = try await send(request, socket: selection.controlSocket) { return answer }
            guard ContinuousClock.now < deadline else {
                let held = selection.lockFolders.first { (try? StateLock.attempt(folder: $0)) == nil }
                let state = held ?? selection.site.stateFolder
                throw BridgeError(
                    .configuration,
                    "another sevenbridge (process \(StateLock.holder(folder: state) ?? "?")) holds the state folder "
                        + "\(state) and does not take requests; try again when it has finished")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Sends a request to the daemon; `nil` when no daemon listens on the socket.
    private static func send(_ request: ControlRequest, socket: String) async throws -> ControlAnswer? {
        guard FileManager.default.fileExists(atPath: socket),
            let url = URL(httpURLWithSocketPath: socket, uri: "/control")
        else { return nil }
        var http = HTTPClientRequest(url: url.absoluteString)
        http.method = .POST
        http.headers.add(name: "Content-Type", value: "application/json")
        http.body = .bytes(ByteBuffer(bytes: Array(try JSONEncoder().encode(request))))
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(http, timeout: .seconds(600))
        } catch {
            return nil
        }
        let body = try await response.body.collect(upTo: 16 << 20)
        guard response.status == .ok else {
            return .refused("the running sevenbridge refused the request (HTTP \(response.status.code))")
        }
        return try JSONDecoder().decode(ControlAnswer.self, from: Data(body.readableBytesView))
    }
}
