public import BridgeModel
public import Foundation
import XMLStream

extension TwentyFourSevenClient {
    /// Asks whether the current session is authenticated (`HasSession`); does not log in.
    public func hasSession() async throws -> Bool {
        let envelope = try SOAPEnvelope.request("HasSession") { _ in }
        let response = try await call(
            "HasSession", service: .authenticate, envelope: envelope, effect: .read, authenticated: false)
        return SOAPValue.bool(response.value("HasSessionResult")) ?? false
    }

    /// The identity (user and client company) the session works on (`GetIdentity`).
    public func identity() async throws -> SessionIdentity {
        let envelope = try SOAPEnvelope.request("GetIdentity") { _ in }
        let response = try await call("GetIdentity", service: .authenticate, envelope: envelope, effect: .read)
        let result = response.child("GetIdentityResult")
        return SessionIdentity(
            id: result?.value("Id") ?? "", userName: result?.child("User")?.value("Name"),
            clientId: result?.child("Client")?.value("Id").flatMap { Int($0) },
            clientName: result?.child("Client")?.value("Name"))
    }

    /// Fetches products (`GetProducts`), in batches of ids when ids are given.
    public func products(_ query: ProductQuery, properties: [String] = ReturnProperties.product) async throws
        -> [Product]
    {
        var result: [Product] = []
        for ids in batches(query.productIds) {
            let envelope = try SOAPEnvelope.request("GetProducts") { writer in
                try writer.startElement("searchParams")
                try writer.date("DateChanged", query.changedSince)
                if let ids { try writer.intArray("ProductIds", ids) }
                try writer.endElement()
                try writer.stringArray("returnProperties", properties)
            }
            result += try await items(
                "GetProducts", service: .product, envelope: envelope, item: "Product", decode: ERPDecoder.product)
        }
        return result
    }

    /// Sets a product's stock quantity (`SetStockQuantity`, an absolute value), exactly once.
    /// - Returns: `true` when this call set it, `false` when a lost earlier attempt had already set it.
    @discardableResult
    public func setStockQuantity(productId: Int, quantity: Decimal) async throws -> Bool {
        let envelope = try SOAPEnvelope.request("SetStockQuantity") { writer in
            try writer.element("productId", text: String(productId))
            try writer.element("stockQuantity", text: SOAPValue.format(quantity))
        }
        return try await write(
            "SetStockQuantity", service: .product, envelope: envelope,
            verify: { _ in
                let current = try await self.products(
                    ProductQuery(productIds: [productId]), properties: ["Id", "Stock"])
                return current.first?.stock == quantity
            },
            apply: { response in
                guard SOAPValue.bool(response.value("SetStockQuantityResult")) == true else {
                    throw TwentyFourSevenItemError(
                        operation: "SetStockQuantity", itemId: productId, type: "SetStockQuantityResult",
                        message: "24SevenOffice answered false")
                }
            })
    }

    /// Lists the ids of orders changed or registered after the given times (`GetOrderSyncList`).
    ///
    /// The ids are read one at a time as the answer is parsed: a first sync's list of 100,000 ids built as a tree first
    /// took some 20 MB for a moment, more than the rest of the export holds at any time.
    public func orderSyncList(changedAfter: Date?, registeredAfter: Date) async throws -> [Int] {
        let envelope = try SOAPEnvelope.request("GetOrderSyncList") { writer in
            try writer.startElement("syncParams")
            try writer.date("ChangedAfter", changedAfter)
            try writer.date("RegisteredAfter", registeredAfter)
            try writer.endElement()
        }
        return try await items(
            "GetOrderSyncList", service: .invoice, envelope: envelope, item: "int",
            decode: { SOAPValue.int($0.trimmedText) })
    }

    /// Fetches orders (`GetInvoices`), in batches of at most 1000 ids when ids are given.
    public func invoices(
        _ query: InvoiceQuery, properties: [String] = ReturnProperties.invoice,
        rowProperties: [String] = ReturnProperties.invoiceRow
    ) async throws -> [InvoiceOrder] {
        var result: [InvoiceOrder] = []
        for ids in batches(query.orderIds) {
            let envelope = try SOAPEnvelope.request("GetInvoices") { writer in
                try writer.startElement("searchParams")
                if let customers = query.customerIds { try writer.intArray("CustomerIds", customers) }
                try writer.date("ChangedAfter", query.changedAfter)
                if !query.orderStates.isEmpty {
                    try writer.startElement("OrderStates")
                    for state in query.orderStates { try writer.element("OrderSlipStateType", text: state.rawValue) }
                    try writer.endElement()
                }
                if let ids { try writer.intArray("OrderIds", ids) }
                try writer.endElement()
                try writer.stringArray("invoiceReturnProperties", properties)
                try writer.stringArray("rowReturnProperties", rowProperties)
            }
            result += try await items(
                "GetInvoices", service: .invoice, envelope: envelope, item: "InvoiceOrder",
                decode: ERPDecoder.invoiceOrder)
        }
        return result
    }

