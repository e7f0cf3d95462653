import BridgeEngine
import BridgeModel
import Foundation
import Logging
import OngoingFiles
import TwentyFourSeven

/// The composition root: builds the engine's parts from a configuration.
struct Bridge {
    let configuration: BridgeConfiguration
    let logger: Logger

    /// The 24SevenOffice client for the configured account.
    func client() -> TwentyFourSevenClient {
        let erp = configuration.erp
        return TwentyFourSevenClient(
            configuration: TwentyFourSevenConfiguration(
                endpoint: erp.endpoint,
                credential: Credential(
                    applicationId: erp.applicationId, identityId: erp.identityId, username: erp.username,
                    password: erp.password),
                hourlyRequestBudget: erp.requestsPerHour),
            logger: logger)
    }

    /// The exporters, writing to the configured folders.
    func exporter(dryRun: Bool) throws -> Exporter {
        let folders = configuration.folders
        if !dryRun {
            for folder in [folders.outbox, folders.archive, folders.state] {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
        }
        return Exporter(
            client: client(),
            store: try StateStore(folder: folders.state, goodsOwner: configuration.goodsOwnerCode, dryRun: dryRun),
            archive: try Archive(root: folders.archive), schema: try OngoingSchema.bundled(),
            mapper: try RecordMapper(table: configuration.mappingTable, variantPattern: configuration.variantPattern),
            settings: ExportSettings(
                goodsOwnerCode: configuration.goodsOwnerCode, outbox: folders.outbox, formats: configuration.formats,
                pullStatuses: configuration.orders.pullStatuses, dryRun: dryRun),
            logger: logger)
    }

    /// The inbox processing and the write-back runner, over the configured folders.
    func inbox(dryRun: Bool) throws -> (InboxProcessor, WriteBackRunner) {
        let folders = configuration.folders
        let store = try StateStore(folder: folders.state, goodsOwner: configuration.goodsOwnerCode, dryRun: dryRun)
        let client = client()
        let orders = configuration.orders
        let settings = InboxSettings(
            inbox: folders.inbox,
            settle: Double(configuration.inboxSettle.components.seconds)
                + Double(configuration.inboxSettle.components.attoseconds) / 1e18,
            shipments: configuration.processes.shipments, stock: configuration.processes.stock,
            notifyShipped: orders.notifyShipped, reportAtStatuses: Set(orders.reportAtStatuses),
            sentStatus: orders.sentStatus,
            statusOnImport: orders.statusOnImport,
            stockField: InboxSettings.StockField(rawValue: configuration.stockField) ?? .sellable, dryRun: dryRun)
        let processor = InboxProcessor(
            store: store, archive: try Archive(root: folders.archive), client: client, settings: settings,
            logger: logger)
        return (processor, WriteBackRunner(client: client, store: store, logger: logger))
    }

    /// Takes every complete file in the inbox (waiting for files still being written to settle), then tries
    /// every due write-back.
    func inboxOnce(dryRun: Bool) async throws -> ([InboxOutcome], WriteBackRunner.Summary?) {
        if !dryRun {
            try FileManager.default.createDirectory(
                atPath: configuration.folders.inbox, withIntermediateDirectories: true)
        }
        guard FileManager.default.fileExists(atPath: configuration.folders.inbox) else { return ([], nil) }
        let (processor, runner) = try inbox(dryRun: dryRun)
        var outcomes = await processor.processReady()
        if let wait = await processor.nextSettle() {
            try await Task.sleep(for: .milliseconds(Int64(wait * 1000) + 50))
            outcomes += await processor.processReady()
        }
        guard !dryRun else { return (outcomes, nil) }
        return (outcomes, try await runner.runDue())
    }

    /// Applies `archive.retention`, if set: deletes older archived files, recording it in the chain.
    func applyRetention() async {
        guard let retention = configuration.archiveRetention else { return }
        let cutoff = Date().addingTimeInterval(-Double(retention.components.seconds))
        do {
            let count = try await ArchiveCatalog.prune(
                archive: try Archive(root: configuration.folders.archive), before: cutoff)
            if count > 0 { logger.info("archive pruned", metadata: ["files": "\(count)"]) }
        } catch {
            logger.error("archive could not be pruned", metadata: ["error": "\(error)"])
        }
    }

    /// Runs every enabled exporter once; a failing process does not stop the others.
    /// - Returns: the summaries, and the processes that failed with their errors.
    func exportOnce(dryRun: Bool) async throws -> (summaries: [ExportSummary], failures: [(String, String)]) {
        let exporter = try exporter(dryRun: dryRun)
        let processes = configuration.processes
        let steps: [(String, Bool, () async throws -> ExportSummary)] = [
            ("articles", processes.articles, { try await exporter.exportArticles() }),
            ("suppliers", processes.suppliers, { try await exporter.exportSuppliers() }),
            ("orders", processes.orders, { try await exporter.exportOrders() }),
        ]
        var summaries: [ExportSummary] = []
        var failures: [(String, String)] = []
        for (name, enabled, step) in steps where enabled {
            do {
                summaries.append(try await step())
            } catch {
                logger.error("\(name) export failed: \(error)", metadata: ["sync.process": "\(name)"])
                failures.append((name, "\(error)"))
            }
        }
        return (summaries, failures)
    }
}
