public import Foundation

/// Something about one goods owner that needs a person (interfaces section 8): the same on the status page, in
/// `status` and as `sevenbridge_alerts{alert}`.
public struct Alert: Codable, Sendable, Equatable {
    /// The alerts there are, by their metric label.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// An export process has not succeeded for three intervals.
        case exportOverdue = "export_overdue"
        /// A write-back has been failing for more than an hour.
        case writeBackFailing = "writeback_failing"
        /// A stock file is held for a person.
        case stockFileHeld = "stock_file_held"
        /// The WMS could not import an order (an acknowledgement with `Success` false).
        case wmsImportFailed = "wms_import_failed"
        /// No file came from the WMS for `alerts.inboxSilence`.
        case inboxSilent = "inbox_silent"

        /// What the alert means, for the page's legend and the README.
        public var meaning: String {
            switch self {
            case .exportOverdue: "no successful export for 3 intervals"
            case .writeBackFailing: "a write-back has been failing for more than an hour"
            case .stockFileHeld: "a stock file is held until someone runs `sevenbridge inbox release`"
            case .wmsImportFailed: "the WMS could not import an order (an acknowledgement with Success false)"
            case .inboxSilent: "no file came from the WMS for alerts.inboxSilence"
            }
        }
    }

    /// Which alert.
    public var kind: Kind
    /// What holds, in words, naming what it is about.
    public var message: String
    /// Since when it holds, when known.
    public var since: Date?

    /// Creates an alert.
    public init(kind: Kind, message: String, since: Date? = nil) {
        self.kind = kind
        self.message = message
        self.since = since
    }
}
