import BridgeEngine
import Foundation

/// One goods owner's section of the status page, every value formatted: its alerts, processes, 24SevenOffice
/// account, write-backs, inbox files, import failures, partial shipments and archive.
struct StatusPageOwner: Sendable {
    /// An alert, with what its kind means.
    struct AlertLine: Sendable {
        /// The goods owner's code, for the site-wide banner.
        var goodsOwner: String
        /// The owner section's anchor.
        var anchor: String
        /// The alert's kind as its metric label says it: `export_overdue`.
        var kind: String
        /// What the kind means.
        var meaning: String
        /// What holds, in words.
        var message: String
        /// Since when it holds, when known.
        var since: StatusPageTime?
        /// How bad it is.
        var chip: StatusPageChip
    }

    /// One process row.
    struct ProcessRow: Sendable {
        /// `articles`, `suppliers` or `orders`.
        var name: String
        /// How its last run ended.
        var result: StatusPageChip
        /// When its last run finished.
        var lastRun: StatusPageTime
        /// `12 written, 340 unchanged, 0 notices`.
        var counts: String
        /// Where the next run starts.
        var watermark: StatusPageTime?
        /// When it runs next.
        var nextRun: StatusPageTime?
        /// Why it failed.
        var error: String?
    }

    /// How the 24SevenOffice account answers.
    struct ERPView: Sendable {
        /// The endpoint.
        var endpoint: String
        /// `REACHABLE`, `UNREACHABLE` or `NOT YET ASKED`.
        var chip: StatusPageChip
        /// When it last answered.
        var lastAnswer: StatusPageTime?
        /// When it last could not be reached.
        var lastFailure: StatusPageTime?
        /// The last error.
        var lastError: String?
        /// What is left of the hourly request budget.
        var budgetRemaining: String?
    }

    /// One write-back row, pending or refused.
    struct WriteBackRow: Sendable {
        /// Its journal id.
        var id: String
        /// `orderStatus` or `stock`.
        var operation: String
        /// The order or product id.
        var target: String
        /// The status or quantity.
        var value: String
        /// `PENDING`, `RETRYING` or `REFUSED`.
        var chip: StatusPageChip
        /// How often it was tried.
        var attempts: String
        /// The last error.
        var lastError: String?
        /// When it is tried next.
        var nextAttempt: StatusPageTime?
        /// The inbox file and place it came from.
        var source: String
    }

    /// A held or failed inbox file.
    struct FileRow: Sendable {
        /// The file's name.
        var name: String
        /// Why it is there.
        var reason: String
        /// When it was held (held files only).
        var heldAt: StatusPageTime?
    }

    /// An order the WMS could not import.
    struct ImportFailureRow: Sendable {
        /// The order number.
        var order: String
        /// The WMS's message.
        var message: String
        /// Where the acknowledgement came from.
        var source: String
        /// When it was reported.
        var reported: StatusPageTime
    }

    /// An order line picked less than ordered.
    struct PartialRow: Sendable {
        /// The order number.
        var order: String
        /// The line code.
        var line: String
        /// The quantity ordered, or `?`.
        var ordered: String
        /// The quantity picked.
        var picked: String
        /// The order's WMS status number.
        var status: String
    }

    /// The archive's state.
    struct ArchiveView: Sendable {
        /// `18,342`.
        var records: String
        /// `700.0 MiB`.
        var size: String
        /// `734,003,200 bytes`.
        var exactSize: String
        /// `INTACT` or `BROKEN`.
        var chip: StatusPageChip
        /// When the chain was verified.
        var verified: StatusPageTime
        /// The chain's problems.
        var problems: [String]
        /// Whether there are any.
        var hasProblems: Bool
    }

    /// The goods owner's code.
    var code: String
    /// The section's HTML id.
    var anchor: String
    /// The owner's state as a whole.
    var chip: StatusPageChip
    /// How bad the owner's state is, for the site's.
    var tone: StatusPageChip.Tone
    /// Its alerts.
    var alerts: [AlertLine]
    /// Whether it has any.
    var hasAlerts: Bool
    /// `2 alerts`.
    var alertCount: String
    /// Its processes.
    var processes: [ProcessRow]
    /// Whether it has run any.
    var hasProcesses: Bool
    /// `2 of 3 OK`.
    var processSummary: String
    /// Its 24SevenOffice account.
    var erp: ERPView
    /// The write-backs' counts, as chips.
    var writeBackCounts: [StatusPageChip]
    /// The write-backs waiting.
    var pending: [WriteBackRow]
    /// Whether any wait.
    var hasPending: Bool
    /// The latest refused write-backs.
    var refused: [WriteBackRow]
    /// Whether any were refused.
    var hasRefused: Bool
    /// The held stock files.
    var held: [FileRow]
    /// Whether any are held.
    var hasHeld: Bool
    /// The files in `inbox/failed`.
    var failedFiles: [FileRow]
    /// Whether any failed.
    var hasFailedFiles: Bool
    /// `The newest 50 of 73 files are listed; ...`, when `inbox/failed` holds more than status lists.
    var failedNotListed: String?
    /// Whether neither held nor failed files are there.
    var inboxClear: Bool
    /// `1 held, 2 failed`, or `clear`.
    var inboxSummary: String
    /// The orders the WMS could not import.
    var importFailures: [ImportFailureRow]
    /// Whether there are any.
    var hasImportFailures: Bool
    /// Order lines picked less than ordered.
    var partial: [PartialRow]
    /// Whether there are any.
    var hasPartial: Bool
    /// The archive.
    var archive: ArchiveView
}
