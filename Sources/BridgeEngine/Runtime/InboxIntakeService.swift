import Foundation
import Logging
public import ServiceLifecycle

/// The inbox intake: takes files as soon as they are complete, woken by file events (inotify), when a file still being
/// written should have settled, and by a rescan tick (network shares send no events).
///
/// It never waits for 24SevenOffice, so files keep being taken while write-backs wait; it rings the write-back runner
/// when it journaled something. On graceful shutdown it finishes the file in hand.
public struct InboxIntakeService<C: Clock>: Service where C.Duration == Duration {
    let owner: OwnerRuntime
    let clock: C

    /// Creates the service.
    public init(owner: OwnerRuntime, clock: C) {
        self.owner = owner
        self.clock = clock
    }

    /// Watches until graceful shutdown.
    public func run() async throws {
        let folder = owner.settings.inbox.inbox
        let files = owner.files
        try await owner.blocking.run { try files.createFolder(folder) }
        // With statusOnImport, the importer taking an order file out of the outbox is news too.
        let inbox = owner.settings.inbox
        let events = DirectoryEvents.stream(
            path: folder, departures: inbox.statusOnImport == nil || inbox.dryRun ? nil : inbox.outbox)
        if events == nil {
            owner.logger.notice(
                "no file events for the inbox; rescanning on the timer", metadata: ["folder": "\(folder)"])
        }
        owner.logger.info("watching the inbox", metadata: ["folder": "\(folder)"])
        let doorbell = Doorbell()
        let owner = owner
        await Wakeups.run(clock: clock, tick: owner.settings.rescan, doorbell: doorbell, events: events) {
            let outcomes = await owner.inbox.processReady()
            owner.writeBackDoorbell.ring()
            if !outcomes.isEmpty { owner.logger.debug("inbox pass", metadata: ["files": "\(outcomes.count)"]) }
            return await owner.inbox.nextSettle().map { .milliseconds(Int64($0 * 1000) + 20) }
        }
        owner.logger.info("inbox intake stopped")
    }
}
