import ServiceLifecycle

extension TwentyFourSevenSimulator {
    /// Runs the simulator on a loopback port for the duration of `body`, then shuts it down gracefully.
    ///
    /// Used by the demo and by tests, which need a live server without managing its lifetime.
    /// - Parameters:
    ///   - port: the port; 0 picks a free one.
    ///   - body: receives the base URL, such as `http://127.0.0.1:41234`.
    public func withRunning<T: Sendable>(port: Int = 0, _ body: @Sendable (String) async throws -> T) async throws -> T
    {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = application(port: port) { bound in continuation.yield(bound) }
        let services = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var iterator = ports.makeAsyncIterator()
            guard let bound = await iterator.next() else { throw CancellationError() }
            let result: Result<T, any Error>
            do {
                result = .success(try await body("http://127.0.0.1:\(bound)"))
            } catch {
                result = .failure(error)
            }
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
            return try result.get()
        }
    }
}
