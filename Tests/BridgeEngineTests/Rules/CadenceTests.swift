import BridgeEngine
import Testing

/// The export schedule on a clock the test moves: a cycle at once, then one per interval from the start of the last,
/// and after an overrun one cycle at once, never a burst.
@Suite struct CadenceTests {
    @Test func aCycleAtOnceThenOnePerIntervalAndNoBurstAfterAnOverrun() async throws {
        let clock = ManualClock()
        var ticks = Cadence(every: .seconds(10), clock: clock).makeAsyncIterator()
        #expect(await ticks.next()?.offset == .zero)
        // The next tick waits for the clock.
        async let second = ticks.next()
        while clock.sleeping == 0 { await Task.yield() }
        clock.advance(by: .seconds(10))
        #expect(await second?.offset == .seconds(10))
        // A cycle that overran three intervals is followed by one cycle at once, then the schedule again.
        clock.advance(by: .seconds(35))
        #expect(await ticks.next()?.offset == .seconds(45))
        async let fourth = ticks.next()
        while clock.sleeping == 0 { await Task.yield() }
        #expect(clock.sleeping == 1)
        clock.advance(by: .seconds(10))
        #expect(await fourth?.offset == .seconds(55))
    }
}
