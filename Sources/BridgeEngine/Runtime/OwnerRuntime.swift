import BridgeModel
public import Foundation
public import Logging
public import OngoingFiles
public import ServiceLifecycle
public import TwentyFourSeven

/// Everything that works for one goods owner, built once per process: its state store, its archive writer (the only
/// code that appends to its manifest), its 24SevenOffice gateway (one session, one budget), and the exporters, the
/// inbox and the write-back runner over them.
///
/// `run --once`, `demo` and `archive replay` use its one-cycle operations; the daemon runs its ``services(clock:)``.
public final class OwnerRuntime: Sendable {
    /// The owner's settings.
    public let settings: OwnerSettings
    /// The owner's state.
    public let store: StateStore
    /// The owner's archive writer.
    public let archive: ArchiveWriter
    /// The owner's 24SevenOffice.
    public let erp: any ERPGateway
    /// The exporters.
    public let exporter: Exporter
    /// The inbox.
    public let inbox: InboxProcessor
    /// The write-back runner.
    public let writeBacks: WriteBackRunner
    /// Rung when the inbox journaled write-backs, to wake the runner.
    public let writeBackDoorbell = Doorbell()
    /// The file system.
    public let files: any FileSystem
    /// Where blocking work runs.
    public let blocking: BlockingWork
    /// What the owner's work counts.
    public let metrics: BridgeMetrics
    /// The 24SevenOffice account's hourly budget, shared with the owners of the same account, when there is one.
    public let budget: RequestBudget?
    let logger: Logger
    let now: @Sendable () -> Date

    /// Builds the owner's runtime: opens its archive (repairing a torn manifest line) and creates its folders, unless
    /// this is a dry run.
    /// - Throws: `BridgeError` when a folder cannot be made or the archive cannot be opened.
    public init(
        settings: OwnerSettings, database: StateDatabase, erp: any ERPGateway, schema: OngoingSchema,
        files: any FileSystem = LocalFileSystem(), blocking: BlockingWork = .shared, metrics: BridgeMetrics? = nil,
        budget: RequestBudget? = nil, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) async throws {
        let metrics = metrics ?? .disabled(goodsOwner: settings.goodsOwnerCode)
        var logger = logger
        logger[metadataKey: "goods_owner"] = "\(settings.goodsOwnerCode)"
        if !settings.dryRun {
            for folder in [settings.export.outbox, settings.archive]
                + (settings.watchesInbox ? [settings.inbox.inbox] : [])
            {
                try await blocking.run { try files.createFolder(folder) }
            }
        }
        self.settings = settings
        self.store = database.store(goodsOwner: settings.goodsOwnerCode)
        self.archive = try await ArchiveWriter.open(
            root: settings.archive, fileSystem: files, blocking: blocking, readOnly: settings.dryRun, now: now)
        self.erp = erp
        self.files = files
        self.blocking = blocking
        self.metrics = metrics
        self.budget = budget
        self.logger = logger
        self.now = now
        self.exporter = Exporter(
            client: erp, store: store, archive: archive, schema: schema,
            mapper: try RecordMapper(table: settings.mapping, variantPattern: settings.variantPattern),
            settings: settings.export, files: files, blocking: blocking, logger: logger, now: now)
        self.inbox = InboxProcessor(
            store: store, archive: archive, client: erp, settings: settings.inbox, files: files, blocking: blocking,
            metrics: metrics, logger: logger, now: now)
        let reports = InboxReports(
            store: store, processed: settings.inbox.inbox + "/processed", files: files, blocking: blocking)
        self.writeBacks = WriteBackRunner(
            client: erp, store: store, metrics: metrics, logger: logger, now: now,
            onRefusal: { await reports.noteRefusal($0, $1) })
        metrics.prepare(kinds: settings.exporters.enabled.map(\.kind))
    }

    /// What one export cycle did: each process's summary, and the processes that failed with their errors.
    public struct ExportCycle: Sendable {
        /// The summaries of the processes that ran.
        public var summaries: [ExportSummary] = []
        /// The processes that failed, with their errors.
        public var failures: [(process: String, error: String)] = []
    }

    /// Runs every enabled exporter once (articles, suppliers, orders); a failing process does not stop the others.
    public func exportCycle() async -> ExportCycle {
        await erp.startCycle()
        var cycle = ExportCycle()
        for (name, kind) in settings.exporters.enabled {
            do {
                let summary: ExportSummary
                switch kind {
                case .article: summary = try await exporter.exportArticles()
                case .supplier: summary = try await exporter.exportSuppliers()
                default: summary = try await exporter.exportOrders()  // .order: the enabled list has no other kind
                }
                cycle.summaries.append(summary)
                // The last success is state: the status server reads it from the store when scraped.
                if !settings.dryRun { metrics.exported(kind, count: summary.writtenCount) }
            } catch {
                logger.error("\(name) export failed: \(error)", metadata: ["sync.process": "\(name)"])
                cycle.failures.append((name, "\(error)"))
            }
        }
        return cycle
    }

    /// Takes every complete file in the inbox, waiting (on `clock`) for files still being written to settle once.
    public func takeInbox<C: Clock>(clock: C) async -> [InboxOutcome] where C.Duration == Duration {
        var outcomes = await inbox.processReady()
        if let wait = await inbox.nextSettle() {
            try? await clock.sleep(for: .milliseconds(Int64(wait * 1000) + 50))
            outcomes += await inbox.processReady()
        }
        return outcomes
    }

    /// Applies the retention, if set: deletes older archived files, recording exactly which in the chain.
    public func applyRetention() async {
        guard let retention = settings.retention, !settings.dryRun else { return }
        let cutoff = now().addingTimeInterval(-Double(retention.components.seconds))
        do {
            let result = try await archive.prune(before: cutoff)
            if !result.removed.isEmpty { logger.info("archive pruned", metadata: ["files": "\(result.removed.count)"]) }
        } catch {
            logger.error("archive could not be pruned", metadata: ["error": "\(error)"])
        }
    }

    /// The daemon's services for this owner, on `clock`: the export schedule, the inbox intake and the write-back
    /// runner, as its settings switch them on.
    public func services<C: Clock>(clock: C) -> [any Service] where C.Duration == Duration {
        var services: [any Service] = []
        if settings.exporters.any { services.append(ExportService(owner: self, clock: clock)) }
        if settings.watchesInbox {
            services.append(InboxIntakeService(owner: self, clock: clock))
            services.append(WriteBackService(owner: self, clock: clock))
        }
        return services
    }
}
