/// Every configuration key, with its type, default and meaning: the single list that the loader checks
/// against, the environment variables are derived from, and the README documents.
struct ConfigurationKey: Sendable {
    /// How a key's value is written.
    enum Kind: Sendable {
        case string, boolean, duration, stringList, integerList, records
        /// The `goodsOwners` list: mappings that each override top-level keys for one goods owner.
        case owners
    }

    /// The dotted key path.
    let path: String
    /// How its value is written.
    let kind: Kind
    /// The default, as written in YAML, or `nil` for none.
    let defaultValue: String?
    /// What it means.
    let meaning: String
    /// Whether its value must never be printed.
    let isSecret: Bool

    init(_ path: String, _ kind: Kind, _ defaultValue: String?, _ meaning: String, secret: Bool = false) {
        self.path = path
        self.kind = kind
        self.defaultValue = defaultValue
        self.meaning = meaning
        self.isSecret = secret
    }

    /// The environment variable that overrides the key: `SEVENBRIDGE_` and the path in upper snake case.
    var environmentVariable: String {
        "SEVENBRIDGE_" + environmentSuffix
    }

    /// The path in upper snake case, as environment variables write it: `erp.requestsPerHour` is
    /// `ERP_REQUESTS_PER_HOUR`.
    var environmentSuffix: String {
        var name = ""
        var previousWasLower = false
        for character in path {
            if character == "." {
                name += "_"
                previousWasLower = false
            } else if character.isUppercase && previousWasLower {
                name += "_" + character.uppercased()
                previousWasLower = false
            } else {
                name += character.uppercased()
                previousWasLower = character.isLowercase || character.isNumber
            }
        }
        return name
    }

    /// Whether one goods owner can set the key for itself, in its `goodsOwners` entry or its own environment
    /// variables: every key but the list itself and the site-wide keys.
    var isPerOwner: Bool {
        kind != .owners && !Self.siteWide.contains(path)
    }

    /// Keys that hold for the whole bridge, set at the top level only: one listener serves every owner.
    static let siteWide: Set<String> = ["http.listen"]

    /// The environment variable that overrides the key for one goods owner:
    /// `SEVENBRIDGE_OWNERS_<CODE>_<KEY PATH>`, such as `SEVENBRIDGE_OWNERS_ACME_ERP_PASSWORD`.
    ///
    /// - Parameter owner: the goods owner's code as the configuration writes it.
    func environmentVariable(owner: String) -> String {
        Self.ownersEnvironmentPrefix + Self.environmentName(owner: owner) + "_" + environmentSuffix
    }

    /// What every goods owner's environment variables start with.
    static let ownersEnvironmentPrefix = "SEVENBRIDGE_OWNERS_"

    /// A goods owner's code as its environment variables write it: upper-cased, with `-` turned into `_`.
    static func environmentName(owner code: String) -> String {
        String(code.uppercased().map { $0 == "-" ? "_" : $0 })
    }

    /// Sections that hold other keys.
    static let sections: Set<String> = [
        "erp", "folders", "inbox", "archive", "processes", "orders", "stock", "variants", "http", "alerts",
    ]

