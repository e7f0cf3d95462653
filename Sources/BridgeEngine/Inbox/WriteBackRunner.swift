import BridgeModel
public import Foundation
public import Logging
public import TwentyFourSeven

/// Carries out the journal's pending write-backs, each so that it takes effect once.
///
/// Before every attempt it reads the current value from 24SevenOffice: an order already at the status, or a
/// product already at the quantity, needs no write; an unknown or invoiced order, or an unknown product, is
/// refused and reported, not retried. Temporary failures leave the write-back pending with a growing delay
/// (30 s doubling to 1 h), across restarts, because the journal is in the state store.
public actor WriteBackRunner {
    private let client: TwentyFourSevenClient
    private let store: StateStore
    private let logger: Logger
    private let now: @Sendable () -> Date

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

        /// Creates an empty summary.
        public init() {}
    }

    /// Creates a runner.
    public init(
        client: TwentyFourSevenClient, store: StateStore, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.store = store
        self.logger = logger
        self.now = now
    }

    /// Tries every due write-back once, a thousand at a time.
    public func runDue() async throws -> Summary {
        var summary = Summary()
        var last: Int64 = 0
        while true {
            let due = try await store.dueWriteBacks(now: now(), after: last)
            guard let newest = due.last?.id else { break }
            last = newest
            let statuses = due.filter { $0.operation == .orderStatus }
            let stock = due.filter { $0.operation == .stock }
            var finished: [WriteBack] = []
            if !statuses.isEmpty { finished += await runStatuses(statuses, &summary) }
            if !stock.isEmpty { finished += await runStock(stock, &summary) }
            try await store.updateWriteBacks(finished, now: now())
            summary.pending += finished.filter { $0.state == .pending }.count
        }
        return summary
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
            return items.map { postpone($0, error) }
        }
        var result: [WriteBack] = []
        var updates: [Int: (WriteBack, OrderStatusUpdate)] = [:]
        for item in items {
            guard let status = OrderSlipState(rawValue: item.value) else {
                result.append(refuse(item, "\(item.value) is not a 24SevenOffice status", &summary))
                continue
            }
            guard let known = current[item.target] else {
                result.append(refuse(item, "order \(item.target) is not in 24SevenOffice", &summary))
                continue
            }
            if known == status || updates[item.target]?.1.status == status {
                result.append(skip(item, &summary))
            } else if known?.isInvoiced == true {
                result.append(
                    refuse(item, "order \(item.target) is invoiced in 24SevenOffice and cannot change", &summary))
            } else {
                if let earlier = updates[item.target] { result.append(skip(earlier.0, &summary)) }
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
                    result.append(complete(item))
                    summary.written.append("order \(target) set to \(update.status.rawValue)")
                    logger.info(
                        "order status written to 24SevenOffice",
                        metadata: [
                            "order": "\(target)", "status": "\(update.status.rawValue)", "file.name": "\(item.source)",
                        ])
                case .refused(let error):
                    result.append(refuse(item, error.message, &summary))
                case nil:
                    result.append(
                        postpone(item, BridgeError(.export, "24SevenOffice gave no answer for order \(target)")))
                }
            }
        } catch {
            result += updates.values.map { postpone($0.0, error) }
        }
        return result
    }

    private func runStock(_ items: [WriteBack], _ summary: inout Summary) async -> [WriteBack] {
        // The latest figure for a product wins; earlier ones are superseded.
        var latest: [Int: WriteBack] = [:]
        var result: [WriteBack] = []
        for item in items {
            if let earlier = latest[item.target] { result.append(skip(earlier, &summary)) }
            latest[item.target] = item
        }
        let current: [Int: Decimal?]
        do {
            let products = try await client.products(
                ProductQuery(productIds: Array(latest.keys).sorted()), properties: ["Id", "Stock"])
            current = Dictionary(products.map { ($0.id, $0.stock) }, uniquingKeysWith: { first, _ in first })
        } catch {
            return result + latest.values.map { postpone($0, error) }
        }
        for (target, item) in latest.sorted(by: { $0.key < $1.key }) {
            guard let quantity = Decimal(string: item.value, locale: Locale(identifier: "en_US_POSIX")) else {
                result.append(refuse(item, "\(item.value) is not a quantity", &summary))
                continue
            }
            guard let known = current[target] else {
                result.append(refuse(item, "product \(target) is not in 24SevenOffice", &summary))
                continue
            }
            if known == quantity {
                result.append(skip(item, &summary))
                continue
            }
            do {
                try await client.setStockQuantity(productId: target, quantity: quantity)
                result.append(complete(item))
                let before = known.map { "\($0)" } ?? "nothing"
                summary.written.append("stock of product \(target) corrected from \(before) to \(quantity)")
                logger.info(
                    "stock corrected in 24SevenOffice",
                    metadata: [
                        "product": "\(target)", "from": "\(before)", "to": "\(quantity)", "file.name": "\(item.source)",
                    ])
            } catch let error as TwentyFourSevenItemError {
                result.append(refuse(item, error.message, &summary))
            } catch {
                result.append(postpone(item, error))
            }
        }
        return result
    }

    private func complete(_ item: WriteBack) -> WriteBack {
        var done = item
        done.state = .done
        done.attempts += 1
        done.lastError = nil
        return done
    }

    private func skip(_ item: WriteBack, _ summary: inout Summary) -> WriteBack {
        var skipped = item
        skipped.state = .skipped
        summary.skipped += 1
        return skipped
    }

    private func refuse(_ item: WriteBack, _ reason: String, _ summary: inout Summary) -> WriteBack {
        var refused = item
        refused.state = .refused
        refused.attempts += 1
        refused.lastError = reason
        summary.refused.append("\(item.source): \(reason)")
        logger.warning(
            "24SevenOffice write-back refused", metadata: ["reason": "\(reason)", "file.name": "\(item.source)"])
        return refused
    }

    private func postpone(_ item: WriteBack, _ error: any Error) -> WriteBack {
        var pending = item
        pending.attempts += 1
        pending.lastError = "\(error)"
        let delay = min(3600, 30 * pow(2, Double(min(pending.attempts - 1, 7))))
        pending.nextAttemptAt = now().addingTimeInterval(delay)
        logger.notice(
            "24SevenOffice write-back will be retried",
            metadata: ["error": "\(error)", "retry.in.seconds": "\(Int(delay))", "file.name": "\(item.source)"])
        return pending
    }
}
