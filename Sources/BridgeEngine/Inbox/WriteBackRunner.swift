import BridgeModel
public import Foundation
public import Logging
import TwentyFourSeven

/// Carries out the journal's pending write-backs, each so that it takes effect once.
///
/// Before every attempt it reads the current value from 24SevenOffice: an order already at the status, or a
/// product already at the quantity, needs no write; an unknown or invoiced order, or an unknown product, is
/// refused and reported, not retried. Temporary failures leave the write-back pending with a growing delay
/// (30 s doubling to 1 h), across restarts, because the journal is in the state store. How each outcome changes a
/// write-back is ``WriteBackJournal``'s rule.
public actor WriteBackRunner {
    private let client: any ERPGateway
    private let store: StateStore
    private let logger: Logger
    private let metrics: BridgeMetrics
    private let now: @Sendable () -> Date
    private let onRefusal: (@Sendable (WriteBack, String) async -> Void)?

    /// What one pass did.
    public struct Summary: Sendable, Equatable {
        /// Write-backs the bridge wrote, as readable lines.
        public var written: [String] = []
        /// Write-backs that needed no write.
        public var skipped: Int = 0
        /// Refusals, as readable lines.
        public var refused: [String] = []
        /// Write-backs still pending after this pass.
        public var pending: Int = 0
        /// When the next of them will be tried, if any is pending.
        public var nextAttempt: Date?
        /// The last error of a pending one, if any.
        public var lastError: String?

        /// Creates an empty summary.
        public init() {}
    }

    /// Creates a runner.
    /// - Parameters:
    ///   - client: 24SevenOffice.
    ///   - store: the owner's state, with the journal.
    ///   - metrics: where applied write-backs are counted.
    ///   - logger: where write-backs are reported.
    ///   - now: the clock of retries.
    ///   - onRefusal: told of every write-back 24SevenOffice refused, with the reason (to note it in the report of
    ///     the file it came from).
    public init(
        client: any ERPGateway, store: StateStore, metrics: BridgeMetrics? = nil, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() },
        onRefusal: (@Sendable (WriteBack, String) async -> Void)? = nil
    ) {
        self.client = client
        self.metrics = metrics ?? .disabled(goodsOwner: store.goodsOwner)
        self.store = store
        self.logger = logger
        self.now = now
        self.onRefusal = onRefusal
    }

    /// Tries every due write-back once, a thousand at a time.
    public func runDue() async throws -> Summary {
        var summary = Summary()
        var last: Int64 = 0
        while true {
            let due = try await store.dueWriteBacks(now: now(), after: last)
            guard let newest = due.last?.id else { break }
            last = newest
            var finished: [WriteBack] = []
            let (live, superseded) = Self.newestPerTarget(due)
            for (item, newer) in superseded {
                if let next = WriteBackJournal.apply(.superseded(by: newer), to: item, at: now()) {
                    finished.append(next)
                }
            }
            let statuses = live.filter { $0.operation == .orderStatus }
            let stock = live.filter { $0.operation == .stock }
            if !statuses.isEmpty { finished += await runStatuses(statuses, &summary) }
            if !stock.isEmpty { finished += await runStock(stock, &summary) }
            try await store.updateWriteBacks(finished, now: now())
            if let onRefusal {
                for item in finished where item.state == .refused { await onRefusal(item, item.lastError ?? "refused") }
            }
        }
        let waiting = try await store.pendingWriteBacks()
        summary.pending = waiting.count
        summary.nextAttempt = waiting.next
        summary.lastError = waiting.lastError
        return summary
    }

    /// The newest write-back of each target, and older ones with the newer that replaces them (the journal keeps one
    /// live write-back per target; this also settles journals written before it did).
    static func newestPerTarget(_ items: [WriteBack]) -> (live: [WriteBack], superseded: [(WriteBack, Int64)]) {
        var newest: [WriteBack.Target: WriteBack] = [:]
        var superseded: [(WriteBack, Int64)] = []
        for item in items.sorted(by: { $0.id < $1.id }) {
            if let older = newest[item.targetKey] { superseded.append((older, item.id)) }
            newest[item.targetKey] = item
        }
        return (newest.values.sorted { $0.id < $1.id }, superseded)
    }

    private func runStatuses(_ items: [WriteBack], _ summary: inout Summary) async -> [WriteBack] {
        let targets = Array(Set(items.map(\.target))).sorted()
        let current: [Int: OrderSlipState?]
        var customers: [Int: Int] = [:]
        do {
            let orders = try await client.invoices(
                InvoiceQuery(orderIds: targets), properties: ["OrderId", "CustomerId", "OrderStatus"], rowProperties: []
            )
            current = Dictionary(orders.map { ($0.orderId, $0.orderStatus) }, uniquingKeysWith: { first, _ in first })
            for order in orders { customers[order.orderId] = order.customerId }
        } catch {
            return items.compactMap { postpone($0, error) }
        }
        var result: [WriteBack] = []
        var updates: [Int: (WriteBack, OrderStatusUpdate)] = [:]
        for item in items {
            guard let status = OrderSlipState(rawValue: item.value) else {
                result += refuse(item, "\(item.value) is not a 24SevenOffice status", &summary)
                continue
            }
            guard let known = current[item.target] else {
                result += refuse(item, "order \(item.target) is not in 24SevenOffice", &summary)
                continue
            }
            if known == status {
                result += skip(item, &summary)
            } else if known?.isInvoiced == true {
                result += refuse(item, "order \(item.target) is invoiced in 24SevenOffice and cannot change", &summary)
            } else {
                // The customer goes with the status, as 24SevenOffice's own clients send it on updates.
                updates[item.target] = (
                    item, OrderStatusUpdate(orderId: item.target, customerId: customers[item.target], status: status)
                )
            }
        }
        guard !updates.isEmpty else { return result }
        do {
            let outcomes = try await client.saveOrderStatuses(
                updates.values.map(\.1).sorted { $0.orderId < $1.orderId })
            for (target, (item, update)) in updates {
                switch outcomes[target] {
                case .applied, .alreadyApplied:
                    result += complete(item)
                    summary.written.append("order \(target) set to \(update.status.rawValue)")
                    metrics.writeBacksApplied(.orderStatus)
                    logger.info(
                        "order status written to 24SevenOffice",
                        metadata: [
                            "order": "\(target)", "status": "\(update.status.rawValue)", "file.name": "\(item.source)",
                        ])
                case .refused(let error):
                    result += refuse(item, error.message, &summary)
                case nil:
                    result +=
                        postpone(
                            item, BridgeError(.export, "24SevenOffice gave no answer for order \(target)")
                        ).map { [$0] } ?? []
                }
            }
        } catch {
            result += updates.values.compactMap { postpone($0.0, error) }
        }
        return result
    }

    private func runStock(_ items: [WriteBack], _ summary: inout Summary) async -> [WriteBack] {
        let current: [Int: Decimal?]
        do {
            let products = try await client.products(
                ProductQuery(productIds: Array(Set(items.map(\.target))).sorted()), properties: ["Id", "Stock"])
            current = Dictionary(products.map { ($0.id, $0.stock) }, uniquingKeysWith: { first, _ in first })
        } catch {
            return items.compactMap { postpone($0, error) }
        }
        var result: [WriteBack] = []
        for item in items.sorted(by: { $0.target < $1.target }) {
            let target = item.target
            guard let quantity = Decimal(string: item.value, locale: Locale(identifier: "en_US_POSIX")) else {
                result += refuse(item, "\(item.value) is not a quantity", &summary)
                continue
            }
            guard let known = current[target] else {
                result += refuse(item, "product \(target) is not in 24SevenOffice", &summary)
                continue
            }
            if known == quantity {
                result += skip(item, &summary)
                continue
            }
            do {
                _ = try await client.setStockQuantity(productId: target, quantity: quantity)
                result += complete(item)
                let before = known.map { "\($0)" } ?? "nothing"
                summary.written.append("stock of product \(target) corrected from \(before) to \(quantity)")
                metrics.writeBacksApplied(.stock)
                logger.info(
                    "stock corrected in 24SevenOffice",
                    metadata: [
                        "product": "\(target)", "from": "\(before)", "to": "\(quantity)", "file.name": "\(item.source)",
                    ])
            } catch let error as TwentyFourSevenItemError {
                result += refuse(item, error.message, &summary)
            } catch {
                if let next = postpone(item, error) { result.append(next) }
            }
        }
        return result
    }

    private func complete(_ item: WriteBack) -> [WriteBack] {
        WriteBackJournal.apply(.applied, to: item, at: now()).map { [$0] } ?? []
    }

    private func skip(_ item: WriteBack, _ summary: inout Summary) -> [WriteBack] {
        summary.skipped += 1
        return WriteBackJournal.apply(.alreadyRight, to: item, at: now()).map { [$0] } ?? []
    }

    private func refuse(_ item: WriteBack, _ reason: String, _ summary: inout Summary) -> [WriteBack] {
        summary.refused.append("\(item.source): \(reason)")
        logger.warning(
            "24SevenOffice write-back refused", metadata: ["reason": "\(reason)", "file.name": "\(item.source)"])
        return WriteBackJournal.apply(.refused(reason), to: item, at: now()).map { [$0] } ?? []
    }

    /// A temporary failure: tried again later; a shutdown costs no attempt.
    private func postpone(_ item: WriteBack, _ error: any Error) -> WriteBack? {
        if error is CancellationError { return WriteBackJournal.apply(.interrupted, to: item, at: now()) }
        let next = WriteBackJournal.apply(.failed("\(error)"), to: item, at: now())
        logger.notice(
            "24SevenOffice write-back will be retried",
            metadata: [
                "error": "\(error)", "retry.at": "\(next?.nextAttemptAt.formatted(Date.ISO8601FormatStyle()) ?? "?")",
                "file.name": "\(item.source)",
            ])
        return next
    }
}