    /// Every key.
    static let all: [ConfigurationKey] = [
        ConfigurationKey(
            "goodsOwnerCode", .string, nil,
            "written into every ProcessArticle and ProcessOrder file; also keys the state"),
        ConfigurationKey(
            "erp.endpoint", .string, "https://api.24sevenoffice.com",
            "24SevenOffice base URL; the standard service paths are appended"),
        ConfigurationKey(
            "erp.applicationId", .string, nil, "the integration's application id (GUID) from 24SevenOffice"),
        ConfigurationKey("erp.username", .string, nil, "the integration user (an e-mail address)"),
        ConfigurationKey(
            "erp.password", .string, nil, "the integration user's password; better set SEVENBRIDGE_ERP_PASSWORD",
            secret: true),
        ConfigurationKey(
            "erp.identityId", .string, "null",
            "which client company (identity) the session works on; null for the user's default"),
        ConfigurationKey(
            "erp.requestsPerHour", .string, "7200",
            "the account's hourly request budget; 24SevenOffice support can raise it"),
        ConfigurationKey("folders.outbox", .string, "outbox", "where files for the WMS importer are written"),
        ConfigurationKey(
            "folders.inbox", .string, "inbox", "where the WMS drops shipment, stock and acknowledgement files"),
        ConfigurationKey("folders.archive", .string, "archive", "the compliance archive"),
        ConfigurationKey(
            "folders.state", .string, "state", "the state database (watermarks, exports, write-back journal)"),
        ConfigurationKey(
            "interval", .duration, "15m", "exporter schedule for `run`, with a unit: 500ms, 30s, 15m, 2h, 7d or 4w"),
        ConfigurationKey(
            "archive.retention", .duration, "null",
            "how long archived files are kept, such as 400d; null keeps everything"),
        ConfigurationKey(
            "inbox.settle", .duration, "2s",
            "how long an inbox file must stay unchanged before it is taken (unless <name>.done exists)"),
        ConfigurationKey(
            "inbox.rescan", .duration, "10s",
            "how often `run` looks into the inbox without a file event (network shares send none)"),
        ConfigurationKey(
            "formats", .stringList, "[xml, csv]",
            "outbox formats: xml (one file per object), csv (one file per run and kind)"),
        ConfigurationKey("processes.articles", .boolean, "true", "export the article registry"),
        ConfigurationKey("processes.orders", .boolean, "true", "export sales orders"),
        ConfigurationKey("processes.suppliers", .boolean, "false", "export suppliers (companies of type Supplier)"),
        ConfigurationKey("processes.stock", .boolean, "true", "write WMS stock levels back to 24SevenOffice"),
        ConfigurationKey("processes.shipments", .boolean, "true", "write shipped orders back to 24SevenOffice"),
        ConfigurationKey("orders.pullStatuses", .stringList, "[Confirmed]", "24SevenOffice order statuses to export"),
        ConfigurationKey(
            "orders.notifyShipped", .boolean, "true", "set shipped orders to orders.sentStatus in 24SevenOffice"),
        ConfigurationKey(
            "orders.reportAtStatuses", .integerList, "[450, 500]", "WMS OrderStatusNumber values that mean shipped"),
        ConfigurationKey(
            "orders.sentStatus", .string, "OrderState_Sent", "24SevenOffice status written when an order is shipped"),
        ConfigurationKey(
            "orders.statusOnImport", .string, "null",
            "24SevenOffice status written when the WMS has imported an order; null for none"),
        ConfigurationKey(
            "stock.field", .string, "SellableNumberOfItems",
            "WMS stock figure compared with 24SevenOffice: SellableNumberOfItems or NumberOfItemsDecimal"),
        ConfigurationKey(
            "variants.pattern", .string, "null",
            "regular expression on Product.No with named groups base, color and size; null for no variants"),
        ConfigurationKey(
            "http.listen", .string, "null",
            "address and port of the status page, metrics and health, such as 127.0.0.1:9464; null for none"),
        ConfigurationKey(
            "alerts.inboxSilence", .duration, "null",
            "alert when no file came from the WMS for this long, such as 4h; null for never"),
        ConfigurationKey("extraFields", .records, "[]", "extra mapping rows: {from: <24SO path>, to: <Ongoing path>}"),
        ConfigurationKey(
            "goodsOwners", .owners, "null",
            "the goods owners one bridge serves, each a mapping with its goodsOwnerCode and the top-level keys it sets "
                + "differently; null for the single top-level goodsOwnerCode"),
    ]

    /// The key with this path.
    static func named(_ path: String) -> ConfigurationKey? {
        all.first { $0.path == path }
    }

    /// The known path nearest to `path`, for "did you mean" suggestions.
    static func suggestion(for path: String) -> String? {
        let candidates = all.map(\.path) + Array(sections)
        let scored = candidates.map { ($0, distance($0.lowercased(), path.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(3, path.count / 3) else { return nil }
        return best.0
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
