import Synchronization

/// Takes the simulator off the network and back, on the same port: while it is off, connections are refused, as when
/// 24SevenOffice is down or a firewall is in the way.
///
/// Handed out by ``TwentyFourSevenSimulator/withOutages(_:)``.
public final class SimulatorOutage: Sendable {
    /// What the supervisor is asked to do.
    enum Command: Sendable {
        case stop, start, finish
    }

    let commands: AsyncStream<Command>
    private let continuation: AsyncStream<Command>.Continuation
    private let waiters = Mutex<[CheckedContinuation<Void, Never>]>([])

    init() {
        (commands, continuation) = AsyncStream.makeStream(of: Command.self)
    }

    /// Stops listening; returns once connections are refused.
    public func begin() async {
        await send(.stop)
    }

    /// Listens again on the same port; returns once connections are accepted.
    public func end() async {
        await send(.start)
    }

    func finish() {
        continuation.yield(.finish)
        continuation.finish()
    }

    private func send(_ command: Command) async {
        await withCheckedContinuation { waiter in
            waiters.withLock { $0.append(waiter) }
            continuation.yield(command)
        }
    }

    /// Called by the supervisor when a command has taken effect.
    func done() {
        let waiting = waiters.withLock { waiters -> [CheckedContinuation<Void, Never>] in
            defer { waiters.removeAll() }
            return waiters
        }
        for waiter in waiting { waiter.resume() }
    }
}
