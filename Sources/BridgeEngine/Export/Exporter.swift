public import BridgeModel
public import Foundation
public import Logging
public import OngoingFiles
import TwentyFourSeven

/// The three exporters: articles, suppliers and confirmed orders from 24SevenOffice to the outbox.
///
/// Each export is incremental (products by `DateChanged`, orders and companies by `ChangedAfter`), reaches
/// back `overlap` before its watermark because 24SevenOffice rounds its stamps, and relies on the content hash
/// in the state store to write each changed object once. The watermark moves only after every object of the
/// run is on disk and archived.
public actor Exporter {
    private let client: any ERPGateway
    private let store: StateStore
    private let archive: ArchiveWriter
    private let xml: OngoingXMLWriter
    private let mapper: RecordMapper
    private let settings: ExportSettings
    private let files: any FileSystem
    private let blocking: BlockingWork
    private let logger: Logger
    private let now: @Sendable () -> Date
    /// The phone and e-mail fallbacks of the customers read in this run.
    private var customers = CustomerCache()
    private var runStarted: Date?

    /// Creates the exporters.
    /// - Parameters:
    ///   - client: 24SevenOffice.
    ///   - store: the owner's state.
    ///   - archive: the owner's archive writer.
    ///   - schema: the Ongoing schema the XML files follow.
    ///   - mapper: the field mapping.
    ///   - settings: folders, formats and statuses.
    ///   - files: the file system.
    ///   - blocking: where file work runs.
    ///   - logger: where exports are reported.
    ///   - now: the clock for names, stamps and the export-time delivery date.
    public init(
        client: any ERPGateway, store: StateStore, archive: ArchiveWriter, schema: OngoingSchema, mapper: RecordMapper,
        settings: ExportSettings, files: any FileSystem = LocalFileSystem(), blocking: BlockingWork = .shared,
        logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.store = store
        self.archive = archive
        self.xml = OngoingXMLWriter(schema: schema, table: mapper.table)
        self.mapper = mapper
        self.settings = settings
        self.files = files
        self.blocking = blocking
        self.logger = logger
        self.now = now
    }

    /// Exports products changed since the last run as articles.
    public func exportArticles() async throws -> ExportSummary {
        try await run("articles", .article) { session, summary in
            let since = try await self.windowStart("articles")
            let products = try await self.client.products(
                ProductQuery(changedSince: since), properties: self.properties(ReturnProperties.product, "Product"))
            if !self.settings.dryRun {
                var numbers: [Int: String] = [:]
                for product in products { if let number = product.number { numbers[product.id] = number } }
                try await self.store.recordArticleNumbers(numbers)
            }
            let sorted = products.sorted(by: { $0.id < $1.id })
            for start in stride(from: 0, to: sorted.count, by: 1000) {
                let batch = sorted[start..<min(start + 1000, sorted.count)]
                try await self.emit(batch.map { self.mapper.article($0) }, session, &summary)
            }
            return products.compactMap(\.dateChanged).max()
        }
    }

    /// Exports companies of type Supplier changed since the last run.
    public func exportSuppliers() async throws -> ExportSummary {
        try await run("suppliers", .supplier) { session, summary in
            let since = try await self.windowStart("suppliers")
            let changed = try await self.client.companySyncList(changedAfter: since)
            guard !changed.isEmpty else { return nil }
            let companies = try await self.client.companies(
                CompanyQuery(companyIds: changed.map(\.companyId)),
                properties: self.properties(ReturnProperties.company, "Company"))
            let suppliers = companies.sorted(by: { $0.id < $1.id }).compactMap { self.mapper.supplier($0) }
            try await self.emit(suppliers, session, &summary)
            return changed.compactMap(\.dateChanged).max()
        }
    }

    /// Exports orders in the configured states changed since the last run, in batches of at most 1000.
    public func exportOrders() async throws -> ExportSummary {
        try await run("orders", .order) { session, summary in
            // Customers are read again in every run: a daemon's exporter lives for days, and a phone number or e-mail
            // address changed in 24SevenOffice must reach the next orders exported.
            self.customers = CustomerCache()
            let since = try await self.windowStart("orders")
            let ids = Self.sortedUnique(
                try await self.client.orderSyncList(changedAfter: since, registeredAfter: since))
            var latest: Date?
            // Slices of the ids, not copies: a first sync's 100,000 ids would be held twice for the whole run.
            let batches = stride(from: 0, to: ids.count, by: 1000).map { ids[$0..<min($0 + 1000, ids.count)] }
            let (client, states) = (self.client, self.settings.pullStatuses)
            let properties = self.properties(ReturnProperties.invoice, "InvoiceOrder")
            let rowProperties = self.properties(ReturnProperties.invoiceRow, "InvoiceRow")
            // A batch is fetched, decoded and mapped while the one before it is decided, rendered and written: the
            // reading (network, SOAP decoding, mapping on the actor and the pool) and the writing (hashing, rendering
            // and the commit stages) overlap, so that no core waits for the other half.
            let read = { (batch: ArraySlice<Int>) in
                Task {
                    let orders = try await client.invoices(
                        InvoiceQuery(orderStates: states, orderIds: Array(batch)), properties: properties,
                        rowProperties: rowProperties)
                    let changed = orders.compactMap(\.dateChanged).max()
                    return (mapped: try await self.map(consume orders), latest: changed)
                }
            }
            var next = batches.first.map(read)
            defer { next?.cancel() }
            for (index, start) in stride(from: 0, to: ids.count, by: 1000).enumerated() {
                guard let current = next else { break }
                let (mapped, changed) = try await current.value
                next = index + 1 < batches.count ? read(batches[index + 1]) : nil
                if ids.count > 1000 {
                    // Long (first) syncs report their progress: counts and rate.
                    let done = min(start + 1000, ids.count)
                    let seconds = max(self.now().timeIntervalSince(self.runStarted ?? self.now()), 0.001)
                    self.logger.notice(
                        "orders export progress: \(done) of \(ids.count) changed orders read, \(Int(Double(done) / seconds)) per second",
                        metadata: ["sync.process": "orders"])
                }
                if let changed { latest = max(latest ?? changed, changed) }
                // The mapped batch is let go of once rendered, so that memory holds only the batches in flight.
                try await self.emit(consume mapped, session, &summary)
            }
            return latest
        }
    }

    /// Maps a batch of orders, sorted by OrderId, with the customers, article numbers and delivery dates they need.
    ///
    /// Mapping is CPU work: every core takes a share of the batch.
    private func map(_ orders: consuming [InvoiceOrder]) async throws -> [RecordMapper.Mapped] {
        try await loadCustomers(for: orders)
        let productIds = Set(orders.lazy.flatMap { $0.rows ?? [] }.compactMap(\.productId))
        let context = RecordMapper.OrderContext(
            customers: customers.contacts, articleNumbers: try await store.articleNumbers(productIds),
            exportTime: now(), pinnedDeliveryDates: try await pinnedDeliveryDates(orders))
        let sorted = (consume orders).sorted(by: { $0.orderId < $1.orderId })
        let mapper = self.mapper
        return try await blocking.chunks(sorted) { slice in slice.map { mapper.order($0, context: context) } }
    }

    /// The delivery dates earlier exports took from the export time, for orders that have neither a DeliveryDate nor
    /// a DateOrdered, by OrderId.
    private func pinnedDeliveryDates(_ orders: [InvoiceOrder]) async throws -> [Int: String] {
        // Lazily: filtering first would copy every matching order out of the batch.
        let undated = Array(
            orders.lazy.filter { $0.deliveryDate == nil && $0.dateOrdered == nil }.map { String($0.orderId) })
        guard !undated.isEmpty else { return [:] }
        var result: [Int: String] = [:]
        for (key, date) in try await store.pinnedDeliveryDates(.order, undated) {
            if let id = Int(key) { result[id] = date }
        }
        return result
    }

    /// Fetches, in one batched call, the customers whose phone or e-mail an order lacks and that are not cached yet.
    private func loadCustomers(for orders: [InvoiceOrder]) async throws {
        let wanted = Set(
            orders.lazy.filter { ($0.customerDeliveryPhone ?? "").isEmpty || ($0.invoiceEmailAddress ?? "").isEmpty }
                .compactMap(\.customerId))
        let missing = customers.missing(wanted)
        guard !missing.isEmpty else { return }
        let companies = try await client.companies(
            CompanyQuery(companyIds: missing.sorted()), properties: ["Id", "PhoneNumbers", "EmailAddresses"])
        customers.add(companies, wanted: wanted)
    }

    /// The ids in ascending order, each once: sorted in place and compacted, without the set of 100,000 ids (and
    /// its copy) that deduplicating by a `Set` first made.
    static func sortedUnique(_ ids: consuming [Int]) -> [Int] {
        var ids = consume ids
        ids.sort()
        var kept = 0
        for index in ids.indices where kept == 0 || ids[index] != ids[kept - 1] {
            ids[kept] = ids[index]
            kept += 1
        }
        ids.removeLast(ids.count - kept)
        return ids
    }

    /// Reports what the mapper noticed and writes the batch's records; of two objects with the same key
    /// (two products with one number) only the last is written, and that is reported.
    private func emit(
        _ batch: consuming [RecordMapper.Mapped], _ session: OutboxSession, _ summary: inout ExportSummary
    ) async throws {
        var notices = batch.flatMap(\.notices)
        var items: [OutboxSession.Item] = []
        var position: [String: Int] = [:]
        for mapped in consume batch {
            guard let record = mapped.record else { continue }
            let item = OutboxSession.Item(record: record, pinnedDeliveryDate: mapped.pinnedDeliveryDate)
            if let index = position[record.key] {
                notices.append("two \(record.kind.plural) share the key \(record.key); only the last one is exported")
                items[index] = item
            } else {
                position[record.key] = items.count
                items.append(item)
            }
        }
        for notice in notices { logger.notice("\(notice)", metadata: ["sync.process": "\(summary.process)"]) }
        summary.report(notices)
        let keys = items.map(\.record.key)
        let kind = session.kind
        // The records go to the session, which lets go of them once rendered.
        for (key, outcome) in zip(keys, try await session.emit(consume items)) {
            switch outcome {
            case .unchanged:
                summary.unchanged += 1
            case .written(let name), .wouldWrite(let name):
                summary.writtenCount += 1
                if settings.dryRun || summary.written.count < 1000 { summary.written.append(name) }
                logger.info(
                    "\(settings.dryRun ? "would export" : "exported") \(kind.rawValue) \(key)",
                    metadata: ["file.name": "\(name)", "sync.process": "\(summary.process)"])
            }
        }
    }

    private func windowStart(_ process: String) async throws -> Date {
        guard let watermark = try await store.watermark(process) else { return settings.firstSync }
        return watermark.addingTimeInterval(-settings.overlap)
    }

    /// The default properties plus those configured extra fields read from `type`.
    private func properties(_ defaults: [String], _ type: String) -> [String] {
        let extra = mapper.table.rows.filter { $0.origin == .configured }.compactMap { row -> String? in
            let parts = row.erp.split(separator: ".")
            return parts.count >= 2 && parts[0] == type ? String(parts[1]) : nil
        }
        var seen: Set<String> = []
        return (defaults + extra).filter { seen.insert($0).inserted }
    }

    /// Runs one process: recovery, the export itself, the CSV commit, the watermark and the run record.
    private func run(
        _ process: String, _ kind: ObjectKind,
        _ body: (OutboxSession, inout ExportSummary) async throws -> Date?
    ) async throws -> ExportSummary {
        let started = now()
        runStarted = started
        let session = OutboxSession(
            kind: kind, settings: settings, store: store, archive: archive, xml: xml, table: mapper.table,
            files: files, blocking: blocking, now: now)
        var summary = ExportSummary(process: process)
        do {
            summary.recovered = try await session.recover()
            let latest = try await body(session, &summary)
            summary.csvFile = try await session.finish()
            if !settings.dryRun, let latest { try await store.advanceWatermark(process, to: latest) }
            try await record(summary, started: started, error: nil)
            return summary
        } catch {
            await session.abandon()
            let stopped = error is CancellationError
            try? await record(summary, started: started, error: stopped ? "stopped by a shutdown" : "\(error)")
            throw error
        }
    }

    private func record(_ summary: ExportSummary, started: Date, error: String?) async throws {
        guard !settings.dryRun else { return }
        try await store.recordRun(
            RunRecord(
                process: summary.process, startedAt: started, finishedAt: now(), result: error == nil ? "ok" : "failed",
                written: summary.writtenCount, unchanged: summary.unchanged, notices: summary.noticeCount,
                error: error))
    }
}
