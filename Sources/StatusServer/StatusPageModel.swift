import BridgeEngine
import Foundation

/// What the status page's template renders: the site's status with every value formatted for a person, the times
/// relative to the moment the page is made, the states as labelled chips and a flag for each empty section.
///
/// The template reads it by reflection (swift-mustache's `Mirror`), so everything it shows is a stored property.
struct StatusPageModel: Sendable {
    /// The process serving the page.
    struct Daemon: Sendable {
        /// Its process id.
        var pid: String
        /// When it started.
        var started: StatusPageTime
        /// The version of SevenBridge it runs.
        var version: String
    }

    /// One row of the summary table at the top, when there are several goods owners.
    struct SummaryRow: Sendable {
        /// The goods owner's code.
        var code: String
        /// Its section's anchor.
        var anchor: String
        /// Its state as a whole.
        var chip: StatusPageChip
        /// `2 alerts`.
        var alertCount: String
        /// `2 of 3 OK`.
        var processes: String
        /// The write-backs' counts.
        var writeBacks: [StatusPageChip]
        /// `1 held, 2 failed`, or `clear`.
        var inbox: String
        /// The number of import failures.
        var importFailures: String
        /// The archive chain's state.
        var archive: StatusPageChip
    }

    /// An alert kind and what it means, for the legend.
    struct LegendEntry: Sendable {
        /// The kind, as its metric label says it.
        var kind: String
        /// What it means.
        var meaning: String
    }

    /// How often the page refreshes itself, in seconds.
    var refreshSeconds: Int
    /// When the status was gathered.
    var generated: StatusPageTime
    /// The process serving the page.
    var daemon: Daemon
    /// The site's state as a whole: the worst of its owners'.
    var chip: StatusPageChip
    /// Every owner's alerts, with the owner's code.
    var alerts: [StatusPageOwner.AlertLine]
    /// Whether there are any.
    var hasAlerts: Bool
    /// `5 alerts for 1 goods owner`.
    var alertHeadline: String
    /// `2 goods owners`.
    var ownerCount: String
    /// Whether the summary table is shown (more than one owner).
    var showSummary: Bool
    /// The summary table's rows.
    var summary: [SummaryRow]
    /// The owners' sections, in configuration order.
    var owners: [StatusPageOwner]
    /// Whether no owner is configured.
    var noOwners: Bool
    /// Every alert kind and what it means.
    var legend: [LegendEntry]

    /// The model of `status`, as of `now`.
    init(_ status: SiteStatus, now: Date) {
        let owners = status.owners.map { StatusPageOwner($0, now: now) }
        let alerts = owners.flatMap(\.alerts)
        let alerting = Set(alerts.map(\.goodsOwner)).count
        refreshSeconds = max(status.refreshSeconds, 1)
        generated = StatusPageTime(status.generatedAt, now: now)
        daemon = Daemon(
            pid: String(status.daemon.pid), started: StatusPageTime(status.daemon.startedAt, now: now),
            version: status.daemon.version)
        chip = .overall(owners.map(\.tone).max() ?? .ok)
        self.alerts = alerts
        hasAlerts = !alerts.isEmpty
        alertHeadline =
            StatusPageText.count(alerts.count, "alert") + " for "
            + StatusPageText.count(alerting, "goods owner")
        ownerCount = StatusPageText.count(owners.count, "goods owner")
        showSummary = owners.count > 1
        summary = owners.map { owner in
            SummaryRow(
                code: owner.code, anchor: owner.anchor, chip: owner.chip, alertCount: owner.alertCount,
                processes: owner.processSummary, writeBacks: owner.writeBackCounts, inbox: owner.inboxSummary,
                importFailures: StatusPageText.count(owner.importFailures.count), archive: owner.archive.chip)
        }
        self.owners = owners
        noOwners = owners.isEmpty
        legend = Alert.Kind.allCases.map { LegendEntry(kind: $0.rawValue, meaning: $0.meaning) }
    }
}
