public import BridgeModel
public import Foundation

/// What the exporters need to know from the configuration.
public struct ExportSettings: Sendable {
    /// The output formats.
    public enum Format: String, Sendable, CaseIterable {
        /// One XML file per object.
        case xml
        /// One CSV file per run and kind.
        case csv
    }

    /// Written into every ProcessArticle and ProcessOrder file; also the key of the state.
    public var goodsOwnerCode: String
    /// The outbox folder.
    public var outbox: String
    /// The formats to write.
    public var formats: Set<Format>
    /// The 24SevenOffice order states to export.
    public var pullStatuses: [OrderSlipState]
    /// Whether to write nothing, call no ERP write and move no watermark.
    public var dryRun: Bool
    /// How far each incremental window reaches back before the watermark (24SevenOffice rounds its stamps).
    public var overlap: TimeInterval
    /// Where the first run starts: far enough back to fetch everything.
    public var firstSync: Date

    /// Creates settings with the interface's defaults.
    public init(
        goodsOwnerCode: String, outbox: String, formats: Set<Format> = [.xml, .csv],
        pullStatuses: [OrderSlipState] = [.confirmed],
        dryRun: Bool = false, overlap: TimeInterval = 300, firstSync: Date = Date(timeIntervalSince1970: 946_684_800)
    ) {
        self.goodsOwnerCode = goodsOwnerCode
        self.outbox = outbox
        self.formats = formats
        self.pullStatuses = pullStatuses
        self.dryRun = dryRun
        self.overlap = overlap
        self.firstSync = firstSync
    }
}
