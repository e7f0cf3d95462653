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
                    password: erp.password)),
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
