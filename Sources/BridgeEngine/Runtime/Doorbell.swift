/// Wakes a service from elsewhere: the inbox rings the write-back runner's doorbell when it has journaled something.
///
/// Rings coalesce: a burst of rings while the service is busy is one wake-up. One service listens to a doorbell.
public final class Doorbell: Sendable {
    /// The rings, for the one listener.
    public let rings: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    /// A doorbell nobody has rung yet.
    public init() {
        (rings, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Rings: the listener wakes once, soon.
    public func ring() {
        continuation.yield(())
    }
}
