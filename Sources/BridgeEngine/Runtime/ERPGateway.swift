public import BridgeModel
public import Foundation
public import TwentyFourSeven

/// What the engine needs from 24SevenOffice: the reads of the exporters and the write-back runner, and the two
/// writes.
///
/// ``TwentyFourSevenClient`` is the production gateway; tests may give the engine one that keeps its data in memory,
/// so that the engine's logic is tested without HTTP.
public protocol ERPGateway: Sendable {
    /// Products (`GetProducts`).
    func products(_ query: ProductQuery, properties: [String]) async throws -> [Product]
    /// Sets a product's stock exactly once; `false` when a lost earlier attempt had already set it.
    func setStockQuantity(productId: Int, quantity: Decimal) async throws -> Bool
    /// Ids of orders changed or registered after the given times (`GetOrderSyncList`).
    func orderSyncList(changedAfter: Date?, registeredAfter: Date) async throws -> [Int]
    /// Orders (`GetInvoices`).
    func invoices(_ query: InvoiceQuery, properties: [String], rowProperties: [String]) async throws -> [InvoiceOrder]
    /// Changes the status of existing orders, each exactly once (`SaveInvoices`).
    func saveOrderStatuses(_ updates: [OrderStatusUpdate]) async throws -> [Int: OrderStatusOutcome]
    /// Companies (`GetCompanies`).
    func companies(_ query: CompanyQuery, properties: [String]) async throws -> [Company]
    /// Companies changed after a time, every page (`GetCompanySyncList`).
    func companySyncList(changedAfter: Date?) async throws -> [SyncCompany]
    /// Begins an export cycle: an endpoint found unreachable in the last cycle is tried again.
    func startCycle() async
}

extension ERPGateway {
    /// Nothing to do for a gateway that keeps no state between cycles.
    public func startCycle() async {}
}

extension TwentyFourSevenClient: ERPGateway {
    /// Companies changed after a time, every page.
    public func companySyncList(changedAfter: Date?) async throws -> [SyncCompany] {
        try await companySyncList(changedAfter: changedAfter, registeredAfter: nil, active: nil)
    }
}
