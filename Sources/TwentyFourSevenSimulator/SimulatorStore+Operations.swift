import Foundation
import XMLStream

/// A SOAP fault the simulator answers, worded like ASMX does.
struct SimulatedFault: Error {
    var code: String
    var text: String

    static func client(_ reason: String) -> SimulatedFault {
        SimulatedFault(code: "soap:Client", text: "Server was unable to read request. ---> \(reason)")
    }

    static func server(_ reason: String) -> SimulatedFault {
        SimulatedFault(code: "soap:Server", text: "Server was unable to process request. ---> \(reason)")
    }
}

/// What an operation answers: the elements inside `<OpResult>`, or the result's text.
enum OperationResult {
    case elements([XMLElement])
    case text(String)
    case page(XMLElement)
}

extension SimulatorStore {
    /// Runs an authenticated operation against the data.
    func perform(_ operation: String, _ request: XMLElement) throws -> OperationResult {
        switch operation {
        case "GetProducts": return try getProducts(request)
        case "SetStockQuantity": return try setStockQuantity(request)
        case "GetInvoices": return try getInvoices(request)
        case "GetOrderSyncList": return getOrderSyncList(request)
        case "SaveInvoices": return try saveInvoices(request)
        case "GetCompanies": return try getCompanies(request)
        case "GetCompanySyncList": return getCompanySyncList(request)
        default: throw SimulatedFault.client("The operation \(operation) is not supported by this service.")
        }
    }

    private func getProducts(_ request: XMLElement) throws -> OperationResult {
        let search = request.child("searchParams")
        let ids = Self.ints(search?.child("ProductIds"))
        let changed = search?.date("DateChanged")
        let number = search?.value("No")
        let single = search?.value("Id").flatMap { Int($0) }
        guard ids != nil || changed != nil || number != nil || single != nil else {
            throw SimulatedFault.server("Please specify at least one search parameter")
        }
        let properties = Self.strings(request.child("returnProperties"))
        let candidates = ids.map { $0.compactMap { data.products[$0] } } ?? Array(data.products.values)
        let matches = candidates.filter { product in
            let id = product.value("Id").flatMap { Int($0) } ?? 0
            if let ids, !ids.contains(id) { return false }
            if let single, single != id { return false }
            if let number, product.value("No") != number { return false }
            if let changed, (Self.rounded(product.date("DateChanged")) ?? .distantPast) < changed { return false }
            return true
        }
        return .elements(Self.sorted(matches, by: "Id").map { Self.project($0, properties, rowProperties: []) })
    }

    private func setStockQuantity(_ request: XMLElement) throws -> OperationResult {
        guard let id = request.value("productId").flatMap({ Int($0) }),
            let quantity = request.value("stockQuantity").flatMap({
                Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX"))
            })
        else {
            throw SimulatedFault.client("There is an error in XML document: productId and stockQuantity are required.")
        }
        guard let product = data.products[id] else { return .text("false") }
        let text = quantity.description
        data.products[id] = product.setting("Stock", to: text, before: ["StatusId", "CategoryId", "PriceGroupID"])
        recordWrite("SetStockQuantity", id: id, value: text)
        return .text("true")
    }

    private func getInvoices(_ request: XMLElement) throws -> OperationResult {
        let search = request.child("searchParams")
        let ids = Self.ints(search?.child("OrderIds"))
        let customers = Self.ints(search?.child("CustomerIds"))
        let changed = search?.date("ChangedAfter")
        let states = search?.child("OrderStates").map { Set($0.children("OrderSlipStateType").map(\.trimmedText)) }
        guard ids != nil || customers != nil || changed != nil || states != nil else {
            throw SimulatedFault.server("Please specify at least one search parameter")
        }
        if let ids, ids.count > 1000 {
            throw SimulatedFault.server("Too many OrderIds; at most 1000 are allowed per request")
        }
        let candidates = ids.map { $0.compactMap { data.orders[$0] } } ?? Array(data.orders.values)
        let matches = candidates.filter { order in
            if let ids, !ids.contains(Int(order.value("OrderId") ?? "") ?? 0) { return false }
            if let customers, !customers.contains(Int(order.value("CustomerId") ?? "") ?? 0) { return false }
            if let states, !states.contains(order.value("OrderStatus") ?? "Web") { return false }
            if let changed, (Self.rounded(order.date("DateChanged")) ?? .distantPast) <= changed { return false }
            return true
        }
        let properties = Self.strings(request.child("invoiceReturnProperties")).union(["IncludeVAT"])
        let rowProperties = Self.strings(request.child("rowReturnProperties"))
        return .elements(
            Self.sorted(matches, by: "OrderId").map { Self.project($0, properties, rowProperties: rowProperties) })
    }

    private func getOrderSyncList(_ request: XMLElement) -> OperationResult {
        let changed = request.child("syncParams")?.date("ChangedAfter")
        let registered = request.child("syncParams")?.date("RegisteredAfter")
        let ids = data.orders.values.filter { order in
            let wasChanged = changed.map { (Self.rounded(order.date("DateChanged")) ?? .distantPast) > $0 } ?? false
            let wasRegistered =
                registered.map { (Self.rounded(order.date("DateOrdered")) ?? .distantPast) > $0 } ?? false
            return wasChanged || wasRegistered
        }.compactMap { $0.value("OrderId").flatMap { Int($0) } }.sorted()
        return .elements(ids.map { XMLElement(name: "int", text: String($0)) })
    }

