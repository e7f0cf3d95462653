import ServiceLifecycle
public import TwentyFourSeven

/// 24SevenOffice waits and requests that end at once on graceful shutdown, so that SIGTERM stops the daemon in the
/// middle of a back-off, a budget wait, a quarantine or a hanging answer.
///
/// They end with `CancellationError`; the task itself is not cancelled, so the state of the work in hand is still
/// recorded.
public enum Stoppable {
    /// Real time and randomness, with waits that end on graceful shutdown.
    public static let environment = TwentyFourSevenEnvironment(
        now: TwentyFourSevenEnvironment.live.now,
        sleep: { duration in
            try await cancelWhenGracefulShutdown { try await Task.sleep(for: duration) }
            if Task.isShuttingDownGracefully { throw CancellationError() }
        },
        random: TwentyFourSevenEnvironment.live.random)

    /// A transport whose requests are abandoned on graceful shutdown.
    public struct Transport: SOAPTransport {
        let inner: any SOAPTransport

        /// Wraps `inner`.
        public init(_ inner: any SOAPTransport) {
            self.inner = inner
        }

        /// Sends the request, or throws `CancellationError` when a graceful shutdown begins first.
        public func send(_ request: SOAPRequest) async throws -> SOAPResponse {
            if Task.isShuttingDownGracefully { throw CancellationError() }
            let inner = inner
            do {
                return try await cancelWhenGracefulShutdown { try await inner.send(request) }
            } catch {
                if Task.isShuttingDownGracefully { throw CancellationError() }
                throw error
            }
        }
    }
}
