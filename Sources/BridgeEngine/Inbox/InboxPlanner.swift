import BridgeModel
import Foundation
import OngoingFiles
import TwentyFourSeven

/// The second pass over an inbox file: turns its items into write-backs, in batches of 1000, and records them
/// with the picked lines in the journal (one transaction per batch).
///
/// Shipments: an order whose WMS status is in `reportAtStatuses` gets `sentStatus`. Acknowledgements: with
/// `statusOnImport` set, a successful import gets that status; a failed one is reported. Stock: each article's
/// figure is compared with 24SevenOffice's `Product.Stock`, read in batches, and only differences become
/// write-backs; articles 24SevenOffice does not know are reported.
struct InboxPlanner {
    let store: StateStore
    let client: any ERPGateway
    let settings: InboxSettings
    let source: String
    /// The archive record of this take of the file: its instructions get source keys from it, and the keys the file
    /// names go into the archive's key index under it.
    let take: Int?
    let archive: ArchiveWriter
    let blocking: BlockingWork
    let now: @Sendable () -> Date

    /// The file's item reader, handed between thread-pool jobs one at a time.
    private final class Items: @unchecked Sendable {
        let reader: InboundItemReader
        init(_ reader: InboundItemReader) { self.reader = reader }

        func next(_ count: Int) throws -> [InboundItem] {
            var batch: [InboundItem] = []
            while batch.count < count, let item = try reader.next() { batch.append(item) }
            return batch
        }
    }

    /// Plans the file; `report` receives each batch's number of write-backs and the rows it could not use.
    func plan(path: String, kind: InboundKind, sha: String, dryRun: Bool, report: (Int, [String]) -> Void) async throws
    {
        let source = source
        let items = try await blocking.run { Items(try InboundFile.open(path: path, name: source)) }
        var position = 0
        var batch = try await blocking.run { try items.next(1000) }
        repeat {
            let next = batch.count == 1000 ? try await blocking.run { try items.next(1000) } : []
            let plan = try await planBatch(batch, from: position, kind: kind)
            if !dryRun, let take {
                try await archive.index(batch.flatMap(Self.keys), for: take)
            }
            if !dryRun {
                try await store.recordInboxFile(
                    sha256: sha, name: source, kind: kind.rawValue, writeBacks: plan.writeBacks,
                    pickedLines: plan.picked, importFailures: plan.failures, imported: plan.imported,
                    last: next.isEmpty, now: now())
            }
            report(plan.writeBacks.count, plan.notes)
            position += batch.count
            batch = next
        } while !batch.isEmpty
    }

    /// The business keys an item names: order numbers, article numbers and product codes.
    private static func keys(_ item: InboundItem) -> [String] {
        switch item {
        case .shipment(let order): [order.orderNumber]
        case .acknowledgement(let ack): [ack.orderNumber]
        case .stock(let line): [line.articleNumber, line.productCode].compactMap { $0 }
        }
    }

    /// What one batch of a file amounts to.
    private struct BatchPlan {
        /// The write-backs to journal.
        var writeBacks: [PlannedWriteBack] = []
        /// The picked lines reported.
        var picked: [StateStore.PickedLineEntry] = []
        /// The rows that could not be used, with why.
        var notes: [String] = []
        /// Orders the WMS could not import.
        var failures: [StateStore.ImportFailure] = []
        /// Orders the WMS did import (or ship): earlier import failures of theirs are over.
        var imported: [String] = []
    }

