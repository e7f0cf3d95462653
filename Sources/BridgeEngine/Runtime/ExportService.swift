import Foundation
import Logging
public import ServiceLifecycle

/// The exporters on their schedule: a cycle at start, then one every `interval` from the start of the previous one,
/// then the retention; until graceful shutdown.
///
/// A cycle in hand finishes its batch; its waits for 24SevenOffice end at once on shutdown.
public struct ExportService<C: Clock>: Service where C.Duration == Duration {
    let owner: OwnerRuntime
    let clock: C

    /// Creates the service.
    public init(owner: OwnerRuntime, clock: C) {
        self.owner = owner
        self.clock = clock
    }

    /// Runs cycles until graceful shutdown.
    public func run() async throws {
        let interval = owner.settings.interval
        let processes = owner.settings.exporters.enabled.map(\.process)
        for await _ in Cadence(every: interval, clock: clock).cancelOnGracefulShutdown() {
            // The cadence measures from the start of a cycle, so the next one is due an interval from now.
            let next = owner.now().addingTimeInterval(interval.seconds)
            do {
                try await owner.store.recordNextRun(processes, at: next)
            } catch {
                owner.logger.warning("the next run could not be recorded for status", metadata: ["error": "\(error)"])
            }
            let cycle = await owner.exportCycle()
            for summary in cycle.summaries {
                owner.logger.info(
                    "export cycle",
                    metadata: [
                        "sync.process": "\(summary.process)", "written": "\(summary.writtenCount)",
                        "unchanged": "\(summary.unchanged)", "notices": "\(summary.noticeCount)",
                    ])
            }
            if Task.isShuttingDownGracefully { break }
            await owner.applyRetention()
        }
    }
}
