import BridgeEngine
import BridgeModel
import Foundation
import Logging
import OngoingFiles
import TwentyFourSeven

/// The composition root: builds the process's one runtime from a configuration.
///
/// `run`, `run --once`, `demo` and the commands that change state build it once; the daemon's services share it.
enum RuntimeBuilder {
    /// The runtime for a configuration.
    /// - Parameters:
    ///   - configuration: the validated configuration.
    ///   - dryRun: write nothing (state in memory, no archive writes, no ERP writes, no watermarks).
    ///   - logger: the process's logger.
    static func build(_ configuration: BridgeConfiguration, dryRun: Bool, logger: Logger) async throws
        -> BridgeRuntime
    {
        let database = try StateDatabase(folder: configuration.folders.state, dryRun: dryRun)
        let erp = configuration.erp
        let account = RequestBudget.account(endpoint: erp.endpoint, username: erp.username)
        let budget = try database.requestBudget(account: account, limit: erp.requestsPerHour)
        let health = ERPHealthRecorder(database: database, account: account)
        let owner = try await OwnerRuntime(
            settings: settings(configuration, dryRun: dryRun), database: database,
            erp: client(configuration, budget: budget, monitor: { await health.record($0) }, logger: logger),
            schema: try OngoingSchema.bundled(), logger: logger)
        return BridgeRuntime(database: database, owners: [owner], logger: logger)
    }

    /// The 24SevenOffice client of the configured account: its waits and requests end on graceful shutdown.
    static func client(
        _ configuration: BridgeConfiguration, budget: RequestBudget?,
        monitor: (@Sendable (ERPCallEvent) async -> Void)? = nil, logger: Logger
    ) -> TwentyFourSevenClient {
        let erp = configuration.erp
        return TwentyFourSevenClient(
            configuration: TwentyFourSevenConfiguration(
                endpoint: erp.endpoint,
                credential: Credential(
                    applicationId: erp.applicationId, identityId: erp.identityId, username: erp.username,
                    password: erp.password),
                hourlyRequestBudget: erp.requestsPerHour),
            transport: Stoppable.Transport(HTTPClientTransport()), environment: Stoppable.environment, budget: budget,
            monitor: monitor, logger: logger)
    }

    /// What the owner's runtime needs from the configuration.
    static func settings(_ configuration: BridgeConfiguration, dryRun: Bool) -> OwnerSettings {
        let folders = configuration.folders
        let orders = configuration.orders
        let processes = configuration.processes
        return OwnerSettings(
            goodsOwnerCode: configuration.goodsOwnerCode,
            export: ExportSettings(
                goodsOwnerCode: configuration.goodsOwnerCode, outbox: folders.outbox, formats: configuration.formats,
                pullStatuses: orders.pullStatuses, dryRun: dryRun),
            inbox: InboxSettings(
                inbox: folders.inbox, outbox: folders.outbox, settle: configuration.inboxSettle.seconds,
                shipments: processes.shipments, stock: processes.stock, notifyShipped: orders.notifyShipped,
                reportAtStatuses: Set(orders.reportAtStatuses), sentStatus: orders.sentStatus,
                statusOnImport: orders.statusOnImport,
                stockField: InboxSettings.StockField(rawValue: configuration.stockField) ?? .sellable, dryRun: dryRun),
            archive: folders.archive,
            exporters: .init(articles: processes.articles, suppliers: processes.suppliers, orders: processes.orders),
            interval: configuration.interval, rescan: configuration.inboxRescan,
            retention: configuration.archiveRetention, mapping: configuration.mappingTable,
            variantPattern: configuration.variantPattern)
    }
}

extension Duration {
    /// The duration in seconds, with its fraction.
    var seconds: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
