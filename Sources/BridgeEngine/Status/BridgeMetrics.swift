public import BridgeModel
public import CoreMetrics
public import Foundation
public import TwentyFourSeven

/// What one goods owner's runtime counts, through swift-metrics, with the names and labels of interfaces section 8;
/// every series carries `goods_owner`.
///
/// The runtime records events as they happen (objects exported, write-backs applied, ERP requests, inbox files);
/// the status server sets the gauges that describe state (write-backs waiting, held files, alerts) when it is
/// scraped. The factory is injected, so each runtime can have its own registry; without one nothing is recorded.
///
/// ```swift
/// let metrics = BridgeMetrics(goodsOwner: "ACME", factory: PrometheusMetricsFactory(registry: registry))
/// metrics.exported(.order, count: 12)
/// ```
public struct BridgeMetrics: Sendable {
    /// The metric families, by their Prometheus names.
    public enum Family: String, Sendable, CaseIterable {
        /// Objects written to the outbox, by kind (counter).
        case exportedObjects = "sevenbridge_exported_objects_total"
        /// When each export process last succeeded, as a Unix time (gauge).
        case exportLastSuccess = "sevenbridge_export_last_success_timestamp_seconds"
        /// Write-backs by state: pending, failed (retrying after an error), refused (gauge).
        case writeBacks = "sevenbridge_writebacks"
        /// Write-backs that took effect in 24SevenOffice, by kind (counter).
        case writeBacksApplied = "sevenbridge_writebacks_applied_total"
        /// Requests to 24SevenOffice by operation and outcome (counter).
        case erpRequests = "sevenbridge_erp_requests_total"
        /// How long requests to 24SevenOffice took (histogram).
        case erpRequestDuration = "sevenbridge_erp_request_duration_seconds"
        /// What is left of the account's hourly request budget (gauge).
        case erpBudgetRemaining = "sevenbridge_erp_budget_remaining"
        /// Inbox files taken, by kind and outcome (counter).
        case inboxFiles = "sevenbridge_inbox_files_total"
        /// Stock files held for a person (gauge).
        case inboxHeldFiles = "sevenbridge_inbox_held_files"
        /// Records in the archive's chain (counter: the chain only grows; a prune adds a record).
        case archiveRecords = "sevenbridge_archive_records_total"
        /// Each alert: 1 while it holds, else 0 (gauge).
        case alerts = "sevenbridge_alerts"

        /// The family's `# HELP` text: what a series counts or measures, for whoever reads the scrape.
        public var help: String {
            switch self {
            case .exportedObjects: "Objects written to the outbox, by kind."
            case .exportLastSuccess: "When each export process last succeeded, as a Unix time."
            case .writeBacks:
                "Write-backs to 24SevenOffice by state: pending, failed (retrying after an error), refused."
            case .writeBacksApplied: "Write-backs that took effect in 24SevenOffice, by kind."
            case .erpRequests: "Requests to 24SevenOffice by operation and outcome."
            case .erpRequestDuration: "How long requests to 24SevenOffice took."
            case .erpBudgetRemaining: "What is left of the 24SevenOffice account's hourly request budget."
            case .inboxFiles: "Inbox files taken, by kind and outcome."
            case .inboxHeldFiles: "Stock files held for a person."
            case .archiveRecords: "Records added to the archive's hash chain."
            case .alerts: "Each alert: 1 while it holds, else 0."
            }
        }
    }

    /// The goods owner whose series these are.
    public let goodsOwner: String
    private let factory: any MetricsFactory

    /// Metrics of one goods owner through `factory`.
    public init(goodsOwner: String, factory: any MetricsFactory) {
        self.goodsOwner = goodsOwner
        self.factory = factory
    }

    /// Metrics that record nothing.
    public static func disabled(goodsOwner: String) -> BridgeMetrics {
        BridgeMetrics(goodsOwner: goodsOwner, factory: NOOPMetricsHandler.instance)
    }

    private func dimensions(_ labels: [(String, String)]) -> [(String, String)] {
        [("goods_owner", goodsOwner)] + labels
    }

    private func count(_ family: Family, _ labels: [(String, String)], by amount: Int = 1) {
        Counter(label: family.rawValue, dimensions: dimensions(labels), factory: factory).increment(by: amount)
    }

    /// Sets a gauge of `family` to `value`.
    public func set(_ family: Family, _ labels: [(String, String)] = [], to value: Double) {
        Gauge(label: family.rawValue, dimensions: dimensions(labels), factory: factory).record(value)
    }

    /// Makes the counters of the label values known from the start, at zero, so that every family shows from the
    /// first scrape.
    public func prepare(kinds: [ObjectKind]) {
        for kind in kinds { count(.exportedObjects, [("kind", kind.rawValue)], by: 0) }
        for kind in WriteBack.Operation.allCases { count(.writeBacksApplied, [("kind", kind.rawValue)], by: 0) }
    }

    /// Objects written to the outbox.
    public func exported(_ kind: ObjectKind, count amount: Int) {
        count(.exportedObjects, [("kind", kind.rawValue)], by: amount)
    }

    /// An export process succeeded at `time`.
    public func exportSucceeded(_ process: String, at time: Date) {
        set(.exportLastSuccess, [("process", process)], to: time.timeIntervalSince1970)
    }

    /// Write-backs of `kind` that took effect.
    public func writeBacksApplied(_ kind: WriteBack.Operation, count amount: Int = 1) {
        count(.writeBacksApplied, [("kind", kind.rawValue)], by: amount)
    }

    /// A request to 24SevenOffice ended.
    public func erpRequest(_ event: ERPCallEvent) {
        count(.erpRequests, [("operation", event.operation), ("outcome", event.outcome.rawValue)])
        Timer(label: Family.erpRequestDuration.rawValue, dimensions: dimensions([]), factory: factory)
            .recordNanoseconds(
                event.duration.components.seconds * 1_000_000_000 + event.duration.components.attoseconds
                    / 1_000_000_000)
    }

    /// An inbox file was taken, with its kind (when recognised) and how it ended.
    public func inboxFile(kind: String?, outcome: String) {
        count(.inboxFiles, [("kind", kind ?? "unknown"), ("outcome", outcome)])
    }

    /// Records added to the archive's chain since the last call (the status server counts them at each scrape).
    public func archived(_ records: Int) {
        guard records > 0 else { return }
        count(.archiveRecords, [], by: records)
    }
}
