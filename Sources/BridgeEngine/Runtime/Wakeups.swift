import AsyncAlgorithms
import ServiceLifecycle

/// How the daemon's services wait: a pass at once, then a pass whenever something wakes them (their doorbell, file
/// events, a steady rescan tick, or an alarm the last pass asked for), until graceful shutdown.
///
/// Every wait ends on graceful shutdown; a pass in hand is finished first. Extra wake-ups are harmless: a pass that
/// finds nothing to do does nothing.
enum Wakeups {
    /// Runs `pass` until graceful shutdown or cancellation.
    /// - Parameters:
    ///   - clock: the clock of ticks and alarms.
    ///   - tick: the steady rescan interval.
    ///   - doorbell: rung by others to wake the service.
    ///   - events: further wake-ups, such as file events.
    ///   - pass: one pass; returns when it wants the next one at the latest, if it does.
    static func run<C: Clock>(
        clock: C, tick: Duration, doorbell: Doorbell, events: AsyncStream<Void>? = nil,
        pass: @escaping @Sendable () async -> Duration?
    ) async where C.Duration == Duration {
        let ticks = AsyncTimerSequence(interval: tick, clock: clock).map { @Sendable _ in () }
        let extra = events ?? AsyncStream<Void> { $0.finish() }
        await withDiscardingTaskGroup { group in
            var alarm: C.Instant?
            doorbell.ring()
            for await _ in merge(doorbell.rings, ticks, extra).cancelOnGracefulShutdown() {
                guard let wait = await pass() else { continue }
                let due = clock.now.advanced(by: max(wait, .zero))
                // An earlier alarm still pending covers this one; later pending alarms ring harmlessly.
                if let pending = alarm, pending > clock.now, pending <= due { continue }
                alarm = due
                group.addTask {
                    try? await clock.sleep(until: due, tolerance: nil)
                    doorbell.ring()
                }
            }
            group.cancelAll()
        }
    }
}
