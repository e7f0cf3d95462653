public import Foundation

/// The alert rules of interfaces section 8, as a pure function of what the state store knows: no I/O, so every
/// rule is tested on its own.
///
/// ```swift
/// let alerts = AlertRules.evaluate(facts)   // [] when all is well
/// ```
public enum AlertRules {
    /// What the rules look at, for one goods owner.
    public struct Facts: Sendable {
        /// One export process.
        public struct Process: Sendable, Equatable {
            /// Its name: articles, suppliers or orders.
            public var name: String
            /// When it last succeeded, if ever.
            public var lastSuccess: Date?
            /// When it first ran, if ever.
            public var firstRun: Date?

            /// Describes a process.
            public init(name: String, lastSuccess: Date?, firstRun: Date?) {
                self.name = name
                self.lastSuccess = lastSuccess
                self.firstRun = firstRun
            }
        }

        /// Now.
        public var now: Date
        /// The exporters' interval.
        public var interval: Duration
        /// The enabled export processes.
        public var processes: [Process]
        /// When the oldest write-back that is failing (pending, with an error) was journaled.
        public var writeBackFailingSince: Date?
        /// How many write-backs are failing.
        public var failingWriteBacks: Int
        /// The stock files held for a person, with when they were held.
        public var heldFiles: [(name: String, at: Date)]
        /// The orders the WMS could not import, with when that was reported.
        public var importFailures: [(order: String, at: Date)]
        /// `alerts.inboxSilence`, or `nil` when that alert is off.
        public var inboxSilence: Duration?
        /// When the last file came from the WMS, if one ever did.
        public var lastInboxFile: Date?
        /// Since when the inbox has been watched (the first run), if it has.
        public var watchingSince: Date?

        /// Gathers the facts.
        public init(
            now: Date, interval: Duration, processes: [Process], writeBackFailingSince: Date? = nil,
            failingWriteBacks: Int = 0, heldFiles: [(name: String, at: Date)] = [],
            importFailures: [(order: String, at: Date)] = [], inboxSilence: Duration? = nil, lastInboxFile: Date? = nil,
            watchingSince: Date? = nil
        ) {
            self.now = now
            self.interval = interval
            self.processes = processes
            self.writeBackFailingSince = writeBackFailingSince
            self.failingWriteBacks = failingWriteBacks
            self.heldFiles = heldFiles
            self.importFailures = importFailures
            self.inboxSilence = inboxSilence
            self.lastInboxFile = lastInboxFile
            self.watchingSince = watchingSince
        }
    }

    /// How long a write-back may fail before it is an alert.
    public static let writeBackPatience: TimeInterval = 3600

    /// The alerts that hold, in the order of ``Alert/Kind``.
    public static func evaluate(_ facts: Facts) -> [Alert] {
        var alerts: [Alert] = []
        let overdue = 3 * facts.interval.seconds
        for process in facts.processes {
            // A process that never succeeded is measured from its first run; one that never ran is not overdue.
            guard let since = process.lastSuccess ?? process.firstRun, facts.now.timeIntervalSince(since) > overdue
            else { continue }
            let last = process.lastSuccess.map { "since \(stamp($0))" } ?? "ever (first run \(stamp(since)))"
            alerts.append(
                Alert(
                    kind: .exportOverdue,
                    message: "\(process.name): no successful export \(last), more than 3 intervals", since: since))
        }
        if let since = facts.writeBackFailingSince, facts.now.timeIntervalSince(since) > writeBackPatience {
            alerts.append(
                Alert(
                    kind: .writeBackFailing,
                    message: "\(facts.failingWriteBacks) write-back\(facts.failingWriteBacks == 1 ? "" : "s") failing, "
                        + "the oldest since \(stamp(since))", since: since))
        }
        if let first = facts.heldFiles.min(by: { $0.at < $1.at }) {
            let names = facts.heldFiles.map(\.name).sorted().joined(separator: ", ")
            alerts.append(
                Alert(
                    kind: .stockFileHeld,
                    message: "stock file\(facts.heldFiles.count == 1 ? "" : "s") held: \(names); check, then run "
                        + "`sevenbridge inbox release FILE`", since: first.at))
        }
        if let first = facts.importFailures.min(by: { $0.at < $1.at }) {
            let orders = facts.importFailures.map(\.order).sorted().prefix(10).joined(separator: ", ")
            let more = facts.importFailures.count > 10 ? " and \(facts.importFailures.count - 10) more" : ""
            alerts.append(
                Alert(
                    kind: .wmsImportFailed, message: "the WMS could not import order \(orders)\(more)", since: first.at)
            )
        }
        if let silence = facts.inboxSilence, let since = facts.lastInboxFile ?? facts.watchingSince,
            facts.now.timeIntervalSince(since) > silence.seconds
        {
            let last = facts.lastInboxFile.map { "since \(stamp($0))" } ?? "yet (watching since \(stamp(since)))"
            alerts.append(Alert(kind: .inboxSilent, message: "no file from the WMS \(last)", since: since))
        }
        return alerts
    }

    private static func stamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
