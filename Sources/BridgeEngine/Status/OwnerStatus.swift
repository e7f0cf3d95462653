public import Foundation

/// The status of one goods owner, as `status` prints it, `status --json` writes it (under the owner's code) and the
/// status page shows it: its processes, its 24SevenOffice account's health, its write-backs, inbox files, import
/// failures, partial shipments, archive and alerts.
public struct OwnerStatus: Codable, Sendable {
    /// One process: its last run, watermark and next run.
    public struct Process: Codable, Sendable {
        /// The process: articles, suppliers or orders.
        public var process: String
        /// When its last run finished.
        public var lastRun: String
        /// How it ended: `ok` or `failed`.
        public var result: String
        /// Files it wrote.
        public var written: Int
        /// Objects it found unchanged.
        public var unchanged: Int
        /// Notices it reported.
        public var notices: Int
        /// Where the next run starts, if anywhere.
        public var watermark: String?
        /// Why it failed, if it did.
        public var error: String?
        /// When the daemon runs it next; `nil` when no daemon runs.
        public var nextRun: String?
    }

    /// One write-back in the journal.
    public struct WriteBackLine: Codable, Sendable {
        /// Its journal id.
        public var id: Int64
        /// What it writes: `orderStatus` or `stock`.
        public var operation: String
        /// The order or product id.
        public var target: Int
        /// The status or quantity it writes.
        public var value: String
        /// Where it stands (`pending`, `refused`, ...).
        public var state: String
        /// How often it was tried.
        public var attempts: Int
        /// The last error, if any.
        public var lastError: String?
        /// When it is tried next, while pending.
        public var nextAttempt: String?
        /// The inbox file and place it came from.
        public var source: String
    }

    /// The write-backs by state, as `sevenbridge_writebacks{state}` counts them.
    public struct WriteBackCounts: Codable, Sendable {
        /// Waiting, without an error so far.
        public var pending: Int
        /// Waiting for a retry after an error.
        public var failed: Int
        /// Refused by 24SevenOffice.
        public var refused: Int
    }

    /// One file in `inbox/failed`, with the first line of its reason.
    public struct FailedFile: Codable, Sendable {
        /// The file's name.
        public var name: String
        /// Why it is there.
        public var reason: String
    }

    /// A stock file held for a person.
    public struct HeldFile: Codable, Sendable {
        /// The file's name.
        public var name: String
        /// Why it is there.
        public var reason: String
        /// When it was held.
        public var heldAt: String
    }

    /// How the owner's 24SevenOffice account last answered.
    public struct ERP: Codable, Sendable {
        /// The endpoint.
        public var endpoint: String
        /// Whether the last request got an answer; `nil` before the first.
        public var reachable: Bool?
        /// When it last answered.
        public var lastAnswer: String?
        /// When it last could not be reached.
        public var lastFailure: String?
        /// The last error, if any.
        public var lastError: String?
        /// What is left of the account's hourly request budget, when the daemon knows it.
        public var budgetRemaining: Int?
    }

    /// One order the WMS reported it could not import.
    public struct ImportFailure: Codable, Sendable {
        /// The order number.
        public var order: String
        /// The WMS's error message.
        public var message: String
        /// The inbox file and place it came from.
        public var source: String
        /// When it was reported.
        public var reported: String
    }

    /// One order line picked less than ordered.
    public struct PartialLine: Codable, Sendable {
        /// The order number.
        public var order: String
        /// The line code.
        public var line: String
        /// The quantity ordered, if reported.
        public var ordered: String?
        /// The quantity picked.
        public var picked: String
        /// The order's WMS status number.
        public var status: Int
    }

    /// What the archive holds and how its chain last verified.
    public struct Archive: Sendable {
        /// Files in the chain.
        public var records: Int
        /// Bytes on disk.
        public var bytes: Int
        /// The chain's problems when it was last verified; empty when intact.
        public var problems: [String]
        /// When it was verified.
        public var verifiedAt: Date

        /// Describes the archive.
        public init(records: Int, bytes: Int, problems: [String], verifiedAt: Date) {
            self.records = records
            self.bytes = bytes
            self.problems = problems
            self.verifiedAt = verifiedAt
        }
    }

    /// The goods owner's code.
    public var goodsOwner: String
    /// The processes, with their last runs.
    public var processes: [Process]
    /// How the owner's 24SevenOffice account answers.
    public var erp: ERP
    /// The write-backs by state.
    public var writeBacks: WriteBackCounts
    /// The write-backs waiting, the next due first.
    public var pendingWriteBacks: [WriteBackLine]
    /// The latest write-backs 24SevenOffice refused.
    public var refusedWriteBacks: [WriteBackLine]
    /// The newest files in `inbox/failed`, newest first: at most ``listedFailedFiles`` of them.
    public var failedFiles: [FailedFile]
    /// How many files wait in `inbox/failed`, listed or not (held stock files aside).
    public var failedFileCount: Int
    /// The stock files held for a person.
    public var heldFiles: [HeldFile]
    /// The orders the WMS could not import, newest first.
    public var importFailures: [ImportFailure]
    /// Order lines picked less than ordered.
    public var partialShipments: [PartialLine]
    /// Files in the archive's chain.
    public var archiveRecords: Int
    /// The archive's bytes on disk.
    public var archiveBytes: Int
    /// Whether the chain verified.
    public var archiveIntact: Bool
    /// The chain's problems, if any.
    public var archiveProblems: [String]
    /// When the chain was verified.
    public var archiveVerified: String
    /// The alerts that hold (interfaces section 8).
    public var alerts: [Alert]

    /// Whether anything needs a person: an alert, a failed process, a refused write-back, a failed inbox file, an
    /// import failure or a broken archive chain.
    public var needsAttention: Bool {
        !alerts.isEmpty || processes.contains { $0.result != "ok" } || !refusedWriteBacks.isEmpty
            || failedFileCount > 0 || !importFailures.isEmpty || !archiveIntact
    }

    /// The most files of `inbox/failed` that status lists with their reasons; the rest are counted.
    ///
    /// A WMS that sends a bad file every cycle fills the folder with thousands, and each listed file's reason is a read
    /// at every refresh.
    public static let listedFailedFiles = 50

    /// A time as status shows it.
    public static func time(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