    /// Changes the status of existing orders (`SaveInvoices`), each exactly once.
    ///
    /// When an answer is lost, the client reads the orders back and sends again only those whose status
    /// did not change. Per-order refusals (`APIException`) are returned, not thrown.
    public func saveOrderStatuses(_ updates: [OrderStatusUpdate]) async throws -> [Int: OrderStatusOutcome] {
        var outcomes: [Int: OrderStatusOutcome] = [:]
        var remaining = updates
        while !remaining.isEmpty {
            let batch = Array(remaining.prefix(configuration.maxIdsPerRequest))
            remaining.removeFirst(batch.count)
            var pending = batch
            var rounds = 0
            while !pending.isEmpty {
                rounds += 1
                let envelope = try SOAPEnvelope.request("SaveInvoices") { writer in
                    try writer.startElement("invoices")
                    for update in pending {
                        try writer.startElement("InvoiceOrder")
                        try writer.element("OrderId", text: String(update.orderId))
                        if let customer = update.customerId { try writer.element("CustomerId", text: String(customer)) }
                        try writer.element("OrderStatus", text: update.status.rawValue)
                        try writer.nilElement("IncludeVAT")
                        try writer.endElement()
                    }
                    try writer.endElement()
                }
                let sent = pending
                var alreadyApplied: Set<Int> = []
                var unknown = "answers to SaveInvoices were lost"
                let appliedNow = try await write(
                    "SaveInvoices", service: .invoice, envelope: envelope,
                    verify: { error in
                        unknown = error.description
                        // Read the orders back; those already at their new status are done, the rest go again.
                        let current = try await self.invoices(
                            InvoiceQuery(orderIds: sent.map(\.orderId)), properties: ["OrderId", "OrderStatus"],
                            rowProperties: [])
                        var statuses: [Int: OrderSlipState] = [:]
                        for order in current { statuses[order.orderId] = order.orderStatus }
                        alreadyApplied = Set(sent.filter { statuses[$0.orderId] == $0.status }.map(\.orderId))
                        return true
                    },
                    apply: { response in
                        let items = response.child("SaveInvoicesResult")?.children("InvoiceOrder") ?? []
                        for (index, update) in sent.enumerated() {
                            let item =
                                items.first { SOAPValue.int($0.value("OrderId")) == update.orderId }
                                ?? (index < items.count ? items[index] : nil)
                            if let item, let exception = ERPDecoder.apiException(item) {
                                outcomes[update.orderId] = .refused(
                                    TwentyFourSevenItemError(
                                        operation: "SaveInvoices", itemId: update.orderId, type: exception.type,
                                        message: exception.message))
                            } else {
                                outcomes[update.orderId] = .applied
                            }
                        }
                    })
                if appliedNow {
                    pending = []
                } else {
                    for id in alreadyApplied { outcomes[id] = .alreadyApplied }
                    pending = sent.filter { !alreadyApplied.contains($0.orderId) }
                    if rounds >= configuration.maxAttempts && !pending.isEmpty {
                        throw TwentyFourSevenError(
                            .retriesExhausted(attempts: rounds, underlying: unknown),
                            operation: "SaveInvoices")
                    }
                }
            }
        }
        return outcomes
    }

    /// Fetches companies (`GetCompanies`), in batches of at most 1000 ids when ids are given.
    public func companies(_ query: CompanyQuery, properties: [String] = ReturnProperties.company) async throws
        -> [Company]
    {
        var result: [Company] = []
        for ids in batches(query.companyIds) {
            let envelope = try SOAPEnvelope.request("GetCompanies") { writer in
                try writer.startElement("searchParams")
                if let ids { try writer.intArray("CompanyIds", ids) }
                try writer.date("ChangedAfter", query.changedAfter)
                try writer.endElement()
                try writer.stringArray("returnProperties", properties)
            }
            result += try await items(
                "GetCompanies", service: .company, envelope: envelope, item: "Company", decode: ERPDecoder.company)
        }
        return result
    }

    /// Lists companies changed or registered after the given times, reading every page
    /// (`GetCompanySyncList`).
    public func companySyncList(changedAfter: Date?, registeredAfter: Date? = nil, active: Bool? = nil) async throws
        -> [SyncCompany]
    {
        var result: [SyncCompany] = []
        var page = 1
        while true {
            let envelope = try SOAPEnvelope.request("GetCompanySyncList") { writer in
                try writer.startElement("syncSearchParameters")
                try writer.element("Page", text: String(page))
                if let active {
                    try writer.element("Active", text: active ? "true" : "false")
                } else {
                    try writer.nilElement("Active")
                }
                try writer.date("ChangedAfter", changedAfter)
                try writer.date("RegisteredAfter", registeredAfter)
                try writer.endElement()
            }
            let response = try await call("GetCompanySyncList", service: .company, envelope: envelope, effect: .read)
            guard let pageElement = response.child("GetCompanySyncListResult") else { break }
            result += (pageElement.child("Items")?.children("SyncCompany") ?? []).compactMap(ERPDecoder.syncCompany)
            let totalPages = SOAPValue.int(pageElement.value("TotalPages")) ?? 1
            if page >= totalPages { break }
            page += 1
        }
        return result
    }

    /// Splits ids into request-sized batches; a query without ids is one batch of `nil`.
    private func batches(_ ids: [Int]?) -> [[Int]?] {
        guard let ids else { return [nil] }
        let size = configuration.maxIdsPerRequest
        return stride(from: 0, to: ids.count, by: size).map { Array(ids[$0..<min($0 + size, ids.count)]) }
    }
}
