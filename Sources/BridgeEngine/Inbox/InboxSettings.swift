public import BridgeModel
public import Foundation

/// What the inbox processing needs to know from the configuration.
public struct InboxSettings: Sendable {
    /// Which WMS stock figure is compared with 24SevenOffice.
    public enum StockField: String, Sendable {
        /// What can still be sold (may be negative in the WMS; negative figures are reported, not written).
        case sellable = "SellableNumberOfItems"
        /// Physical stock.
        case numberOfItems = "NumberOfItemsDecimal"
    }

    /// The inbox folder.
    public var inbox: String
    /// The outbox folder, watched for order files the importer has taken (for `statusOnImport`).
    public var outbox: String?
    /// How long a file must stay unchanged before it is taken (unless `<name>.done` exists).
    public var settle: TimeInterval
    /// Whether shipment files write order statuses back.
    public var shipments: Bool
    /// Whether stock files write stock back.
    public var stock: Bool
    /// Whether shipped orders get `sentStatus`.
    public var notifyShipped: Bool
    /// WMS status numbers that mean shipped.
    public var reportAtStatuses: Set<Int>
    /// The 24SevenOffice status for shipped orders.
    public var sentStatus: OrderSlipState
    /// The 24SevenOffice status for orders the WMS imported, if any.
    public var statusOnImport: OrderSlipState?
    /// The stock figure to use.
    public var stockField: StockField
    /// Whether to write nothing and call no ERP write.
    public var dryRun: Bool

    /// Creates settings with the interface's defaults.
    public init(
        inbox: String, outbox: String? = nil, settle: TimeInterval = 2, shipments: Bool = true, stock: Bool = true,
        notifyShipped: Bool = true,
        reportAtStatuses: Set<Int> = [450, 500], sentStatus: OrderSlipState = .sent,
        statusOnImport: OrderSlipState? = nil,
        stockField: StockField = .sellable, dryRun: Bool = false
    ) {
        self.inbox = inbox
        self.outbox = outbox
        self.settle = settle
        self.shipments = shipments
        self.stock = stock
        self.notifyShipped = notifyShipped
        self.reportAtStatuses = reportAtStatuses
        self.sentStatus = sentStatus
        self.statusOnImport = statusOnImport
        self.stockField = stockField
        self.dryRun = dryRun
    }
}

/// How one inbox file ended.
public struct InboxOutcome: Sendable, Equatable {
    /// How it ended.
    public enum Result: String, Sendable {
        /// Taken; its write-backs are in the journal. Bad rows, if any, are in `problems`.
        case processed
        /// Refused as a whole; moved to `failed/` with `<name>.error.txt`.
        case rejected
        /// Held for a person (a stock file that would zero most articles); moved to `failed/`.
        case held
        /// The same content was taken before; moved to `failed/`, nothing written.
        case duplicate
        /// Its process is switched off; left in the inbox.
        case ignored
    }

    /// The file's name.
    public var name: String
    /// How it ended.
    public var result: Result
    /// The kind, when recognised.
    public var kind: String?
    /// The reason (rejected, held, duplicate) or a summary (processed).
    public var detail: String
    /// Rows or elements that could not be used.
    public var problems: [String]
    /// Write-backs recorded for 24SevenOffice.
    public var writeBacks: Int
}
