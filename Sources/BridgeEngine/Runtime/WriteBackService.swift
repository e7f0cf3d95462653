import Foundation
import Logging
public import ServiceLifecycle

/// The write-back runner as a service: tries due write-backs when the inbox rings, when the next postponed one falls
/// due, and on a steady tick; until graceful shutdown.
///
/// Its waits for 24SevenOffice (back-off, budget, quarantine) hold up nothing else, and end at once on shutdown.
public struct WriteBackService<C: Clock>: Service where C.Duration == Duration {
    let owner: OwnerRuntime
    let clock: C

    /// Creates the service.
    public init(owner: OwnerRuntime, clock: C) {
        self.owner = owner
        self.clock = clock
    }

    /// Runs until graceful shutdown.
    public func run() async throws {
        let owner = owner
        let now = owner.now
        await Wakeups.run(clock: clock, tick: .seconds(60), doorbell: owner.writeBackDoorbell) {
            do {
                let summary = try await owner.writeBacks.runDue()
                if !summary.written.isEmpty || !summary.refused.isEmpty {
                    owner.logger.debug(
                        "write-back pass",
                        metadata: ["written": "\(summary.written.count)", "pending": "\(summary.pending)"])
                }
                guard let next = summary.nextAttempt else { return nil }
                return .milliseconds(Int64(max(0.2, next.timeIntervalSince(now())) * 1000) + 10)
            } catch {
                owner.logger.error("write-backs could not run; they stay pending", metadata: ["error": "\(error)"])
                return .seconds(30)
            }
        }
    }
}
