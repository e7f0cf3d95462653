import BridgeEngine
import BridgeModel
import Foundation
import Logging
import OngoingFiles
import StatusServer
import TwentyFourSeven

/// The composition root: builds the process's one runtime from a configuration.
///
/// `run`, `run --once`, `demo` and the commands that change state build it once; the daemon's services share it. Each
/// goods owner gets its own runtime (exporters, inbox, write-backs, archive, 24SevenOffice client and session) over
/// its state folder's one database; owners that log in with the same 24SevenOffice user (endpoint and user name)
/// share that account's one ``RequestBudget``, kept with the account's health in the top-level state folder's
/// database, and each client takes from it in its owner's name, so the hour is divided fairly among them.
enum RuntimeBuilder {
    /// The runtime of the selected goods owners.
    /// - Parameters:
    ///   - selection: the configuration and the owners to serve.
    ///   - dryRun: write nothing (state in memory, no archive writes, no ERP writes, no watermarks).
    ///   - metrics: the registry the owners count into, when the daemon serves metrics.
    ///   - logger: the process's logger.
    static func build(
        _ selection: OwnerSelection, dryRun: Bool, metrics registry: MetricsRegistry? = nil, logger: Logger
    ) async throws -> BridgeRuntime {
        let site = selection.site
        var databases: [String: StateDatabase] = [:]
        func database(_ folder: String) throws -> StateDatabase {
            if let open = databases[folder] { return open }
            let opened = try StateDatabase(folder: folder, dryRun: dryRun)
            databases[folder] = opened
            return opened
        }
        let accounts = try database(site.stateFolder)
        var budgets: [String: (budget: RequestBudget, health: ERPHealthRecorder)] = [:]
        let schema = try OngoingSchema.bundled()
        var owners: [OwnerRuntime] = []
        for configuration in selection.owners {
            let account = OwnerSelection.account(configuration)
            if budgets[account] == nil {
                // Owners sharing an account may set different budgets: the smallest holds for all of them.
                let limit =
                    site.owners.filter { OwnerSelection.account($0) == account }.map(\.erp.requestsPerHour).min()
                    ?? configuration.erp.requestsPerHour
                budgets[account] = (
                    try accounts.requestBudget(account: account, limit: limit),
                    ERPHealthRecorder(database: accounts, account: account)
                )
            }
            guard let shared = budgets[account] else { continue }
            let metrics = registry?.metrics(goodsOwner: configuration.goodsOwnerCode)
            owners.append(
                try await OwnerRuntime(
                    settings: settings(configuration, dryRun: dryRun),
                    database: try database(configuration.folders.state),
                    erp: client(
                        configuration, budget: shared.budget,
                        monitor: { event in
                            metrics?.erpRequest(event)
                            await shared.health.record(event)
                        }, logger: logger),
                    schema: schema, metrics: metrics, budget: shared.budget, logger: logger))
        }
        return BridgeRuntime(database: accounts, owners: owners, logger: logger)
    }

    /// The 24SevenOffice client of the configured account: its waits and requests end on graceful shutdown.
    static func client(
        _ configuration: BridgeConfiguration, budget: RequestBudget?,
        monitor: (@Sendable (ERPCallEvent) async -> Void)? = nil, logger: Logger
    ) -> TwentyFourSevenClient {
        let erp = configuration.erp
        var logger = logger
        logger[metadataKey: "goods_owner"] = "\(configuration.goodsOwnerCode)"
        return TwentyFourSevenClient(
            configuration: TwentyFourSevenConfiguration(
                endpoint: erp.endpoint,
                credential: Credential(
                    applicationId: erp.applicationId, identityId: erp.identityId, username: erp.username,
                    password: erp.password),
                hourlyRequestBudget: erp.requestsPerHour),
            transport: Stoppable.Transport(HTTPClientTransport()), environment: Stoppable.environment, budget: budget,
            claimant: configuration.goodsOwnerCode, monitor: monitor, logger: logger)
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
            variantPattern: configuration.variantPattern,
            monitoring: .init(
                endpoint: configuration.erp.endpoint, account: OwnerSelection.account(configuration),
                inboxSilence: configuration.inboxSilence, stateFolder: folders.state))
    }
}
