public import BridgeModel

/// Everything the runtime of one goods owner needs to know from the configuration.
public struct OwnerSettings: Sendable {
    /// Which exporters run.
    public struct Exporters: Sendable, Equatable {
        /// The article registry.
        public var articles: Bool
        /// Suppliers.
        public var suppliers: Bool
        /// Sales orders.
        public var orders: Bool

        /// Creates the switches.
        public init(articles: Bool, suppliers: Bool, orders: Bool) {
            self.articles = articles
            self.suppliers = suppliers
            self.orders = orders
        }

        /// Whether any exporter runs.
        public var any: Bool { articles || suppliers || orders }

        /// The exporters that run, each with the kind it exports, in the order a cycle runs them.
        public var enabled: [(process: String, kind: ObjectKind)] {
            [
                ("articles", ObjectKind.article, articles), ("suppliers", .supplier, suppliers),
                ("orders", .order, orders),
            ]
            .filter(\.2).map { ($0.0, $0.1) }
        }
    }

    /// What the status page, the metrics and the alerts need to know of the owner.
    public struct Monitoring: Sendable, Equatable {
        /// The 24SevenOffice endpoint.
        public var endpoint: String
        /// The 24SevenOffice account (endpoint and user) whose health and budget the owner shares.
        public var account: String
        /// `alerts.inboxSilence`: how long without a file from the WMS is an alert; `nil` for never.
        public var inboxSilence: Duration?
        /// The owner's state folder.
        public var stateFolder: String

        /// Creates the settings.
        public init(endpoint: String, account: String, inboxSilence: Duration? = nil, stateFolder: String = "") {
            self.endpoint = endpoint
            self.account = account
            self.inboxSilence = inboxSilence
            self.stateFolder = stateFolder
        }
    }

    /// The goods owner's code.
    public var goodsOwnerCode: String
    /// The exporters' settings (outbox, formats, statuses, dry run).
    public var export: ExportSettings
    /// The inbox's settings (folders, rules, dry run).
    public var inbox: InboxSettings
    /// The archive folder.
    public var archive: String
    /// Which exporters run.
    public var exporters: Exporters
    /// The exporters' schedule in the daemon.
    public var interval: Duration
    /// How often the daemon looks into the inbox without a file event.
    public var rescan: Duration
    /// How long archived files are kept; `nil` keeps everything.
    public var retention: Duration?
    /// The field mapping.
    public var mapping: MappingTable
    /// The variant pattern on `Product.No`, if variants are on.
    public var variantPattern: String?
    /// What monitoring needs.
    public var monitoring: Monitoring

    /// Creates settings.
    public init(
        goodsOwnerCode: String, export: ExportSettings, inbox: InboxSettings, archive: String, exporters: Exporters,
        interval: Duration, rescan: Duration, retention: Duration?, mapping: MappingTable, variantPattern: String?,
        monitoring: Monitoring = Monitoring(endpoint: "", account: "")
    ) {
        self.goodsOwnerCode = goodsOwnerCode
        self.export = export
        self.inbox = inbox
        self.archive = archive
        self.exporters = exporters
        self.interval = interval
        self.rescan = rescan
        self.retention = retention
        self.mapping = mapping
        self.variantPattern = variantPattern
        self.monitoring = monitoring
    }

    /// Whether the inbox is watched: shipments (with acknowledgements) or stock write back.
    public var watchesInbox: Bool { inbox.shipments || inbox.stock }

    /// Whether this is a dry run: nothing is written, no ERP write is called, no watermark moves.
    public var dryRun: Bool { export.dryRun }
}
