/// A schedule as an async sequence: one element at once, then one every `interval` measured from when the previous
/// one was taken, on an injected clock.
///
/// Unlike a fixed grid, a cycle that overran its interval is followed by one cycle at once and then the schedule
/// again, never by a burst of cycles catching up.
public struct Cadence<C: Clock>: AsyncSequence, Sendable where C.Duration == Duration {
    /// The element: when it was taken.
    public typealias Element = C.Instant

    private let interval: Duration
    private let clock: C

    /// A cadence of `interval` on `clock`.
    public init(every interval: Duration, clock: C) {
        self.interval = interval
        self.clock = clock
    }

    /// The iterator.
    public struct Iterator: AsyncIteratorProtocol {
        let interval: Duration
        let clock: C
        var previous: C.Instant?

        /// The next moment of the schedule, or `nil` when the task is cancelled.
        public mutating func next() async -> C.Instant? {
            if let previous {
                let due = previous.advanced(by: interval)
                if due > clock.now {
                    do { try await clock.sleep(until: due, tolerance: nil) } catch { return nil }
                }
            }
            guard !Task.isCancelled else { return nil }
            let now = clock.now
            previous = now
            return now
        }
    }

    /// Makes the iterator.
    public func makeAsyncIterator() -> Iterator {
        Iterator(interval: interval, clock: clock)
    }
}
