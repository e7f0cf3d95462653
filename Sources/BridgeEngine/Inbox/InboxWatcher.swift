import Foundation
public import Logging
public import ServiceLifecycle

/// The inbox watcher: a service that takes files as soon as they are complete and carries out write-backs.
///
/// It wakes on file events (inotify, within a second), when a file still being written should have settled,
/// when a postponed write-back falls due, and on a rescan timer (network shares send no events). On graceful
/// shutdown it finishes the file in hand, records its state, and returns.
public struct InboxWatcher: Service {
    private let processor: InboxProcessor
    private let runner: WriteBackRunner
    private let inbox: String
    private let rescan: Duration
    private let logger: Logger

    /// Creates a watcher.
    /// - Parameters:
    ///   - processor: takes the files.
    ///   - runner: carries out the write-backs.
    ///   - inbox: the folder to watch.
    ///   - rescan: how often to look even without events.
    ///   - logger: where it reports.
    public init(
        processor: InboxProcessor, runner: WriteBackRunner, inbox: String, rescan: Duration = .seconds(10),
        logger: Logger
    ) {
        self.processor = processor
        self.runner = runner
        self.inbox = inbox
        self.rescan = rescan
        self.logger = logger
    }

    /// Watches until graceful shutdown or cancellation.
    public func run() async throws {
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let events = DirectoryEvents(path: inbox)
        if events == nil {
            logger.notice("no file events for the inbox; rescanning on the timer", metadata: ["folder": "\(inbox)"])
        }
        logger.info("watching the inbox", metadata: ["folder": "\(inbox)"])
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await cycle()
            var wait = rescan
            if let settle = await processor.nextSettle() { wait = min(wait, .milliseconds(Int64(settle * 1000) + 20)) }
            // Wait in slices of 100 ms, never blocking a thread: an event or shutdown is noticed within one slice.
            let deadline = ContinuousClock.now + wait
            while ContinuousClock.now < deadline && !Task.isCancelled && !Task.isShuttingDownGracefully {
                if events?.drain() == true { break }
                try? await Task.sleep(for: min(.milliseconds(100), deadline - ContinuousClock.now))
            }
        }
        logger.info("inbox watcher stopped")
    }

    /// One pass.
    ///
    /// take every complete file, then carry out due write-backs. Never throws: the watcher keeps going.
    private func cycle() async {
        let outcomes = await processor.processReady()
        do {
            let summary = try await runner.runDue()
            if !outcomes.isEmpty || !summary.written.isEmpty || !summary.refused.isEmpty {
                logger.debug(
                    "inbox pass", metadata: ["files": "\(outcomes.count)", "written": "\(summary.written.count)"])
            }
        } catch {
            logger.error("write-backs could not run; they stay pending", metadata: ["error": "\(error)"])
        }
    }

}