    private func planBatch(_ items: [InboundItem], from position: Int, kind: InboundKind) async throws -> BatchPlan {
        var plan = BatchPlan()
        var stock: [(StockReport, String?)] = []
        for (offset, item) in items.enumerated() {
            let key = take.map { "a\($0):\(position + offset)" }
            switch item {
            case .shipment(let order):
                guard let orderId = Int(order.orderNumber) else {
                    plan.notes.append(
                        "\(order.location): order number \(order.orderNumber) is not a 24SevenOffice OrderId")
                    continue
                }
                plan.imported.append(order.orderNumber)
                for line in order.lines {
                    plan.picked.append(
                        StateStore.PickedLineEntry(
                            orderNumber: order.orderNumber, lineCode: line.externalOrderLineCode,
                            ordered: line.ordered.map { "\($0)" }, picked: "\(line.picked)",
                            statusNumber: order.statusNumber))
                }
                if settings.notifyShipped && settings.reportAtStatuses.contains(order.statusNumber) {
                    plan.writeBacks.append(
                        PlannedWriteBack(
                            operation: .orderStatus, target: orderId, value: settings.sentStatus.rawValue,
                            source: "\(source) \(order.location)", sourceKey: key))
                }
            case .acknowledgement(let ack):
                if !ack.success {
                    let message = ack.errorMessage ?? "no reason given"
                    plan.notes.append("\(ack.location): the WMS could not import order \(ack.orderNumber): \(message)")
                    plan.failures.append(
                        StateStore.ImportFailure(
                            orderNumber: ack.orderNumber, message: message, source: "\(source) \(ack.location)",
                            reportedAt: now()))
                    continue
                }
                plan.imported.append(ack.orderNumber)
                if let status = settings.statusOnImport, let orderId = Int(ack.orderNumber) {
                    plan.writeBacks.append(
                        PlannedWriteBack(
                            operation: .orderStatus, target: orderId, value: status.rawValue,
                            source: "\(source) \(ack.location)", sourceKey: key))
                }
            case .stock(let line):
                stock.append((line, key))
            }
        }
        if !stock.isEmpty {
            let (planned, stockNotes) = try await planStock(stock)
            plan.writeBacks += planned
            plan.notes += stockNotes
        }
        return plan
    }

    private func planStock(_ lines: [(StockReport, String?)]) async throws -> ([PlannedWriteBack], [String]) {
        var notes: [String] = []
        let registered = try await store.productIds(articleNumbers: Set(lines.compactMap(\.0.articleNumber)))
        var wanted: [(Int, Decimal, StockReport, String?)] = []
        for (line, key) in lines {
            let id = line.productCode.flatMap { Int($0) } ?? line.articleNumber.flatMap { registered[$0] }
            guard let id else {
                notes.append(
                    "\(line.location): article \(line.articleNumber ?? line.productCode ?? "?") is not in the article registry"
                )
                continue
            }
            guard let figure = settings.stockField == .sellable ? line.sellable : line.numberOfItems else {
                notes.append("\(line.location): \(settings.stockField.rawValue) is missing")
                continue
            }
            guard figure >= 0 else {
                notes.append(
                    "\(line.location): \(settings.stockField.rawValue) \(figure) is negative; 24SevenOffice's stock is not set below zero"
                )
                continue
            }
            wanted.append((id, figure, line, key))
        }
        guard !wanted.isEmpty else { return ([], notes) }
        // Compared with 24SevenOffice only when it answers at once: intake never waits for the ERP. Without an
        // answer every line is journaled, and the runner compares before it writes.
        let current: [Int: Decimal?]?
        do {
            let ids = Array(Set(wanted.map(\.0))).sorted()
            let products = try await CallPatience.$current.withValue(.failFast) {
                try await client.products(ProductQuery(productIds: ids), properties: ["Id", "Stock"])
            }
            current = Dictionary(products.map { ($0.id, $0.stock) }, uniquingKeysWith: { first, _ in first })
        } catch {
            current = nil
        }
        var planned: [PlannedWriteBack] = []
        for (id, figure, line, key) in wanted {
            if let current {
                guard let known = current[id] else {
                    notes.append("\(line.location): product \(id) is not in 24SevenOffice")
                    continue
                }
                if known == figure { continue }
            }
            planned.append(
                PlannedWriteBack(
                    operation: .stock, target: id, value: "\(figure)", source: "\(source) \(line.location)",
                    sourceKey: key))
        }
        return (planned, notes)
    }
}
