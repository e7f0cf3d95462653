import ServiceLifecycle

extension TwentyFourSevenSimulator {
    /// Runs the simulator on a loopback port for the duration of `body`, with an ``SimulatorOutage`` that takes it off
    /// the network and back on the same port.
    /// - Parameter body: receives the base URL and the outage switch.
    public func withOutages<T: Sendable>(_ body: @Sendable (String, SimulatorOutage) async throws -> T) async throws
        -> T
    {
        let outage = SimulatorOutage()
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.supervise(outage, reportingPortTo: portContinuation) }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            let result: Result<T, any Error>
            do {
                result = .success(try await body("http://127.0.0.1:\(port)", outage))
            } catch {
                result = .failure(error)
            }
            outage.finish()
            try await group.waitForAll()
            return try result.get()
        }
    }

    /// Runs the server, stopping and starting it on the same port as the outage switch says.
    private func supervise(_ outage: SimulatorOutage, reportingPortTo first: AsyncStream<Int>.Continuation) async throws
    {
        var port = 0
        var commands = outage.commands.makeAsyncIterator()
        while true {
            let (bound, boundContinuation) = AsyncStream.makeStream(of: Int.self)
            let app = application(port: port) { boundContinuation.yield($0) }
            let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var listening = bound.makeAsyncIterator()
                guard let actual = await listening.next() else { return }
                if port == 0 { first.yield(actual) } else { outage.done() }
                port = actual
                // Serve until told to stop or to finish.
                while let command = await commands.next(), command == .start {}
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            outage.done()
            // Off the network until told to start again.
            var next = await commands.next()
            while next == .stop { next = await commands.next() }
            guard next == .start else { return }
        }
    }
}