    private func saveInvoices(_ request: XMLElement) throws -> OperationResult {
        let items = request.child("invoices")?.children("InvoiceOrder") ?? []
        if let stuck = items.compactMap({ $0.value("OrderId").flatMap { Int($0) } }).first(where: stuckOrders.contains)
        {
            throw SimulatedFault.server(
                "Transaction (Process ID 71) was deadlocked on lock resources with another process and has been "
                    + "chosen as the deadlock victim (order \(stuck)). Rerun the transaction.")
        }
        return .elements(items.map(saveInvoice))
    }

    private func saveInvoice(_ item: XMLElement) -> XMLElement {
        var echo = XMLElement(name: "InvoiceOrder")
        let id = item.value("OrderId").flatMap { Int($0) }
        func refuse(_ type: String, _ message: String) -> XMLElement {
            echo.children.append(XMLElement(name: "IncludeVAT", attributes: [Self.nilAttribute]))
            echo.children.append(
                XMLElement(
                    name: "APIException",
                    children: [XMLElement(name: "Type", text: type), XMLElement(name: "Message", text: message)]))
            return echo
        }
        if let id { echo.children.append(XMLElement(name: "OrderId", text: String(id))) }
        guard let id, let order = data.orders[id] else {
            return refuse(
                "Office24Seven.Library.Core.ParameterNotFoundException",
                "Creating orders is not supported by the simulator; OrderId \(id.map(String.init) ?? "(none)") was not found"
            )
        }
        if let customer = order.value("CustomerId") {
            echo.children.append(XMLElement(name: "CustomerId", text: customer))
        }
        let current = order.value("OrderStatus") ?? "Web"
        if ["Invoiced", "InvoicedCashAccount", "InvoicedPack"].contains(current) {
            return refuse(
                "Office24Seven.Library.Economy.InvoiceOrder.OrderIsInvoicedException",
                "It is not possible to change any properties of an order that is marked as Invoiced")
        }
        if let status = item.value("OrderStatus") {
            data.orders[id] = order.setting("OrderStatus", to: status)
                .setting("DateChanged", to: XSDDateTime.format(now(), zone: true))
            recordWrite("SaveInvoices", id: id, value: status)
            echo.children.append(XMLElement(name: "OrderStatus", text: status))
        }
        echo.children.append(XMLElement(name: "IncludeVAT", attributes: [Self.nilAttribute]))
        return echo
    }

    private func getCompanies(_ request: XMLElement) throws -> OperationResult {
        let search = request.child("searchParams")
        let ids = Self.ints(search?.child("CompanyIds"))
        let single = search?.value("CompanyId").flatMap { Int($0) }
        let changed = search?.date("ChangedAfter")
        let name = search?.value("CompanyName")
        guard ids != nil || single != nil || changed != nil || name != nil else {
            throw SimulatedFault.server("Please specify at least one search parameter")
        }
        let properties = Self.strings(request.child("returnProperties"))
        let matches = data.companies.values.filter { company in
            let id = company.value("Id").flatMap { Int($0) } ?? 0
            if let ids, !ids.contains(id) { return false }
            if let single, single != id { return false }
            if let name, company.value("Name") != name { return false }
            if let changed, (Self.rounded(company.date("DateChanged")) ?? .distantPast) <= changed { return false }
            return true
        }
        return .elements(Self.sorted(matches, by: "Id").map { Self.project($0, properties, rowProperties: []) })
    }

    private func getCompanySyncList(_ request: XMLElement) -> OperationResult {
        let search = request.child("syncSearchParameters")
        let changed = search?.date("ChangedAfter")
        let registered = search?.date("RegisteredAfter")
        let page = max(1, search?.value("Page").flatMap { Int($0) } ?? 1)
        let all = Self.sorted(
            data.companies.values.filter { company in
                if changed == nil && registered == nil { return true }
                let wasChanged =
                    changed.map { (Self.rounded(company.date("DateChanged")) ?? .distantPast) > $0 } ?? false
                let wasRegistered = registered.map { (company.date("DateCreated") ?? .distantPast) > $0 } ?? false
                return wasChanged || wasRegistered
            }, by: "Id")
        let size = companyPageSize
        let totalPages = max(1, (all.count + size - 1) / size)
        let items = all.dropFirst((page - 1) * size).prefix(size).map { company in
            XMLElement(
                name: "SyncCompany",
                children: [
                    XMLElement(name: "CompanyId", text: company.value("Id") ?? ""),
                    XMLElement(name: "DateChanged", text: Self.roundedText(company.date("DateChanged"))),
                    XMLElement(
                        name: "DateRegistered",
                        text: XSDDateTime.format(
                            company.date("DateCreated") ?? Date(timeIntervalSince1970: 0), zone: true)),
                    XMLElement(name: "Active", text: "true"),
                ])
        }
        return .page(
            XMLElement(
                name: "GetCompanySyncListResult",
                children: [
                    XMLElement(name: "CurrentPage", text: String(page)),
                    XMLElement(name: "TotalPages", text: String(totalPages)),
                    XMLElement(name: "TotalItems", text: String(all.count)),
                    XMLElement(name: "ItemsPerPage", text: String(size)),
                    XMLElement(name: "Items", children: Array(items)),
                ]))
    }
}
