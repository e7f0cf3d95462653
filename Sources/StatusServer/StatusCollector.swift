public import BridgeEngine
public import Foundation
import TwentyFourSeven

#if canImport(Glibc)
    import Glibc
#endif

/// Gathers what the status page, `/metrics` and `/readyz` show, from the daemon's one runtime.
///
/// Verifying an archive reads all of it, so the chain is verified at most once an hour per owner, off the
/// cooperative pool; the record count between verifications is the archive writer's own.
public actor StatusCollector {
    private let runtime: BridgeRuntime
    private let daemon: SiteStatus.Daemon
    private let verifyEvery: TimeInterval
    private let now: @Sendable () -> Date
    private var verified: [String: OwnerStatus.Archive] = [:]
    private var measured: [String: (records: Int, bytes: Int, at: Date)] = [:]
    private var countedRecords: [String: Int] = [:]

    /// A collector over `runtime`, for the daemon `daemon`.
    public init(
        runtime: BridgeRuntime, daemon: SiteStatus.Daemon, verifyEvery: TimeInterval = 3600,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.runtime = runtime
        self.daemon = daemon
        self.verifyEvery = verifyEvery
        self.now = now
    }

    /// Every owner's status now.
    public func site() async throws -> SiteStatus {
        let time = now()
        var owners: [OwnerStatus] = []
        for owner in runtime.owners {
            owners.append(
                try await OwnerStatus.collect(
                    settings: owner.settings, store: owner.store, accounts: runtime.database,
                    archive: try await archive(owner, at: time), daemonRunning: true,
                    budgetRemaining: await owner.budget?.remaining(now: time), files: owner.files, now: time))
        }
        return SiteStatus(generatedAt: OwnerStatus.time(time), daemon: daemon, owners: owners)
    }

    /// The owner's archive: the last verification's verdict, with the writer's record count.
    private func archive(_ owner: OwnerRuntime, at time: Date) async throws -> OwnerStatus.Archive {
        let code = owner.settings.goodsOwnerCode
        let (root, files) = (owner.settings.archive, owner.files)
        guard let last = verified[code], time.timeIntervalSince(last.verifiedAt) < verifyEvery else {
            let fresh = try await owner.blocking.run {
                try OwnerStatus.verifyArchive(root: root, files: files, now: time)
            }
            verified[code] = fresh
            measured[code] = (fresh.records, fresh.bytes, time)
            return fresh
        }
        // Between verifications: the writer's record count, and the size measured again once a minute at most when
        // records were added.
        var current = last
        current.records = owner.archive.records
        if let size = measured[code], size.records == current.records || time.timeIntervalSince(size.at) < 60 {
            current.bytes = size.bytes
        } else {
            current.bytes = try await owner.blocking.run { OwnerStatus.size(of: root) }
            measured[code] = (current.records, current.bytes, time)
        }
        return current
    }

    /// Sets the gauges that describe state, and counts the archive records added since the last scrape.
    public func publish(_ site: SiteStatus) async throws {
        for (owner, status) in zip(runtime.owners, site.owners) {
            let metrics = owner.metrics
            let counts = status.writeBacks
            for (state, value) in [("pending", counts.pending), ("failed", counts.failed), ("refused", counts.refused)]
            {
                metrics.set(.writeBacks, [("state", state)], to: Double(value))
            }
            metrics.set(.inboxHeldFiles, to: Double(status.heldFiles.count))
            if let remaining = status.erp.budgetRemaining {
                metrics.set(.erpBudgetRemaining, to: Double(remaining))
            }
            let holding = Set(status.alerts.map(\.kind))
            for kind in Alert.Kind.allCases {
                metrics.set(.alerts, [("alert", kind.rawValue)], to: holding.contains(kind) ? 1 : 0)
            }
            for (process, history) in try await owner.store.runHistory() {
                if let success = history.lastSuccess { metrics.exportSucceeded(process, at: success) }
            }
            let code = owner.settings.goodsOwnerCode
            let records = owner.archive.records
            metrics.archived(records - (countedRecords[code] ?? 0))
            countedRecords[code] = max(records, countedRecords[code] ?? 0)
        }
    }

    /// Whether the bridge is ready, with the reasons when it is not.
    ///
    /// It reads only the accounts' health and the folders, not the whole status: probes ask often.
    public func readiness() async throws -> Readiness {
        var accounts: [(goodsOwner: String, erp: OwnerStatus.ERP)] = []
        var unwritable: [(goodsOwner: String, folder: String)] = []
        for owner in runtime.owners {
            let settings = owner.settings
            accounts.append(
                (
                    settings.goodsOwnerCode,
                    try await OwnerStatus.ERP.collect(settings: settings, accounts: runtime.database)
                ))
            var folders = [settings.export.outbox, settings.archive, settings.monitoring.stateFolder]
            if settings.watchesInbox { folders.append(settings.inbox.inbox) }
            for folder in folders where !folder.isEmpty && access(folder, W_OK) != 0 {
                unwritable.append((settings.goodsOwnerCode, folder))
            }
        }
        return Readiness.judge(accounts, unwritable: unwritable)
    }
}
