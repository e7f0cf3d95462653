import BridgeEngine
import BridgeModel
import Foundation
import TwentyFourSeven

/// 24SevenOffice in memory, behind the engine's own gateway: orders, products, and a switch that makes every call fail
/// as an unreachable service does. The engine's logic is tested against it without HTTP.
actor MemoryERP: ERPGateway {
    private(set) var orders: [Int: InvoiceOrder] = [:]
    private(set) var products: [Int: Product] = [:]
    /// Every write applied, in order: `"status 5007 Pack"`, `"stock 1001 10"`.
    private(set) var writes: [String] = []
    /// Whether every call fails.
    var down = false

    init(orders: [InvoiceOrder] = [], products: [Product] = []) {
        for order in orders { self.orders[order.orderId] = order }
        for product in products { self.products[product.id] = product }
    }

    func setDown(_ down: Bool) { self.down = down }

    /// Changes an order, as a user in 24SevenOffice would.
    func edit(_ orderId: Int, _ change: (inout InvoiceOrder) -> Void) {
        guard var order = orders[orderId] else { return }
        change(&order)
        orders[orderId] = order
    }

    private func check(_ operation: String) throws {
        if down { throw TwentyFourSevenError(.transport("connection refused"), operation: operation) }
    }

    func products(_ query: ProductQuery, properties: [String]) async throws -> [Product] {
        try check("GetProducts")
        return (query.productIds ?? Array(products.keys)).sorted().compactMap { products[$0] }
    }

    func setStockQuantity(productId: Int, quantity: Decimal) async throws -> Bool {
        try check("SetStockQuantity")
        guard var product = products[productId] else {
            throw TwentyFourSevenItemError(
                operation: "SetStockQuantity", itemId: productId, type: "SetStockQuantityResult", message: "false")
        }
        product.stock = quantity
        products[productId] = product
        writes.append("stock \(productId) \(quantity)")
        return true
    }

    func orderSyncList(changedAfter: Date?, registeredAfter: Date) async throws -> [Int] {
        try check("GetOrderSyncList")
        return orders.keys.sorted()
    }

    func invoices(_ query: InvoiceQuery, properties: [String], rowProperties: [String]) async throws -> [InvoiceOrder] {
        try check("GetInvoices")
        return (query.orderIds ?? Array(orders.keys)).sorted().compactMap { orders[$0] }.filter {
            query.orderStates.isEmpty || $0.orderStatus.map(query.orderStates.contains) == true
        }
    }

    func saveOrderStatuses(_ updates: [OrderStatusUpdate]) async throws -> [Int: OrderStatusOutcome] {
        try check("SaveInvoices")
        var outcomes: [Int: OrderStatusOutcome] = [:]
        for update in updates {
            guard var order = orders[update.orderId] else { continue }
            order.orderStatus = update.status
            orders[update.orderId] = order
            writes.append("status \(update.orderId) \(update.status.rawValue)")
            outcomes[update.orderId] = .applied
        }
        return outcomes
    }

    func companies(_ query: CompanyQuery, properties: [String]) async throws -> [Company] {
        try check("GetCompanies")
        return []
    }

    func companySyncList(changedAfter: Date?) async throws -> [SyncCompany] {
        try check("GetCompanySyncList")
        return []
    }
}
