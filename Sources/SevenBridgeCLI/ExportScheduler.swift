import BridgeEngine
import Logging
import ServiceLifecycle

/// The exporters on their schedule.
///
/// one full export cycle every `interval`, until graceful shutdown. A cycle in progress finishes (its
/// batches are committed) before the service returns.
struct ExportScheduler: Service {
    let bridge: Bridge
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let (summaries, failures) = try await bridge.exportOnce(dryRun: false)
                for summary in summaries {
                    logger.info(
                        "export cycle",
                        metadata: [
                            "sync.process": "\(summary.process)", "written": "\(summary.written.count)",
                            "unchanged": "\(summary.unchanged)", "notices": "\(summary.notices.count)",
                        ])
                }
                for (process, error) in failures {
                    logger.error(
                        "export failed; next try on schedule",
                        metadata: ["sync.process": "\(process)", "error": "\(error)"])
                }
            } catch {
                logger.error("export cycle could not start", metadata: ["error": "\(error)"])
            }
            await bridge.applyRetention()
            let next = ContinuousClock.now + interval
            while ContinuousClock.now < next && !Task.isCancelled && !Task.isShuttingDownGracefully {
                try? await Task.sleep(for: min(.milliseconds(200), next - ContinuousClock.now))
            }
        }
    }
}
